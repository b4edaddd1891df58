/**
 * The job operations of the AutoDNS JSON API, as the vendor keeps jobs: a running job is read by
 * `GET /job/{id}` (S300114) and listed by `POST /job/_search` (S300115); once it finishes it is
 * only in the history, `GET /job/history/{id}` (S300134) and `POST /job/history/_search`
 * (S300135), and job info answers EF300101. Items are `ObjectJob`s `{job, object}`.
 */
import type { RouteOutcome } from "../http/route";
import { isOpen, pollJob, settleJobs } from "../jobs";
import type { JobRecord } from "../store";
import { JsonContext, refusal, search } from "./jsonOperations";
import { AutodnsRefusal, isRefusal, pollAutodnsJob } from "./renewal";
import { AUTODNS_WIRE, AutodnsMessage, jsonSuccess, newStid, objectJobJson } from "./wire";

/** The documented job keys the sandbox tracks (the others read as absent). */
const JOB_FIELDS: Record<string, (j: JobRecord, ctx: JsonContext) => string | undefined> = {
  id: (j) => j.id,
  action: (j) => j.kind ?? "renew",
  type: () => "certificate",
  status: (j) =>
    ({ running: "RUNNING", pending: "RUNNING", succeeded: "SUCCESS", failed: "FAILED" })[j.state],
  subStatus: (j) => (j.state === "failed" ? "CA_REJECTED" : undefined),
  object: (j, ctx) => ctx.store.certificate("autodns", j.certificateId)?.commonName,
  // Zero-padded so that text order is time order.
  created: (j) => String(j.created).padStart(15, "0"),
  updated: (j) => String(j.updated).padStart(15, "0"),
};

function notFound(id: string): AutodnsRefusal {
  return { httpStatus: 404, message: AUTODNS_WIRE.jobNotFound, object: { type: "job", value: id } };
}

function answer(ctx: JsonContext, status: AutodnsMessage, job: JobRecord): RouteOutcome {
  const cert = ctx.store.certificate("autodns", job.certificateId);
  return {
    ...jsonSuccess(
      newStid(ctx.store),
      { ...status, type: "SUCCESS" as const },
      { type: "ObjectJob", value: job.id },
      [objectJobJson(job, cert, true)],
      ctx.ctid,
    ),
    certificateId: job.certificateId,
  };
}

/** `GET job/{id}`: a running job (counts as a poll); a finished one has left for the history. */
export function jobInfo(ctx: JsonContext, id: string): RouteOutcome {
  const job = pollAutodnsJob(ctx.store, id);
  if (isRefusal(job)) return refusal(ctx, job);
  if (!isOpen(job)) return { ...refusal(ctx, notFound(id)), certificateId: job.certificateId };
  return answer(ctx, AUTODNS_WIRE.jobInfo, job);
}

/** `GET job/history/{id}`: a finished job. */
export function jobHistoryInfo(ctx: JsonContext, id: string): RouteOutcome {
  settleJobs(ctx.store);
  const job = ctx.store.jobs.get(id);
  if (!job || job.vendor !== "autodns" || isOpen(job)) return refusal(ctx, notFound(id));
  return answer(ctx, AUTODNS_WIRE.jobHistoryInfo, job);
}

function listJobs(ctx: JsonContext, running: boolean, status: AutodnsMessage): RouteOutcome {
  settleJobs(ctx.store);
  const fields = Object.fromEntries(
    Object.entries(JOB_FIELDS).map(([k, f]) => [k, (j: JobRecord) => f(j, ctx)]),
  );
  const all = [...ctx.store.jobs.values()].filter((j) => j.vendor === "autodns" && isOpen(j) === running);
  return search(
    ctx,
    fields,
    all,
    (a, b) => Number(a.id) - Number(b.id),
    (page, total) => {
      // Listing a running job counts as a poll of it; one that finishes now has left the list.
      if (running) page.forEach((job) => pollJob(ctx.store, job));
      const shown = running ? page.filter(isOpen) : page;
      const data = shown.map((j) =>
        objectJobJson(j, ctx.store.certificate("autodns", j.certificateId), false),
      );
      const object = { type: "ObjectJob", summary: total - (page.length - shown.length) };
      return jsonSuccess(newStid(ctx.store), { ...status, type: "SUCCESS" as const }, object, data, ctx.ctid);
    },
  );
}

/** `POST job/_search`: running jobs. */
export function jobSearch(ctx: JsonContext): RouteOutcome {
  return listJobs(ctx, true, AUTODNS_WIRE.jobList);
}

/** `POST job/history/_search`: finished jobs. */
export function jobHistorySearch(ctx: JsonContext): RouteOutcome {
  return listJobs(ctx, false, AUTODNS_WIRE.jobHistoryList);
}
