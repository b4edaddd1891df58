/**
 * The ResellerClub HTTP API under `/resellerclub/api`: `{digitalcertificate,sslcert}/renew` (POST),
 * `{digitalcertificate,sslcert}/details` and `/search` (GET) and `actions/search-current` (GET), each with a
 * `.json` or `.xml` suffix. Parameters come from the query and, for POST, the form body; login is
 * `auth-userid` plus `api-key` (or the legacy `auth-password`). Like the vendor it refuses unknown
 * calls, a wrong method, and parameters a call does not document or of the wrong type, each with
 * the error envelope `{"status":"ERROR","message":…}`.
 */
import { epochSeconds } from "../dates";
import { isOpen, pollJob } from "../jobs";
import type { RouteOutcome, Router } from "../http/route";
import { SANDBOX_SEED } from "../seed";
import type { Store } from "../store";
import { pagedMap, reportedEndtime, searchOrders, searchPage } from "./orderSearch";
import { actionRow, renewOrder, renewResultMap } from "./renewal";
import { RESELLERCLUB_WIRE, ResellerClubFormat, WireMap, errorReply, mapReply } from "./wire";

const PATH = /^\/resellerclub\/api\/(.+)\.(json|xml)$/;

interface Call {
  route: string;
  method: "GET" | "POST";
  /** The call's documented parameters besides login; `integer` ones must be whole numbers. */
  params: Record<string, "integer" | "number" | "string">;
  /** digitalcertificate/renew also takes `attr-nameN`/`attr-valueN` pairs. */
  attributes?: boolean;
}

/** The order search's parameters the sandbox emulates (`order-id` may repeat). */
const ORDER_SEARCH: Call["params"] = {
  "no-of-records": "integer",
  "page-no": "integer",
  "order-id": "integer",
};

/**
 * The calls and their parameters as the KB documents them (kb/answer/2399 SSL renew, 2403 SSL
 * details, 885 digital certificate renew, Search Current Actions; the order search as LogicBoxes'
 * "Search Orders" of its other products); anything else is refused. The order search's other
 * documented filters (customer-id, status, dates, order-by) are not emulated, so they are refused
 * rather than silently ignored.
 */
const CALLS: Record<string, Call> = {
  "digitalcertificate/renew": {
    route: "resellerclub.renew",
    method: "POST",
    params: {
      "order-id": "integer",
      years: "integer",
      "additional-licenses": "integer",
      "exp-date": "integer",
      "invoice-option": "string",
    },
    attributes: true,
  },
  "sslcert/renew": {
    route: "resellerclub.renew",
    method: "POST",
    params: {
      "order-id": "integer",
      months: "integer",
      "invoice-option": "string",
      "discount-amount": "number",
    },
  },
  "digitalcertificate/details": {
    route: "resellerclub.details",
    method: "GET",
    params: { "order-id": "integer" },
  },
  "sslcert/details": { route: "resellerclub.details", method: "GET", params: { "order-id": "integer" } },
  "digitalcertificate/search": { route: "resellerclub.search", method: "GET", params: ORDER_SEARCH },
  "sslcert/search": { route: "resellerclub.search", method: "GET", params: ORDER_SEARCH },
  "actions/search-current": {
    route: "resellerclub.actions",
    method: "GET",
    params: {
      "eaq-id": "integer",
      "order-id": "integer",
      "entity-type-id": "integer",
      "action-status": "string",
      "action-type": "string",
      "no-of-records": "integer",
      "page-no": "integer",
    },
  },
};

const LOGIN: Call["params"] = { "auth-userid": "integer", "api-key": "string", "auth-password": "string" };

/** The first parameter the call does not document, or of the wrong type, as the refusal text. */
function parameterRefusal(call: Call, params: URLSearchParams): string | undefined {
  for (const [name, value] of params) {
    const type =
      LOGIN[name] ??
      call.params[name] ??
      (call.attributes && /^attr-(name|value)\d+$/.test(name) ? "string" : undefined);
    if (!type) return RESELLERCLUB_WIRE.unknownParameter(name);
    if (type === "integer" && !/^\d+$/.test(value)) return RESELLERCLUB_WIRE.invalidNumber(name);
    if (type === "number" && !/^\d+(\.\d+)?$/.test(value)) return RESELLERCLUB_WIRE.invalidNumber(name);
  }
  return undefined;
}

