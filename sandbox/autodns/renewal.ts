/**
 * AutoDNS rules shared by the JSON API and the XML gateway: login and context, the renewal's
 * checks (certificate exists, contacts valid, lifetime and CSR readable, 90-day window before the
 * paid term ends), the reissue's (inside the paid term, no job running) and the reads that poll
 * jobs.
 */
import { parseCsr } from "../ca";
import { addDays } from "../dates";
import { addJob, isOpen, pollJob } from "../jobs";
import { SANDBOX_SEED } from "../seed";
import type { CertificateRecord, JobRecord, Store } from "../store";
import { AUTODNS_WIRE, AutodnsMessage, AutodnsObject } from "./wire";

/** AutoDNS renews only from this many days before expiry. */
export const AUTODNS_RENEW_WINDOW_DAYS = 90;

/** A refusal: HTTP status for the JSON API (the gateway always answers 200), code and object. */
export interface AutodnsRefusal {
  httpStatus: number;
  message: AutodnsMessage;
  object?: AutodnsObject;
}

/** What a renewal request carries, from either protocol. */
export interface AutodnsRenewInput {
  certificateId: string;
  lifetimeMonths?: number;
  adminContactId?: string;
  technicalContactId?: string;
  csr?: string;
}

/** Checks a login; undefined when accepted. */
export function checkLogin(
  user: string | undefined,
  password: string | undefined,
  context: string | undefined,
): AutodnsRefusal | undefined {
  const expected = SANDBOX_SEED.credentials.autodns;
  if (user !== expected.user || password !== expected.password) {
    return { httpStatus: 401, message: AUTODNS_WIRE.authentication };
  }
  if (context?.trim() !== String(expected.context)) {
    return {
      httpStatus: 401,
      message: AUTODNS_WIRE.contextInvalid,
      object: { type: "context", value: context ?? "" },
    };
  }
  return undefined;
}

/** Looks a certificate up, or the refusal for an unknown one. */
export function findCertificate(store: Store, id: string): CertificateRecord | AutodnsRefusal {
  return (
    store.certificate("autodns", id) ?? {
      httpStatus: 404,
      message: AUTODNS_WIRE.certificateNotFound,
      object: { type: "certificate", value: id },
    }
  );
}

/** Looks a job up (and counts the poll), or the refusal for an unknown one. */
export function pollAutodnsJob(store: Store, id: string): JobRecord | AutodnsRefusal {
  const job = store.jobs.get(id);
  if (!job || job.vendor !== "autodns") {
    return { httpStatus: 404, message: AUTODNS_WIRE.jobNotFound, object: { type: "job", value: id } };
  }
  pollJob(store, job);
  return job;
}

/** True for a refusal (as opposed to a record). */
export function isRefusal(value: unknown): value is AutodnsRefusal {
  return typeof value === "object" && value !== null && "httpStatus" in value && "message" in value;
}

function wrongValue(type: string, value: string): AutodnsRefusal {
  return { httpStatus: 400, message: AUTODNS_WIRE.missingValue, object: { type, value } };
}

/** A request's certificate and CSR key once its contacts, lifetime and CSR passed, or the refusal. */
function checkedRequest(
  store: Store,
  input: AutodnsRenewInput,
): { cert: CertificateRecord; months: number; publicKey?: Buffer } | AutodnsRefusal {
  const cert = findCertificate(store, input.certificateId);
  if (isRefusal(cert)) return cert;
  if (input.adminContactId !== undefined && !store.autodnsContacts.has(input.adminContactId)) {
    return {
      httpStatus: 400,
      message: AUTODNS_WIRE.adminContactInvalid,
      object: { type: "contact", value: input.adminContactId },
    };
  }
  if (input.technicalContactId !== undefined && !store.autodnsContacts.has(input.technicalContactId)) {
    return {
      httpStatus: 400,
      message: AUTODNS_WIRE.technicalContactInvalid,
      object: { type: "contact", value: input.technicalContactId },
    };
  }
  const months = input.lifetimeMonths ?? cert.lifetimeMonths;
  if (!Number.isInteger(months) || months < 1 || months > 120) return wrongValue("lifetime", String(months));
  let publicKey;
  if (input.csr !== undefined) {
    try {
      publicKey = parseCsr(input.csr).publicKey;
    } catch {
      return wrongValue("csr", input.csr.slice(0, 40));
    }
  }
  return { cert, months, publicKey };
}

/**
 * Runs the renewal rules; on acceptance creates the RUNNING job and counts the renewal. A renewal
 * extends the paid term, so the window is counted back from the term's end (`payable`).
 */
export function startRenewal(store: Store, input: AutodnsRenewInput): JobRecord | AutodnsRefusal {
  const checked = checkedRequest(store, input);
  if (isRefusal(checked)) return checked;
  const { cert, months, publicKey } = checked;
  if (store.clock.nowMs() < addDays(cert.coverageEndsAt, -AUTODNS_RENEW_WINDOW_DAYS)) {
    return {
      httpStatus: 400,
      message: AUTODNS_WIRE.renewWindow,
      object: { type: "certificate", value: cert.commonName },
    };
  }
  if (input.adminContactId) cert.adminContactId = input.adminContactId;
  if (input.technicalContactId) cert.technicalContactId = input.technicalContactId;
  store.countRenewal("autodns", cert.id);
  return runningJob(store, cert, "renew", months, publicKey, input.csr);
}

/** The RUNNING job of an accepted renewal or reissue. */
function runningJob(
  store: Store,
  cert: CertificateRecord,
  kind: "renew" | "reissue",
  lifetimeMonths: number,
  publicKey: Buffer | undefined,
  csr: string | undefined,
): JobRecord {
  const id = store.nextId("autodnsJob");
  return addJob(store, {
    id,
    vendor: "autodns",
    certificateId: cert.id,
    state: "running",
    kind,
    lifetimeMonths,
    publicKey,
    csr,
  });
}

/**
 * Runs the reissue rules (task 400102): free, and only inside the paid term — after `payable` the
 * certificate must be renewed. One job at a time: a second request while one runs is refused.
 * On acceptance creates the RUNNING job and counts the reissue; the term does not move.
 */
export function startReissue(store: Store, input: AutodnsRenewInput): JobRecord | AutodnsRefusal {
  const checked = checkedRequest(store, input);
  if (isRefusal(checked)) return checked;
  const { cert, publicKey } = checked;
  const object = { type: "certificate", value: cert.commonName };
  if (store.clock.nowMs() >= cert.coverageEndsAt) {
    return { httpStatus: 400, message: AUTODNS_WIRE.reissueOutsideTerm, object };
  }
  if (store.jobsOf("autodns", cert.id).some(isOpen)) {
    return { httpStatus: 400, message: AUTODNS_WIRE.jobRunning, object };
  }
  store.countReissue("autodns", cert.id);
  return runningJob(store, cert, "reissue", cert.lifetimeMonths, publicKey, input.csr);
}
