/**
 * The list inquire of the XML gateway, as the help page "List Inquire" lays it out: `view`
 * (offset, limit, children), `where` (key/operator/value, nested in `and`/`or`) and `order` (key,
 * mode asc|desc). Each list names the keys it allows; anything else is refused with EF01000, like
 * the JSON contract. Shared by the job lists (./xmlJobList.ts) and the certificate list
 * (./xmlCertificateList.ts).
 */

/**
 * XML operators: the help pages' examples use `eq`; the other names are the XML spelling of the
 * JSON `Operator` values (UNCONFIRMED individually). `*` is the wildcard of `like` (and `eq`, as
 * the help page's `test*` example shows).
 */
const OPERATORS = new Set(["eq", "ne", "like", "lt", "le", "gt", "ge"]);

/** A list request the gateway would refuse: the object names the offending part. */
export class XmlListError extends Error {
  constructor(
    readonly objectType: string,
    readonly objectValue: string,
    list = "a certificate job list",
  ) {
    super(`${objectType} ${JSON.stringify(objectValue)} is not allowed in ${list}`);
  }
}

/** An XML node as the sandbox parses it. */
export type XmlListNode = Record<string, unknown>;

/** A list's keys and how to read one of them from an item. */
export interface ListKeys<T> {
  /** The list, for errors ("a certificate list"). */
  name: string;
  keys: ReadonlySet<string>;
  field(key: string, item: T): string | undefined;
}

/** A node's text child. */
export function listText(node: unknown, key: string): string | undefined {
  const v = node && typeof node === "object" ? (node as XmlListNode)[key] : undefined;
  return typeof v === "string" ? v : undefined;
}

function condition<T>(list: ListKeys<T>, node: unknown): (item: T) => boolean {
  const key = listText(node, "key");
  if (key === undefined) return whereTest(list, node);
  if (!list.keys.has(key)) throw new XmlListError("where.key", key, list.name);
  const operator = (listText(node, "operator") ?? "eq").toLowerCase();
  if (!OPERATORS.has(operator)) throw new XmlListError("where.operator", operator, list.name);
  const value = listText(node, "value") ?? "";
  const pattern = new RegExp(`^${value.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/[*%]/g, ".*")}$`, "i");
  return (item) => {
    const actual = list.field(key, item);
    if (actual === undefined) return operator === "ne";
    const order = actual.localeCompare(value, "en", { numeric: true });
    switch (operator) {
      case "eq":
      case "like":
        return pattern.test(actual);
      case "ne":
        return !pattern.test(actual);
      case "lt":
        return order < 0;
      case "le":
        return order <= 0;
      case "gt":
        return order > 0;
      default:
        return order >= 0;
    }
  };
}

/** `and` blocks all hold; `or` blocks: at least one ("and" binds before "or"). */
export function whereTest<T>(list: ListKeys<T>, node: unknown): (item: T) => boolean {
  if (!node || typeof node !== "object") return () => true;
  const n = node as XmlListNode;
  for (const k of Object.keys(n))
    if (k !== "and" && k !== "or") throw new XmlListError("where", k, list.name);
  const ands = ((n.and as unknown[]) ?? []).map((c) => condition(list, c));
  const ors = ((n.or as unknown[]) ?? []).map((c) => condition(list, c));
  return (item) => ands.every((t) => t(item)) && (ors.length === 0 || ors.some((t) => t(item)));
}

/** A whole number of the request (`view.limit`), or `fallback` when absent. */
export function whole(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined || value === "") return fallback;
  if (!/^\d+$/.test(value)) throw new XmlListError(name, value);
  return Number(value);
}
