/**
 * The AutoDNS JSON API's published contract, as the sandbox enforces it. Everything here is read
 * from InterNetX's own Swagger spec (the subset in ./spec, MIT): which method and path each
 * operation has, the types of its path parameter and body, its `keys[]` query values, and for
 * list operations the keys its description allows for filtering and ordering ("The following keys
 * can be used for filtering, ordering …: parent, execution, …"). A request that names another
 * route, key, operator, order field or body field, or sends a value of the wrong type, is refused
 * with the vendor's error envelope and recorded as a contract violation.
 */
import spec from "./spec/domainrobot-subset.json";
import { SchemaNode, SchemaViolation, definition, validate } from "./schema";

/** One documented operation. */
export interface AutodnsOperation {
  /** The sandbox's route name (request log, faults). */
  route: string;
  /** The spec's operationId. */
  operationId: string;
  method: string;
  /** The spec's path below `/v1`, e.g. `/job/history/{id}`. */
  path: string;
  /** The path parameter's schema (`id`), when the path has one. */
  idSchema?: SchemaNode;
  /** The body's model, when the operation takes one. */
  bodySchema?: SchemaNode;
  /** Values `keys[]` may take. */
  keys: string[];
  /** For list operations: the keys that filters and orders may use. */
  searchKeys?: string[];
}

interface SpecParameter extends SchemaNode {
  name: string;
  in: string;
  schema?: SchemaNode;
}

interface SpecOperation {
  operationId: string;
  description?: string;
  parameters?: SpecParameter[];
}

/** The spec's operationId → the sandbox's route name. */
const ROUTES: Record<string, string> = {
  certificateRenew: "autodns.json.renew",
  certificateReissue: "autodns.json.reissue",
  certificateinfo: "autodns.json.certificateInfo",
  certificateList: "autodns.json.certificateSearch",
  jobInfo: "autodns.json.jobInfo",
  jobList: "autodns.json.jobSearch",
  jobHistoryInfo: "autodns.json.jobHistoryInfo",
  jobHistoryList: "autodns.json.jobHistorySearch",
};

/** "… via query parameter: product, technical, orderId." → the listed keys. */
function documentedKeys(description: string | undefined): string[] | undefined {
  const m = /query parameter:\s*([^.]+)\./.exec(description ?? "");
  return m ? m[1].split(",").map((k) => k.trim()) : undefined;
}

function operationsFromSpec(): AutodnsOperation[] {
  const paths = (spec as unknown as { paths: Record<string, Record<string, SpecOperation>> }).paths;
  return Object.entries(paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => {
      const params = op.parameters ?? [];
      const id = params.find((p) => p.in === "path" && p.name === "id");
      const keys = params.find((p) => p.in === "query" && p.name === "keys");
      // The spec writes the enum as `{a`, `b`, `c}`.
      const keyValues = (keys?.items?.enum ?? []).map((k) => String(k).replace(/[{}]/g, ""));
      return {
        route: ROUTES[op.operationId] ?? `autodns.json.${op.operationId}`,
        operationId: op.operationId,
        method: method.toUpperCase(),
        path,
        idSchema: id ? { type: id.type, format: id.format } : undefined,
        bodySchema: params.find((p) => p.in === "body")?.schema,
        keys: keyValues,
        searchKeys: documentedKeys(op.description),
      };
    }),
  );
}

/** The operations the sandbox serves, from the spec. */
export const AUTODNS_OPERATIONS: readonly AutodnsOperation[] = operationsFromSpec();

/** A request matched to its operation: the path parameter, when there is one. */
export interface MatchedOperation {
  operation: AutodnsOperation;
  id?: string;
}

/**
 * The documented operation for a method and the path segments below `/v1`. A literal segment
 * (`_search`) wins over a parameter, as in the vendor's router.
 */
export function matchOperation(method: string, parts: string[]): MatchedOperation | undefined {
  let best: { match: MatchedOperation; literals: number } | undefined;
  for (const operation of AUTODNS_OPERATIONS) {
    if (operation.method !== method) continue;
    const template = operation.path.split("/").filter(Boolean);
    if (template.length !== parts.length) continue;
    let id: string | undefined;
    let literals = 0;
    const fits = template.every((segment, i) => {
      if (segment === "{id}") {
        id = parts[i];
        return true;
      }
      literals++;
      return segment === parts[i];
    });
    if (fits && (!best || literals > best.literals)) best = { match: { operation, id }, literals };
  }
  return best?.match;
}

/** Violations of the path parameter's type (`integer` int32/int64: digits only). */
export function idViolations(match: MatchedOperation): SchemaViolation[] {
  const { idSchema } = match.operation;
  if (!idSchema || match.id === undefined) return [];
  if (!/^-?\d+$/.test(match.id))
    return [{ path: "path.id", problem: `must be an integer (was "${match.id}")` }];
  return validate(Number(match.id), idSchema, "path.id");
}

/** Violations of the query: only `keys[]` with documented values, and the general `ctid`. */
export function queryViolations(operation: AutodnsOperation, query: URLSearchParams): SchemaViolation[] {
  const out: SchemaViolation[] = [];
  for (const [name, value] of query) {
    if (name === "ctid") continue;
    if (name !== "keys[]" && name !== "keys")
      out.push({ path: `query.${name}`, problem: "is not a parameter of the operation" });
    else if (!operation.keys.includes(value))
      out.push({
        path: `query.${name}`,
        problem: `must be one of ${operation.keys.join(", ") || "nothing"}`,
      });
  }
  return out;
}

/**
 * Violations of a parsed body: its model, and for list operations the filter and order keys
 * the operation documents (the model types a key only as a string).
 */
export function bodyViolations(operation: AutodnsOperation, body: unknown): SchemaViolation[] {
  if (body === undefined || !operation.bodySchema) return [];
  const out = validate(body, operation.bodySchema);
  if (!operation.searchKeys) return out;
  const allowed = new Set(operation.searchKeys);
  const list = (v: unknown): Record<string, unknown>[] =>
    Array.isArray(v) ? v.filter((x): x is Record<string, unknown> => !!x && typeof x === "object") : [];
  const key = (item: Record<string, unknown>, path: string) => {
    if (typeof item.key === "string" && !allowed.has(item.key))
      out.push({ path: `${path}.key`, problem: `"${item.key}" is not a documented key` });
  };
  // IN takes its list as `values[]` here (docs/VENDOR-CHOICES.md): how the vendor reads a
  // comma-joined `value` is unpublished, so the sandbox is no kinder and refuses it.
  const listOperands = (item: Record<string, unknown>, path: string) => {
    if ((item.operator === "IN" || item.operator === "NOT_IN") && item.value !== undefined)
      out.push({ path: `${path}.value`, problem: `must be values[] for ${String(item.operator)}` });
  };
  const walk = (filters: unknown, path: string): void =>
    list(filters).forEach((filter, i) => {
      key(filter, `${path}[${i}]`);
      listOperands(filter, `${path}[${i}]`);
      walk(filter.filters, `${path}[${i}].filters`);
    });
  const query = body as Record<string, unknown>;
  walk(query.filters, "body.filters");
  list(query.orders).forEach((order, i) => key(order, `body.orders[${i}]`));
  return out.sort((a, b) => a.path.localeCompare(b.path));
}

/** The Query model's operators (the spec's `Operator` enum). */
export const AUTODNS_OPERATORS: readonly string[] = (definition("Operator").enum ?? []).map(String);
