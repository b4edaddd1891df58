/** Types of the ResellerClub / LogicBoxes HTTP API client. */
import type { Sleep } from "../common/rateLimiter";
import type { ResellerClubApi } from "./client";

/** Client construction options. */
export interface ResellerClubClientOptions {
  /** "live" (default), "test", or a base URL ending in `/api`. */
  endpoint?: string;
  authUserId: string | number;
  apiKey: string;
  timeoutMs?: number;
  maxRetries?: number;
  backoffMs?: number;
  sleep?: Sleep;
}

/** How the customer invoice is handled. */
export type InvoiceOption = "NoInvoice" | "PayInvoice" | "KeepInvoice" | "OnlyAdd";
/** The accepted invoice options. */
export const INVOICE_OPTIONS: readonly InvoiceOption[] = [
  "NoInvoice",
  "PayInvoice",
  "KeepInvoice",
  "OnlyAdd",
];

/** The seed's `digitalcertificate/renew` request. */
export interface DigitalCertificateRenewRequest {
  orderId: string;
  years: number;
  additionalLicenses: number;
  /** Current expiry, epoch seconds. */
  expDate: number;
  invoiceOption: InvoiceOption;
  /** Sent as attr-nameN / attr-valueN pairs, in insertion order. */
  attributes?: Record<string, string>;
}

/** The current `sslcert/renew` request. */
export interface SslCertRenewRequest {
  orderId: string;
  months: number;
  invoiceOption: InvoiceOption;
  discountAmount?: number;
}

/** The flat result map of a renewal (every value a string). */
export interface ResellerClubRenewResult {
  /** The action id that tracks this renewal. */
  eaqId: string;
  entityId?: string;
  invoiceId?: string;
  actionStatus?: string;
  actionStatusDesc?: string;
  status?: string;
  actionTypeDesc?: string;
  raw: Record<string, string>;
}

/** Order details. */
export interface ResellerClubOrder {
  orderId: string;
  /** Expiry (`endtime`), ISO. */
  notAfter?: string;
  created?: string;
  currentStatus?: string;
  domainName?: string;
  /** `productcategory`, where the answer names it (which API the order belongs to). */
  productCategory?: string;
  /** `productkey`, where the answer names it. */
  productKey?: string;
  raw: Record<string, string>;
}

/** One current (not yet archived) action. */
export interface ResellerClubAction {
  eaqId: string;
  orderId?: string;
  actionType?: string;
  actionStatus: string;
  actionStatusDesc?: string;
  added?: string;
  completed?: string;
}

/** One page of an order search (`{api}/search.json`). */
export interface ResellerClubOrderSearchQuery {
  /** Which certificate API's orders to list. */
  api: ResellerClubApi;
  /** 1-based page number (`page-no`). */
  pageNo: number;
  /** Rows per page (`no-of-records`; LogicBoxes documents 10 to 500). */
  noOfRecords: number;
  /** Only these orders (`order-id`, repeated); absent: every order of the API. */
  orderIds?: string[];
}

/** One row of an order search, read from its dotted keys (`orders.orderid`, …). */
export interface ResellerClubListedOrder {
  orderId: string;
  /** Expiry (`orders.endtime`), ISO; undefined where the row carries none. */
  notAfter?: string;
  /** `entity.currentstatus`, e.g. Active, InActive, Suspended, Deleted. */
  currentStatus?: string;
  /** `entity.description`: the domain the order is for. */
  domainName?: string;
}

/** One page of orders, with the vendor's counts. */
export interface ResellerClubOrderPage {
  /** `recsindb`: how many orders match, across all pages. */
  total: number;
  /** `recsonpage`: how many rows this page holds. */
  onPage: number;
  orders: ResellerClubListedOrder[];
}
