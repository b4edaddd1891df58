/**
 * AutoDNS jobs as both protocols report them, and the renew-job search as the vendor documents it.
 *
 * Sources (docs/VENDOR-CHOICES.md): the Swagger spec (`POST /job/_search` "Job List (300115)",
 * `POST /job/history/_search` "Job History List (300135)", models `Query`, `QueryFilter`, `Order`,
 * `ObjectJob`) and the help pages "Certificate Job Info" / "Managing Certificate Orders". The
 * documented filter keys are parent, execution, subStatus, type, created, id, updated, status,
 * object and action; a certificate job's `object` is the certificate's *name*. Running jobs are
 * listed by `/job/_search`; a finished job leaves it (and `GET /job/{id}`, EF300101) for the
 * history.
 */
import { asRecord, asString } from "../common/decode";
import { parseAutodnsDate } from "../common/dates";
import type { AutodnsCertificateRef, AutodnsJob } from "./types";

/** Jobs a search asks for at most: one certificate has few renew jobs at a time. */
export const AUTODNS_JOB_SEARCH_LIMIT = 50;

/** The certificate jobs the provider starts: a paid renewal (400106) or a free reissue (400102). */
export type AutodnsJobAction = "renew" | "reissue";

/**
 * The body of a renew-job search (running or history) for one certificate: documented keys only,
 * newest first (`Order.type`, not `ordering`).
 */
export function renewJobQuery(
  certificateName: string,
  action: AutodnsJobAction = "renew",
): Record<string, unknown> {
  return {
    filters: [
      { key: "action", value: action, operator: "EQUAL", link: "AND" },
      { key: "object", value: certificateName, operator: "EQUAL", link: "AND" },
    ],
    view: { limit: AUTODNS_JOB_SEARCH_LIMIT, offset: 0 },
    orders: [{ key: "created", type: "DESC" }],
  };
}

function texts(list: unknown, field: string): string[] {
  if (!Array.isArray(list)) return [];
  return list
    .map((item) => (typeof item === "string" ? item : asString(asRecord(item)?.[field])))
    .filter((t): t is string => !!t && t.trim() !== "");
}

/**
 * Reads a job from one `data[i]` of a JSON answer: the vendor's `ObjectJob` (`{job, object,
 * niccomLogs, notices}`) or a plain `Job` (the renew answer, and the PHP SDK's list items).
 * `messages` are the answer's own messages, kept as notes.
 */
export function autodnsJobFrom(item: unknown, messages: unknown = []): AutodnsJob | undefined {
  const outer = asRecord(item);
  const job = asRecord(outer?.job) ?? outer;
  const id = asString(job?.id);
  if (!job || !id) return undefined;
  // ObjectJob keeps the object beside the job; older shapes carried it inside.
  const object = asRecord(outer?.object) ?? asRecord(job.object);
  const objectId = asString(asRecord(object?.data)?.id);
  const created = asString(job.created);
  const updated = asString(job.updated);
  const notes = [
    ...texts(outer?.niccomLogs, "text"),
    ...texts(outer?.notices, "text"),
    ...texts(messages, "text"),
  ];
  return {
    id,
    status: asString(job.status) ?? "NOT_SET",
    subStatus: asString(job.subStatus),
    action: asString(job.action),
    objectValue: asString(object?.value) ?? asString(outer?.objectValue),
    ...(objectId === undefined ? {} : { objectId }),
    ...(notes.length ? { notes } : {}),
    created: created ? parseAutodnsDate(created) : undefined,
    updated: updated ? parseAutodnsDate(updated) : undefined,
  };
}

/**
 * Whether a job found by a search renews this certificate. The filter matched by name only, and
 * names repeat (two orders for one domain): a job that names a certificate id must name this one;
 * one without must at least name the certificate and be a renewal.
 */
export function renewsCertificate(
  job: AutodnsJob,
  certificate: AutodnsCertificateRef,
  action: AutodnsJobAction = "renew",
): boolean {
  if (job.action !== undefined && job.action.toLowerCase() !== action) return false;
  if (job.objectId !== undefined) return job.objectId === certificate.id;
  return job.objectValue !== undefined && job.objectValue.toLowerCase() === certificate.name.toLowerCase();
}

/** Newest first by creation, then by id (ids grow); the vendor's order is not relied upon. */
export function newestFirst(jobs: AutodnsJob[]): AutodnsJob[] {
  const time = (j: AutodnsJob) => (j.created ? Date.parse(j.created) : 0);
  const id = (j: AutodnsJob) => (/^\d+$/.test(j.id) ? BigInt(j.id) : 0n);
  return [...jobs].sort((a, b) => time(b) - time(a) || (id(b) > id(a) ? 1 : id(b) < id(a) ? -1 : 0));
}

/** A job's outcome in one sentence, for `lastError`: status, sub-status and the vendor's notes. */
export function autodnsJobOutcome(job: AutodnsJob): string {
  const sub = job.subStatus ? ` (${job.subStatus})` : "";
  const notes = job.notes?.length ? `: ${job.notes.join("; ")}` : "";
  return `AutoDNS job ${job.id} ended ${job.status.toUpperCase()}${sub}${notes}`;
}