function authorized(params: URLSearchParams): boolean {
  const expected = SANDBOX_SEED.credentials.resellerclub;
  const key = params.get("api-key") ?? params.get("auth-password");
  return params.get("auth-userid") === expected.authUserId && key === expected.apiKey;
}

function details(
  store: Store,
  api: string,
  params: URLSearchParams,
  format: ResellerClubFormat,
): RouteOutcome {
  const orderId = params.get("order-id");
  if (!orderId) return errorReply(RESELLERCLUB_WIRE.required("order-id"), format);
  const order = store.certificate("resellerclub", orderId);
  if (!order || order.api !== api)
    return { ...errorReply(RESELLERCLUB_WIRE.orderNotFound, format), certificateId: orderId };
  const endtime = reportedEndtime(store, order);
  const map: WireMap = {
    orderid: order.id,
    entityid: order.id,
    description: order.commonName,
    domainname: order.commonName,
    currentstatus: "Active",
    productcategory: api,
    productkey: api === "sslcert" ? "sslcert" : "digitalcertificate",
    customerid: SANDBOX_SEED.resellerclub.customerId,
    creationtime: epochSeconds(order.created),
    // kb/answer/2403 names no expiry field for sslcert orders; the admin can take it away.
    ...(endtime === undefined ? {} : { endtime }),
  };
  return { ...mapReply(200, map, format), certificateId: orderId };
}

function searchCurrent(store: Store, params: URLSearchParams, format: ResellerClubFormat): RouteOutcome {
  const paging = searchPage(params, format, { min: 1, max: 500 });
  if ("status" in paging) return paging;
  const eaqIds = params.getAll("eaq-id");
  const orderIds = params.getAll("order-id");
  // Finished actions stay listed so callers can see Success/Failed (UNCONFIRMED; see docs/SANDBOX.md),
  // unless the admin archives them as the vendor's search-current/search-archived split suggests.
  const hits = [...store.jobs.values()]
    .filter((j) => j.vendor === "resellerclub")
    .filter((j) => !store.resellerclubArchivesFinished || isOpen(j))
    .filter(
      (j) =>
        (eaqIds.length === 0 || eaqIds.includes(j.id)) &&
        (orderIds.length === 0 || orderIds.includes(j.certificateId)),
    )
    .sort((a, b) => Number(a.id) - Number(b.id));
  const map = pagedMap(hits, paging, (action) => {
    pollJob(store, action);
    return actionRow(action, store.certificate("resellerclub", action.certificateId));
  });
  return { ...mapReply(200, map, format), certificateId: orderIds.length === 1 ? orderIds[0] : undefined };
}

/** The router; see the module comment. */
export function resellerClubRouter(store: Store): Router {
  return (request) => {
    const m = PATH.exec(request.path);
    if (!m) return undefined;
    const [, call, suffix] = m;
    const format = suffix as ResellerClubFormat;
    const known = CALLS[call];
    const params = new URLSearchParams(request.query);
    if (request.method === "POST" && !/json/i.test(String(request.headers["content-type"] ?? ""))) {
      new URLSearchParams(request.body).forEach((value, key) => params.append(key, value));
    }
    const orderId = params.get("order-id") ?? undefined;
    return {
      vendor: "resellerclub",
      route: known?.route ?? "resellerclub.unknown",
      format: format === "json" ? "json" : "xml",
      certificateId: orderId,
      run: () => {
        if (!known) return errorReply(RESELLERCLUB_WIRE.unknownCall, format);
        if (request.method !== known.method)
          return { ...errorReply(RESELLERCLUB_WIRE.wrongMethod, format), certificateId: orderId };
        if (!authorized(params))
          return { ...errorReply(RESELLERCLUB_WIRE.authFailed, format), certificateId: orderId };
        const refusal = parameterRefusal(known, params);
        if (refusal) return { ...errorReply(refusal, format), certificateId: orderId };
        const api = call.split("/")[0];
        if (known.route === "resellerclub.details") return details(store, api, params, format);
        if (known.route === "resellerclub.actions") return searchCurrent(store, params, format);
        if (known.route === "resellerclub.search") return searchOrders(store, api, params, format);
        const outcome = renewOrder(store, api as "digitalcertificate" | "sslcert", params);
        if ("refused" in outcome) return { ...errorReply(outcome.refused, format), certificateId: orderId };
        return {
          ...mapReply(200, renewResultMap(outcome.action, outcome.order), format),
          certificateId: orderId,
        };
      },
    };
  };
}
