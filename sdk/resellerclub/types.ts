/** Types of the ResellerClub / LogicBoxes HTTP API client. */
import type { Sleep } from "../common/rateLimiter";

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
