/**
 * ResellerClub searches: the paging both search calls share, and the order search
 * (`{sslcert,digitalcertificate}/search`), which lists the orders of one API with the expiry
 * `details` would report. The call is LogicBoxes' "Search Orders", documented for its other
 * products (domain search: rows keyed "1", "2", … of dotted keys beside `recsonpage`/`recsindb`);
 * for certificates the call and its keys are UNCONFIRMED (docs/VENDOR-CHOICES.md), so the sandbox
 * answers only the documented-shape keys and refuses what the documentation refuses.
 */
import { epochSeconds } from "../dates";
import type { RouteOutcome } from "../http/route";
import type { CertificateRecord, Store } from "../store";
import { RESELLERCLUB_WIRE, ResellerClubFormat, WireMap, errorReply, mapReply } from "./wire";

/** The orders a search may list per page (kb/answer/1133: "between 10 to 500"). */
export const ORDER_SEARCH_RECORDS = { min: 10, max: 500 } as const;

/** A validated page request: 1-based `page` of `perPage` rows. */
export interface SearchPage {
  page: number;
  perPage: number;
}

/**
 * Reads `no-of-records` and `page-no` (both required); a refusal in the vendor's envelope when
 * either is missing or out of range.
 */
export function searchPage(
  params: URLSearchParams,
  format: ResellerClubFormat,
  records: { min: number; max: number },
): SearchPage | RouteOutcome {
  if (!params.get("no-of-records")) return errorReply(RESELLERCLUB_WIRE.required("no-of-records"), format);
  if (!params.get("page-no")) return errorReply(RESELLERCLUB_WIRE.required("page-no"), format);
  const perPage = Number(params.get("no-of-records"));
  const page = Number(params.get("page-no"));
  if (!Number.isInteger(perPage) || perPage < records.min || perPage > records.max) {
    return errorReply(RESELLERCLUB_WIRE.recordsOutOfRange(records.min, records.max), format);
  }
  if (!Number.isInteger(page) || page < 1)
    return errorReply(RESELLERCLUB_WIRE.invalidNumber("page-no"), format);
  return { page, perPage };
}

/** The rows of one page, 1-based, beside `recsonpage` and `recsindb` (all hits). */
export function pagedMap<T>(hits: T[], { page, perPage }: SearchPage, row: (hit: T) => WireMap): WireMap {
  const rows = hits.slice((page - 1) * perPage, page * perPage);
  const map: WireMap = { recsonpage: String(rows.length), recsindb: String(hits.length) };
  rows.forEach((hit, i) => (map[String(i + 1)] = row(hit)));
  return map;
}

/**
 * The order's `endtime` where `details` reports one: the order's term, not its certificate. For
 * sslcert orders no source names the field, and the admin can take it away
 * (`setResellerClubSslcertEndtime(false)`); details and search then both omit it.
 */
export function reportedEndtime(store: Store, order: CertificateRecord): string | undefined {
  if (order.api === "sslcert" && !store.resellerclubSslcertEndtime) return undefined;
  return epochSeconds(order.coverageEndsAt);
}

function orderRow(store: Store, order: CertificateRecord): WireMap {
  const endtime = reportedEndtime(store, order);
  return {
    "orders.orderid": order.id,
    "entity.description": order.commonName,
    "entity.currentstatus": "Active",
    "orders.creationtime": epochSeconds(order.created),
    ...(endtime === undefined ? {} : { "orders.endtime": endtime }),
  };
}

/** `GET {api}/search`: the API's orders, filtered by repeated `order-id`, ordered by order id. */
export function searchOrders(
  store: Store,
  api: string,
  params: URLSearchParams,
  format: ResellerClubFormat,
): RouteOutcome {
  const paging = searchPage(params, format, ORDER_SEARCH_RECORDS);
  if ("status" in paging) return paging;
  const orderIds = params.getAll("order-id");
  // The one login owns every order of the sandbox; another API's orders are not listed here.
  const hits = [...store.certificates.values()]
    .filter((c) => c.vendor === "resellerclub" && c.api === api)
    .filter((c) => orderIds.length === 0 || orderIds.includes(c.id))
    .sort((a, b) => Number(a.id) - Number(b.id));
  const map = pagedMap(hits, paging, (order) => orderRow(store, order));
  return { ...mapReply(200, map, format), certificateId: orderIds.length === 1 ? orderIds[0] : undefined };
}
