/**
 * The XML gateway's certificate job list (task 400115: running jobs) and history list (400135:
 * finished ones), list inquires (./xmlListInquire.ts) whose keys are the job element's keywords
 * (help page "Job Object").
 */
import { isOpen, pollJob, settleJobs } from "../jobs";
import type { JobRecord, Store } from "../store";
import { jobXml } from "./wire";
import { ListKeys, XmlListError, whereTest, whole } from "./xmlListInquire";

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

type Node = Record<string, unknown>;

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
  const jobKeys: ListKeys<JobRecord> = {
    name: "a certificate job list",
    keys: JOB_KEYS,
    field: (key, job) => fieldOf(store, key, job),
  };
  const matches = whereTest(jobKeys, t.where);
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
