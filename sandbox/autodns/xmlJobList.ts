/**
 * The XML gateway's certificate job list (task 400115: running jobs) and history list (400135:
 * finished ones). The request is a list inquire as the help page "List Inquire" lays it out:
 * `view` (offset, limit, children), `where` (key/operator/value, nested in `and`/`or`) and `order`
 * (key, mode asc|desc). Keys are the job element's keywords (help page "Job Object"); anything
 * else is refused with EF01000, like the JSON contract.
 */
import { isOpen, pollJob, settleJobs } from "../jobs";
import type { JobRecord, Store } from "../store";
import { jobXml } from "./wire";

/** The job element's keywords (help page "Job Object"). */
const JOB_KEYS = new Set([
  "created",
  "updated",
  "owner",
  "updater",
  "status",
  "sub_status",
  "execution",
  "events",
  "type",
  "sub_type",
  "action",
  "id",
  "object",
]);

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
  ) {
    super(`${objectType} ${JSON.stringify(objectValue)} is not allowed in a certificate job list`);
  }
}

type Node = Record<string, unknown>;
type Test = (job: JobRecord) => boolean;

function text(node: unknown, key: string): string | undefined {
  const v = node && typeof node === "object" ? (node as Node)[key] : undefined;
  return typeof v === "string" ? v : undefined;
}

function fieldOf(store: Store, key: string, job: JobRecord): string | undefined {
  const cert = store.certificate("autodns", job.certificateId);
  const x = jobXml(job, cert);
  if (key === "created" || key === "updated") return String(job[key]).padStart(15, "0");
  const v = x[key];
  return typeof v === "string" ? v : undefined;
}

function condition(store: Store, node: unknown): Test {
  const key = text(node, "key");
  if (key === undefined) return group(store, node);
  if (!JOB_KEYS.has(key)) throw new XmlListError("where.key", key);
  const operator = (text(node, "operator") ?? "eq").toLowerCase();
  if (!OPERATORS.has(operator)) throw new XmlListError("where.operator", operator);
  const value = text(node, "value") ?? "";
  const pattern = new RegExp(`^${value.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/[*%]/g, ".*")}$`, "i");
  return (job) => {
    const actual = fieldOf(store, key, job);
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
function group(store: Store, node: unknown): Test {
  if (!node || typeof node !== "object") return () => true;
  const n = node as Node;
  for (const k of Object.keys(n)) if (k !== "and" && k !== "or") throw new XmlListError("where", k);
  const ands = ((n.and as unknown[]) ?? []).map((c) => condition(store, c));
  const ors = ((n.or as unknown[]) ?? []).map((c) => condition(store, c));
  return (job) => ands.every((t) => t(job)) && (ors.length === 0 || ors.some((t) => t(job)));
}

function whole(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined || value === "") return fallback;
  if (!/^\d+$/.test(value)) throw new XmlListError(name, value);
  return Number(value);
}

/** Runs a 400115 (`running`) or 400135 list; the answer's `data` and the certificate it was about. */
export function listJobsXml(
  store: Store,
  task: unknown,
  running: boolean,
): { data: Record<string, unknown>; certificateId?: string } {
  settleJobs(store);
  const t = (task ?? {}) as Node;
  const view = t.view as Node | undefined;
  const limit = whole(text(view, "limit"), "view.limit", 50);
  const offset = whole(text(view, "offset"), "view.offset", 0);
  const matches = group(store, t.where);
  const order = t.order as Node | undefined;
  const orderKey = text(order, "key");
  if (orderKey !== undefined && !JOB_KEYS.has(orderKey)) throw new XmlListError("order.key", orderKey);
  const mode = (text(order, "mode") ?? "asc").toLowerCase();
  if (mode !== "asc" && mode !== "desc") throw new XmlListError("order.mode", mode);
  const hits = [...store.jobs.values()].filter(
    (j) => j.vendor === "autodns" && isOpen(j) === running && matches(j),
  );
  const direction = mode === "desc" ? -1 : 1;
  hits.sort(
    (a, b) =>
      (orderKey
        ? direction *
          (fieldOf(store, orderKey, a) ?? "").localeCompare(fieldOf(store, orderKey, b) ?? "", "en", {
            numeric: true,
          })
        : 0) || Number(a.id) - Number(b.id),
  );
  const page = hits.slice(offset, limit === 0 ? undefined : offset + limit);
  // Listing a running job counts as a poll of it; one that finishes now has left the list.
  if (running) page.forEach((job) => pollJob(store, job));
  const shown = running ? page.filter(isOpen) : page;
  return {
    data: {
      summary: hits.length - (page.length - shown.length),
      certificate_job: shown.map((j) => ({ job: jobXml(j, store.certificate("autodns", j.certificateId)) })),
    },
    certificateId: searchedCertificateId(store, t.where),
  };
}

/** The certificate a list is about (an `object` eq condition names it), for the request log. */
function searchedCertificateId(store: Store, where: unknown): string | undefined {
  const ands = ((where as Node | undefined)?.and as unknown[] | undefined) ?? [];
  const name = ands.map((c) => (text(c, "key") === "object" ? text(c, "value") : undefined)).find(Boolean);
  if (name === undefined) return undefined;
  return [...store.certificates.values()].find((c) => c.vendor === "autodns" && c.commonName === name)?.id;
}
