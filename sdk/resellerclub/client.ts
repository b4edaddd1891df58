/**
 * ResellerClub / LogicBoxes HTTP API client: `digitalcertificate/renew` (the seed's call),
 * `sslcert/renew` (the current one), order details, the order search and the current-actions
 * search. Reads are GET,
 * changes POST with a form body (keeping the API key out of URLs and their logs).
 */
import { parseEpochSeconds } from "../common/dates";
import { asRecord, asString, decodeError, tryParseJson } from "../common/decode";
import { DecodeError } from "../common/errors";
import { HttpRequest, HttpResponse, HttpTransport, RepeatPolicy, encodeQuery } from "../common/http";
import { resellerClubError } from "./errors";
import {
  DigitalCertificateRenewRequest,
  ResellerClubAction,
  ResellerClubClientOptions,
  ResellerClubListedOrder,
  ResellerClubOrder,
  ResellerClubOrderPage,
  ResellerClubOrderSearchQuery,
  ResellerClubRenewResult,
  SslCertRenewRequest,
} from "./types";

/** Live API base. */
export const RESELLERCLUB_LIVE_ENDPOINT = "https://httpapi.com/api";
/** Test API base. */
export const RESELLERCLUB_TEST_ENDPOINT = "https://test.httpapi.com/api";

/**
 * The largest `no-of-records` an order search may ask for: LogicBoxes documents 10 to 500
 * (kb/answer/1133), so one request reads up to 500 orders.
 */
export const RESELLERCLUB_SEARCH_PAGE_SIZE = 500;

/** Which certificate API an order lives in. */
export type ResellerClubApi = "digitalcertificate" | "sslcert";

/** Resolves the "live"/"test" shorthands. */
export function resellerClubEndpoint(endpoint: string | undefined): string {
  if (!endpoint || endpoint === "live") return RESELLERCLUB_LIVE_ENDPOINT;
  if (endpoint === "test") return RESELLERCLUB_TEST_ENDPOINT;
  return endpoint;
}

/** The seed's digitalcertificate/renew parameters (without auth), in the vendor's names. */
export function digitalCertificateRenewParams(
  r: DigitalCertificateRenewRequest,
): Record<string, string | number> {
  const params: Record<string, string | number> = {
    "order-id": r.orderId,
    years: r.years,
    "additional-licenses": r.additionalLicenses,
    "exp-date": r.expDate,
    "invoice-option": r.invoiceOption,
  };
  Object.entries(r.attributes ?? {}).forEach(([name, value], i) => {
    params[`attr-name${i + 1}`] = name;
    params[`attr-value${i + 1}`] = value;
  });
  return params;
}

function flatStrings(record: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(record)) {
    const s = asString(v);
    if (s !== undefined) out[k] = s;
  }
  return out;
}

function optionalEpoch(value: string | undefined): string | undefined {
  return value && /^\d+$/.test(value) ? parseEpochSeconds(value) : undefined;
}

/** A count of a search answer (`recsindb`, `recsonpage`); absent: the rows on this page. */
function searchCount(value: string | undefined, rows: number, key: string): number {
  if (value === undefined) return rows;
  if (!/^\d+$/.test(value)) throw new Error(`${key} is ${JSON.stringify(value)}, not a count`);
  return Number(value);
}

/** One order-search row; its keys are dotted like the domain search's (`orders.orderid`, …). */
function listedOrder(row: Record<string, unknown>): ResellerClubListedOrder {
  const r = flatStrings(row);
  const orderId = r["orders.orderid"] ?? r.orderid ?? r.entityid;
  if (!orderId) throw new Error("a row carries no orders.orderid");
  return {
    orderId,
    notAfter: optionalEpoch(r["orders.endtime"] ?? r.endtime),
    currentStatus: r["entity.currentstatus"] ?? r.currentstatus,
    domainName: r["entity.description"] ?? r.description,
  };
}

/** Reads search results, which come as an array, `{result: […]}` or a map keyed "1", "2", …. */
export function searchRows(value: unknown): Record<string, unknown>[] {
  if (Array.isArray(value)) return value.map(asRecord).filter((r): r is Record<string, unknown> => !!r);
  const record = asRecord(value);
  if (!record) return [];
  if (Array.isArray(record.result)) return searchRows(record.result);
  return Object.keys(record)
    .filter((k) => /^\d+$/.test(k))
    .sort((a, b) => Number(a) - Number(b))
    .map((k) => asRecord(record[k]))
    .filter((r): r is Record<string, unknown> => !!r);
}

