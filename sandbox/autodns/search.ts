/**
 * Runs an AutoDNS search body (the spec's `Query`: `filters` of key, value/values, operator and
 * nested `filters` joined by `link`; `view` limit/offset; `orders` of key and `type` ASC|DESC).
 * The body has already passed the contract (./contract.ts): keys are documented ones and types are
 * right. A documented key the sandbox does not track reads as absent. `LIKE` wildcards are `%`
 * (the vendor's SDK examples) and `*` (its help pages).
 */

/** One filter as sent. */
interface WireFilter {
  key?: string;
  value?: string;
  values?: string[];
  operator?: string;
  link?: string;
  filters?: WireFilter[];
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

function likePattern(expected: string): RegExp {
  const escaped = expected.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/[%*]/g, ".*");
  return new RegExp(`^${escaped}$`, "i");
}

function compare(operator: string, actual: string | undefined, f: WireFilter): boolean {
  const expected = f.value ?? "";
  const list = f.values ?? expected.split(",").map((v) => v.trim());
  const order = actual === undefined ? undefined : actual.localeCompare(expected, "en", { numeric: true });
  switch (operator) {
    case "IS_NULL":
      return actual === undefined;
    case "IS_NOT_NULL":
      return actual !== undefined;
    case "NOT_EQUAL":
      return actual !== expected;
    case "NOT_LIKE":
      return actual === undefined || !likePattern(expected).test(actual);
    case "NOT_IN":
      return actual === undefined || !list.includes(actual);
  }
  if (actual === undefined || order === undefined) return false;
  switch (operator) {
    case "EQUAL":
      return actual === expected;
    case "LIKE":
    case "ILIKE":
      return likePattern(expected).test(actual);
    case "IN":
      return list.includes(actual);
    case "GREATER":
    case "NOT_LESS_EQUAL":
      return order > 0;
    case "GREATER_EQUAL":
    case "NOT_LESS":
      return order >= 0;
    case "LESS":
    case "NOT_GREATER_EQUAL":
      return order < 0;
    case "LESS_EQUAL":
    case "NOT_GREATER":
      return order <= 0;
    default:
      return false;
  }
}

function compile<T>(
  filters: WireFilter[] | undefined,
  fields: Record<string, (item: T) => string | undefined>,
): (item: T) => boolean {
  if (!filters?.length) return () => true;
  const tests = filters.map((f) => {
    const link = f.link ?? "AND";
    if (f.filters?.length && f.key === undefined) return { link, test: compile(f.filters, fields) };
    const field = fields[f.key ?? ""] ?? (() => undefined);
    const operator = f.operator ?? "EQUAL";
    return { link, test: (item: T) => compare(operator, field(item), f) };
  });
  return (item) =>
    tests.reduce<boolean | undefined>((acc, { link, test }) => {
      if (acc === undefined) return test(item);
      return link === "OR" ? acc || test(item) : acc && test(item);
    }, undefined) ?? true;
}

/** Parses a search body that passed the contract. */
export function parseSearch<T>(
  body: unknown,
  fields: Record<string, (item: T) => string | undefined>,
): SearchQuery<T> {
  const b = (body ?? {}) as {
    filters?: WireFilter[];
    view?: { limit?: number; offset?: number };
    orders?: { key?: string; type?: string }[];
  };
  const order = b.orders?.[0];
  return {
    matches: compile(b.filters, fields),
    limit: b.view?.limit ?? 50,
    offset: b.view?.offset ?? 0,
    orderKey: order?.key,
    direction: order?.type === "DESC" ? -1 : 1,
  };
}

/** Filters, orders and pages `items`; returns the page and the total number of matches. */
export function runSearch<T>(
  items: T[],
  query: SearchQuery<T>,
  fields: Record<string, (item: T) => string | undefined>,
  defaultOrder: (a: T, b: T) => number,
): { page: T[]; total: number } {
  const field = query.orderKey ? (fields[query.orderKey] ?? (() => undefined)) : undefined;
  const hits = items.filter(query.matches);
  hits.sort(
    field
      ? (a, b) =>
          query.direction * (field(a) ?? "").localeCompare(field(b) ?? "", "en", { numeric: true }) ||
          defaultOrder(a, b)
      : defaultOrder,
  );
  // AutoDNS treats limit 0 as "no limit".
  const end = query.limit === 0 ? undefined : query.offset + query.limit;
  return { page: hits.slice(query.offset, end), total: hits.length };
}
