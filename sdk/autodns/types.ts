/** Types shared by the AutoDNS JSON REST and XML gateway clients. */
import type { Sleep } from "../common/rateLimiter";

/** AutoDNS login. `context` is 1 for the demo system, 4 (or a personal context) for live. */
export interface AutodnsCredentials {
  user: string;
  password: string;
  context: string | number;
}

/** Options shared by both AutoDNS clients. */
export interface AutodnsClientOptions {
  /** Base URL; defaults to the live system. */
  endpoint?: string;
  credentials: AutodnsCredentials;
  /** Sends `X-Domainrobot-Demo: true` (JSON only). */
  demo?: boolean;
  /** Per-request timeout in ms (default 30 000). */
  timeoutMs?: number;
  /** Request starts per second per host (default 3, AutoDNS's documented limit). */
  requestsPerSecond?: number;
  /** Retries for reads (default 3). */
  maxRetries?: number;
  /** Base backoff in ms (default 500). */
  backoffMs?: number;
  /** Injected for tests. */
  sleep?: Sleep;
}

/** Domain-control validation methods AutoDNS accepts. */
export type AutodnsAuthenticationMethod = "DNS" | "EMAIL" | "FILE";

/** Optional renewal details (the seed's full Certificate payload). */
export interface AutodnsRenewalDetails {
  product?: string;
  lifetimeMonths?: number;
  software?: string;
  csr?: string;
  name?: string;
  adminContactId?: string;
  technicalContactId?: string;
  subjectAlternativeNames?: string[];
  authentication?: { method: AutodnsAuthenticationMethod; dns?: string; provisioning?: boolean };
}

/** A reissue's details: the lifetime is the paid term's, so neither client sends it. */
export function reissueDetails(details: AutodnsRenewalDetails): AutodnsRenewalDetails {
  const { lifetimeMonths: _term, ...current } = details;
  return current;
}

/** What an accepted renewal returns. */
export interface AutodnsRenewResult {
  /** The new job's id (JSON `data[0].id`, XML `certificate_job/job/id`), as a string. */
  jobId: string;
  /** Job status when the answer carries one (XML: RUNNING). */
  jobStatus?: string;
  /** The vendor's status code, e.g. N400106. */
  statusCode: string;
  statusText: string;
  /** AutoDNS server transaction id. */
  stid?: string;
  /** Our correlation id, echoed. */
  ctid?: string;
}

/** A certificate as AutoDNS reports it (task 400104). */
export interface AutodnsCertificate {
  id: string;
  name?: string;
  product?: string;
  /** Expiry of the issued certificate (`expire`), UTC ISO-8601. */
  notAfter?: string;
  /** End of the paid term (`payable`: "when a runtime renewal must take place"), UTC ISO-8601. */
  coverageEndsAt?: string;
  lifetimeMonths?: number;
  software?: string;
  csr?: string;
  /** The issued certificate (PEM). */
  pem?: string;
  adminContactId?: string;
  technicalContactId?: string;
  subjectAlternativeNames: string[];
  created?: string;
  updated?: string;
}

/** AutoDNS job states. RUNNING, WAIT and DEFERRED (and SUPPORT) mean "not finished". */
export type AutodnsJobStatus =
  "RUNNING" | "SUCCESS" | "FAILED" | "CANCELED" | "SUPPORT" | "DEFERRED" | "NOT_SET" | "WAIT" | string;

/** A job as AutoDNS reports it (task 400114 / GET /job/{id}, or a job list/history item). */
export interface AutodnsJob {
  id: string;
  status: AutodnsJobStatus;
  subStatus?: string;
  action?: string;
  /**
   * The object the job works on as AutoDNS names it: `ObjectJob.object.value` (JSON), `job/object`
   * (XML) — for a certificate job the certificate's *name* (help page "Certificate Job Info").
   */
  objectValue?: string;
  /** The certificate's id, where the answer carries it (`ObjectJob.object.data.id`). */
  objectId?: string;
  /**
   * What AutoDNS says about the job's outcome besides its status: the texts of `niccomLogs`,
   * `notices` and the answer's `messages`, in that order. Empty when there are none.
   */
  notes?: string[];
  created?: string;
  updated?: string;
}

/**
 * The certificate a job search is about. The vendor's job filters know the certificate only by
 * name (`object`), so a hit is accepted only when it also matches the id where the job names one.
 */
export interface AutodnsCertificateRef {
  id: string;
  name: string;
}

/** Job states that still may end either way. */
export const AUTODNS_PENDING_JOB_STATES: ReadonlySet<string> = new Set([
  "RUNNING",
  "WAIT",
  "DEFERRED",
  "SUPPORT",
  "NOT_SET",
]);

/** Job states that are final (the spec's `JobStatusConstants` SUCCESS, FAILED, CANCELED). */
export const AUTODNS_FINISHED_JOB_STATES: ReadonlySet<string> = new Set(["SUCCESS", "FAILED", "CANCELED"]);

/**
 * Whether a job may still renew: anything not final. A status the client does not know (the help
 * page itself prints `DEFFERED`) counts as pending, so it is followed rather than renewed again.
 */
export function autodnsJobPending(job: Pick<AutodnsJob, "status">): boolean {
  return !AUTODNS_FINISHED_JOB_STATES.has(job.status.toUpperCase());
}

/** What a certificate list asks for beyond the summary (`keys[]`): the name and the expiry. */
export const AUTODNS_CERTIFICATE_LIST_KEYS: readonly string[] = ["name", "expire"];

/**
 * Most ids one list-by-id request asks for (the provider's fallback beyond a whole-account
 * listing). The vendor publishes no maximum for `view.limit`; 50 is the page its job lists use here
 * (both AutoDNS APIs). A smaller page at the vendor costs only single reads.
 */
export const AUTODNS_CERTIFICATE_PAGE_SIZE = 50;

/** Which page of a list to read: `view.offset` and `view.limit`. */
export interface AutodnsListPage {
  offset: number;
  limit: number;
}

/** One page of a certificate list. */
export interface AutodnsCertificateList {
  /** The certificates of the page that carry an id. */
  certificates: AutodnsCertificate[];
  /** How many items the page held (the next page starts that much further on). */
  received: number;
  /** How many certificates the list matched in all, where the answer says (`summary`). */
  summary?: number;
}