/** Names the orders of a search in errors: one id, or the first and how many more. */
function orderLabel(orderIds: string[]): string {
  return orderIds.length === 1 ? orderIds[0] : `${orderIds[0]} and ${orderIds.length - 1} more`;
}

/** The ResellerClub client. */
export class ResellerClubClient {
  private readonly transport: HttpTransport;

  constructor(private readonly options: ResellerClubClientOptions) {
    this.transport = new HttpTransport({
      vendor: "resellerclub",
      baseURL: resellerClubEndpoint(options.endpoint),
      timeoutMs: options.timeoutMs,
      maxRetries: options.maxRetries,
      backoffMs: options.backoffMs,
      sleep: options.sleep,
      headers: { Accept: "application/json" },
      // HTTP 500 carries business errors here; only retry a 500 that is not one.
      retryableResponse: (r) =>
        [429, 502, 503, 504].includes(r.status) ||
        (r.status === 500 && !/"status"\s*:\s*"error"/i.test(r.body)),
    });
  }

  /** The seed's renewal: `POST digitalcertificate/renew.json`. Never retried once sent. */
  async renewDigitalCertificate(request: DigitalCertificateRenewRequest): Promise<ResellerClubRenewResult> {
    const body = await this.post(
      "digitalcertificate/renew.json",
      digitalCertificateRenewParams(request),
      "renew",
      request.orderId,
    );
    return this.renewResult(body, request.orderId);
  }

  /** The current renewal: `POST sslcert/renew.json` with months. Never retried once sent. */
  async renewSslCert(request: SslCertRenewRequest): Promise<ResellerClubRenewResult> {
    const body = await this.post(
      "sslcert/renew.json",
      {
        "order-id": request.orderId,
        months: request.months,
        "invoice-option": request.invoiceOption,
        ...(request.discountAmount !== undefined ? { "discount-amount": request.discountAmount } : {}),
      },
      "renew",
      request.orderId,
    );
    return this.renewResult(body, request.orderId);
  }

  /**
   * Order details (`GET {api}/details.json`, `order-id` only: the one parameter kb/answer/2403
   * documents). `endtime` is the expiry in epoch seconds where the order reports it — confirmed for
   * other order types, not for sslcert, so `notAfter` may stay undefined.
   */
  async orderDetails(orderId: string, api: ResellerClubApi = "sslcert"): Promise<ResellerClubOrder> {
    const body = await this.get(`${api}/details.json`, { "order-id": orderId }, "orderDetails", orderId);
    const raw = flatStrings(body);
    try {
      return {
        orderId: raw.orderid ?? raw.entityid ?? orderId,
        notAfter: optionalEpoch(raw.endtime),
        created: optionalEpoch(raw.creationtime),
        currentStatus: raw.currentstatus,
        domainName: raw.domainname ?? raw.description,
        productCategory: raw.productcategory,
        productKey: raw.productkey,
        raw,
      };
    } catch (e) {
      throw new DecodeError(
        `ResellerClub answered orderDetails for order ${orderId} with an unreadable date: ${(e as Error).message}`,
        {
          vendor: "resellerclub",
          operation: "orderDetails",
          rawBody: JSON.stringify(body),
        },
      );
    }
  }

  /**
   * One page of the orders of an API (`GET {api}/search.json` with `no-of-records`, `page-no` and
   * `order-id` repeated), so many orders' expiries are read in one request. The call and its
   * dotted row keys are documented for LogicBoxes' other products; for certificates they are
   * UNCONFIRMED (docs/VENDOR-CHOICES.md). An empty `orderIds` matches nothing and sends nothing.
   */
  async searchOrders(query: ResellerClubOrderSearchQuery): Promise<ResellerClubOrderPage> {
    const { api, pageNo, noOfRecords, orderIds } = query;
    if (orderIds && orderIds.length === 0) return { total: 0, onPage: 0, orders: [] };
    const body = await this.get(
      `${api}/search.json`,
      { "no-of-records": noOfRecords, "page-no": pageNo, "order-id": orderIds },
      "orderSearch",
      orderIds && orderLabel(orderIds),
    );
    try {
      const orders = searchRows(body).map(listedOrder);
      return {
        total: searchCount(asString(body.recsindb), orders.length, "recsindb"),
        onPage: searchCount(asString(body.recsonpage), orders.length, "recsonpage"),
        orders,
      };
    } catch (e) {
      throw new DecodeError(
        `ResellerClub answered the ${api} order search unreadably: ${(e as Error).message}`,
        { vendor: "resellerclub", operation: "orderSearch", rawBody: JSON.stringify(body) },
      );
    }
  }

