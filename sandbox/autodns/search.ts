/**
 * The AutoDNS search body (`POST …/_search`): `filters` (key, value, operator, optional nested
 * `filters` joined by `link`), `view` (limit, offset) and `orders` (key, ordering). Only the keys
 * each search names are understood; any other key is refused rather than silently ignored.
 */

/** One filter as sent. */
interface WireFilter {
  key?: unknown;
  value?: unknown;
  operator?: unknown;
  link?: unknown;
  filters?: unknown;
}

/** A parsed search. */
export interface SearchQuery<T> {
  matches(item: T): boolean;
  limit: number;
  offset: number;
  /** -1 for DESC, 1 for ASC on `orderKey`. */
  direction: number;
  orderKey?: string;
}

/** A search the sandbox cannot run; becomes EF01000 with this object. */
export class SearchError extends Error {
  constructor(
    readonly objectType: string,
    readonly objectValue: string,
  ) {
    super(`unsupported ${objectType} ${objectValue}`);
  }
}

function compare(operator: string, actual: string | undefined, expected: string): boolean {
  if (actual === undefined) return operator === "NOT_EQUAL";
  switch (operator) {
    case "EQUAL":
      return actual === expected;
    case "NOT_EQUAL":
      return actual !== expected;
    case "IN":
      return expected
        .split(",")
        .map((v) => v.trim())
        .includes(actual);
    case "LIKE": {
      const pattern = expected.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*");
      return new RegExp(`^${pattern}$`, "i").test(actual);
    }
    case "GREATER":
      return actual > expected;
    case "LESS":
      return actual < expected;
    default:
      throw new SearchError("operator", operator);
  }
}

function compile<T>(
  filters: unknown,
  fields: Record<string, (item: T) => string | undefined>,
): (item: T) => boolean {
  if (filters === undefined) return () => true;
  if (!Array.isArray(filters)) throw new SearchError("filters", typeof filters);
  const tests = (filters as WireFilter[]).map((f) => {
    const link = String(f.link ?? "AND").toUpperCase();
    if (f.filters !== undefined) return { link, test: compile(f.filters, fields) };
    const key = String(f.key ?? "");
    const field = fields[key];
    if (!field) throw new SearchError("filter", key);
    const operator = String(f.operator ?? "EQUAL").toUpperCase();
    const value = String(f.value ?? "");
    compare(operator, "", value); // rejects unknown operators up front
    return { link, test: (item: T) => compare(operator, field(item), value) };
  });
  return (item) =>
    tests.reduce<boolean | undefined>((acc, { link, test }) => {
      if (acc === undefined) return test(item);
      return link === "OR" ? acc || test(item) : acc && test(item);
    }, undefined) ?? true;
}

/** Parses a search body; throws SearchError for what it cannot run. */
export function parseSearch<T>(
  body: unknown,
  fields: Record<string, (item: T) => string | undefined>,
): SearchQuery<T> {
  const b = (body && typeof body === "object" ? body : {}) as Record<string, unknown>;
  const view = (b.view && typeof b.view === "object" ? b.view : {}) as Record<string, unknown>;
  const limit = view.limit === undefined ? 50 : Number(view.limit);
  const offset = view.offset === undefined ? 0 : Number(view.offset);
  if (!Number.isInteger(limit) || limit < 0) throw new SearchError("view.limit", String(view.limit));
  if (!Number.isInteger(offset) || offset < 0) throw new SearchError("view.offset", String(view.offset));
  const order = Array.isArray(b.orders) ? (b.orders[0] as Record<string, unknown> | undefined) : undefined;
  return {
    matches: compile(b.filters, fields),
    limit,
    offset,
    orderKey: order?.key === undefined ? undefined : String(order.key),
    direction: String(order?.ordering ?? "ASC").toUpperCase() === "DESC" ? -1 : 1,
  };
}

/** Filters, orders and pages `items`; returns the page and the total number of matches. */
export function runSearch<T>(
  items: T[],
  query: SearchQuery<T>,
  fields: Record<string, (item: T) => string | undefined>,
  defaultOrder: (a: T, b: T) => number,
): { page: T[]; total: number } {
  const field = query.orderKey ? fields[query.orderKey] : undefined;
  if (query.orderKey && !field) throw new SearchError("order", query.orderKey);
  const hits = items.filter(query.matches);
  hits.sort(
    field
      ? (a, b) => query.direction * (field(a) ?? "").localeCompare(field(b) ?? "", "en", { numeric: true })
      : defaultOrder,
  );
  // AutoDNS treats limit 0 as "no limit".
  const end = query.limit === 0 ? undefined : query.offset + query.limit;
  return { page: hits.slice(query.offset, end), total: hits.length };
}
