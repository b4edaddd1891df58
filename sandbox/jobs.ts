/**
 * Renewal jobs: AutoDNS jobs, ResellerClub actions and Symantec transactions awaiting approval.
 * A job is `running` (finishes by `admin.completeJob`/`failJob` or automatically per
 * `jobCompletion`) or `pending` (only the admin finishes it: ResellerClub OnlyAdd or unpaid
 * invoices, Symantec approval). Success re-issues the certificate with the requested lifetime
 * counted from the old expiry. Completion is evaluated lazily, whenever state is read.
 */
import { addDays, addMonths, endOfDayUtc } from "./dates";
import { cappedNotAfter } from "./issuanceSchedule";
import type { CertificateRecord, JobRecord, Store } from "./store";
import type { SandboxJob, SandboxJobState, SandboxVendor } from "./types";

/** Each vendor's word for a job state. */
export const VENDOR_JOB_STATUS: Record<SandboxVendor, Record<SandboxJobState, string>> = {
  autodns: { running: "RUNNING", pending: "RUNNING", succeeded: "SUCCESS", failed: "FAILED" },
  resellerclub: {
    running: "PendingExecution",
    pending: "InvoicePaymentPending",
    succeeded: "Success",
    failed: "Failed",
  },
  symantec: { running: "Pending", pending: "Pending", succeeded: "Approved", failed: "Rejected" },
};

/** Thrown for admin calls on unknown or finished jobs. */
export class JobStateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "JobStateError";
  }
}

/** The public view of a job. */
export function viewJob(store: Store, job: JobRecord): SandboxJob {
  return store.viewJob(job, VENDOR_JOB_STATUS[job.vendor][job.state]);
}

/**
 * Records a new job and announces it. With `afterSeconds: 0` a running job finishes at once, so
 * the vendor's answer already reports the outcome (the seed's ResellerClub map says "Success").
 */
export function addJob(store: Store, job: Omit<JobRecord, "created" | "updated" | "polls">): JobRecord {
  const now = store.clock.nowMs();
  const record: JobRecord = { ...job, created: now, updated: now, polls: 0 };
  store.jobs.set(record.id, record);
  store.events.emit("job", viewJob(store, record));
  if (record.state === "running" && store.completion.afterSeconds === 0) finishJob(store, record, true);
  return record;
}

/** True while a job may still end either way. */
export function isOpen(job: JobRecord): boolean {
  return job.state === "running" || job.state === "pending";
}

/** Finishes every running job whose `afterSeconds` has passed on the sandbox clock. */
export function settleJobs(store: Store): void {
  const after = store.completion.afterSeconds;
  if (after === undefined) return;
  const now = store.clock.nowMs();
  for (const job of store.jobs.values()) {
    if (job.state === "running" && now >= job.created + after * 1000) finishJob(store, job, true);
  }
}

/** Counts a poll of a job; the `afterPolls`-th poll already sees it finished. */
export function pollJob(store: Store, job: JobRecord): void {
  job.polls++;
  const after = store.completion.afterPolls;
  if (job.state === "running" && after !== undefined && job.polls >= after) finishJob(store, job, true);
}

/** Finishes an open job: success re-issues the certificate, failure records the reason. */
export function finishJob(store: Store, job: JobRecord, success: boolean, reason?: string): void {
  if (!isOpen(job)) throw new JobStateError(`job ${job.id} has already finished (${job.state})`);
  if (success) applyRenewal(store, job);
  job.state = success ? "succeeded" : "failed";
  if (!success) job.reason = reason ?? "The certificate authority rejected the renewal.";
  job.updated = store.clock.nowMs();
  store.events.emit("job", viewJob(store, job));
}

/** The certificate a successful job replaces (Symantec: the new transaction's own record). */
function target(store: Store, job: JobRecord): CertificateRecord {
  const id = job.vendor === "symantec" ? job.id : job.certificateId;
  const cert = store.certificate(job.vendor, id);
  if (!cert) throw new JobStateError(`job ${job.id}: ${job.vendor} certificate ${id} no longer exists`);
  return cert;
}

/** An instant in the vendor's granularity (AutoDNS: the end of a UTC day). */
function granular(vendor: SandboxVendor, ms: number): number {
  return vendor === "autodns" ? endOfDayUtc(ms) : ms;
}

/**
 * Expiry of a certificate issued at `now` inside a term ending at `coverageEndsAt`: the term's end,
 * or the schedule's cap (AutoDNS: the end of the last whole day within it).
 */
export function reissuedExpiry(vendor: SandboxVendor, now: number, coverageEndsAt: number): number {
  const capped = cappedNotAfter(vendor, now, coverageEndsAt);
  if (capped === coverageEndsAt || vendor !== "autodns") return capped;
  return endOfDayUtc(addDays(capped, -1));
}

/** A term's end after a renewal of `months` counted from its old end, in the vendor's granularity. */
export function renewedExpiry(vendor: SandboxVendor, coverageEndsAt: number, months: number): number {
  return granular(vendor, addMonths(coverageEndsAt, months));
}

/**
 * A renewal extends the paid term by the requested months (from its old end); a reissue keeps it.
 * Either way the new certificate starts now and runs to the term's end, cut to what the CA/B
 * schedule allows at this date (./issuanceSchedule.ts).
 */
function applyRenewal(store: Store, job: JobRecord): void {
  const cert = target(store, job);
  const now = store.clock.nowMs();
  // Symantec transactions carry their final (already capped) expiry from the renew request.
  if (job.vendor !== "symantec" && job.kind !== "reissue") {
    cert.coverageEndsAt = renewedExpiry(job.vendor, cert.coverageEndsAt, job.lifetimeMonths);
    cert.lifetimeMonths = job.lifetimeMonths;
  }
  const notAfter =
    job.vendor === "symantec" ? cert.notAfter : reissuedExpiry(job.vendor, now, cert.coverageEndsAt);
  const publicKey = job.publicKey ?? cert.publicKey;
  cert.pem = store.ca.issueLeaf({
    commonName: cert.commonName,
    subjectAlternativeNames: cert.sans,
    notBefore: new Date(now),
    notAfter: new Date(notAfter),
    publicKey,
  });
  cert.publicKey = publicKey;
  cert.notBefore = now;
  cert.notAfter = notAfter;
  if (job.vendor === "symantec") {
    cert.coverageEndsAt = notAfter;
    cert.lifetimeMonths = job.lifetimeMonths;
  }
  cert.updated = now;
  if (job.csr) cert.csr = job.csr;
  if (job.vendor === "symantec") cert.approved = true;
}