  /** Current actions (`GET actions/search-current.json`) by order and/or action ids. */
  async currentActions(filter: { orderIds?: string[]; eaqIds?: string[] }): Promise<ResellerClubAction[]> {
    const body = await this.get(
      "actions/search-current.json",
      { "order-id": filter.orderIds, "eaq-id": filter.eaqIds, "no-of-records": 50, "page-no": 1 },
      "actionSearch",
      filter.orderIds?.join(","),
    );
    try {
      return searchRows(body).map((row) => {
        const r = flatStrings(row);
        return {
          eaqId: r.eaqid ?? "",
          orderId: r.entityid ?? r.orderid,
          actionType: r.actiontype,
          actionStatus: r.actionstatus ?? "",
          actionStatusDesc: r.actionstatusdesc,
          added: optionalEpoch(r.actionadded),
          completed: optionalEpoch(r.actioncompleted),
        };
      });
    } catch (e) {
      throw new DecodeError(
        `ResellerClub answered the action search with an unreadable date: ${(e as Error).message}`,
        { vendor: "resellerclub", operation: "actionSearch", rawBody: JSON.stringify(body) },
      );
    }
  }

  private renewResult(body: Record<string, unknown>, orderId: string): ResellerClubRenewResult {
    const raw = flatStrings(body);
    if (!raw.eaqid) {
      throw new DecodeError(
        `ResellerClub accepted the renewal of order ${orderId} but its answer carries no eaqid; ` +
          `search the order's current actions before retrying`,
        { vendor: "resellerclub", operation: "renew", rawBody: JSON.stringify(body) },
      );
    }
    return {
      eaqId: raw.eaqid,
      entityId: raw.entityid,
      invoiceId: raw.invoiceid,
      actionStatus: raw.actionstatus,
      actionStatusDesc: raw.actionstatusdesc,
      status: raw.status,
      actionTypeDesc: raw.actiontypedesc,
      raw,
    };
  }

  private auth(): Record<string, string> {
    return { "auth-userid": String(this.options.authUserId), "api-key": this.options.apiKey };
  }

  private async post(
    path: string,
    params: Record<string, string | number>,
    operation: string,
    orderId?: string,
  ) {
    const request: HttpRequest = {
      method: "POST",
      path,
      body: encodeQuery({ ...this.auth(), ...params }),
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
    };
    return this.exchange(request, operation, "refusedOnly", orderId);
  }

  private async get(path: string, query: HttpRequest["query"], operation: string, orderId?: string) {
    return this.exchange(
      { method: "GET", path, query: { ...this.auth(), ...query } },
      operation,
      "safe",
      orderId,
    );
  }

  private async exchange(request: HttpRequest, operation: string, repeat: RepeatPolicy, orderId?: string) {
    const response = await this.transport.send(request, operation, repeat);
    return readResellerClubResponse(response, operation, orderId);
  }
}

/** Decodes an answer; throws the typed error for `{"status":"ERROR"}` bodies and non-JSON answers. */
export function readResellerClubResponse(
  response: HttpResponse,
  operation: string,
  orderId?: string,
): Record<string, unknown> {
  const parsed = tryParseJson(response.body);
  const body = parsed.ok
    ? (asRecord(parsed.value) ?? (Array.isArray(parsed.value) ? { result: parsed.value } : undefined))
    : undefined;
  if (!body) {
    if (response.status === 401 || response.status === 403 || response.status === 429) {
      throw resellerClubError(
        { operation, httpStatus: response.status, message: "", rawBody: response.body },
        orderId,
      );
    }
    throw decodeError(
      "resellerclub",
      operation,
      response,
      "JSON",
      parsed.ok ? "not an object" : `invalid JSON: ${parsed.reason}`,
    );
  }
  const status = asString(body.status);
  if ((status && status.toUpperCase() === "ERROR") || response.status >= 400) {
    const message = asString(body.message) ?? asString(body.error) ?? asString(body.actionstatusdesc) ?? "";
    throw resellerClubError(
      { operation, httpStatus: response.status, status, message, rawBody: response.body },
      orderId,
    );
  }
  return body;
}
