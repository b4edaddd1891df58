/**
 * Turns AutoDNS error answers (JSON envelope or XML `<msg>`/`<status>` blocks) into typed errors
 * whose messages state the facts: what was refused, the vendor's code, text and `stid`. Shared by
 * the JSON and XML clients.
 */
import type { VendorErrorDetails, VendorErrorKind } from "../common/errors";
import { VendorError, vendorErrorOf, vendorSuffix } from "../common/errors";
import { AUTODNS_CODES } from "./codes";
import { AUTODNS_REQUESTS_PER_SECOND } from "./transport";

/** What the caller knows about the object, for better messages. */
export interface AutodnsErrorContext {
  certificateId?: string;
  jobId?: string;
  /** Known expiry (ISO), quoted in the renewal-window message. */
  notAfter?: string;
}

/** One AutoDNS error as read from either wire format. */
export interface AutodnsErrorFacts {
  operation: string;
  httpStatus: number;
  /** The most specific code: the first message's code, else the status code. */
  code?: string;
  text?: string;
  stid?: string;
  rawBody: string;
  retryAfterSeconds?: number;
}

const AUTH_CODES = new Set<string>([AUTODNS_CODES.authentication, AUTODNS_CODES.contextInvalid]);
const NOT_FOUND_CODES = new Set<string>([AUTODNS_CODES.certificateNotFound, AUTODNS_CODES.jobNotFound]);

function subject(operation: string, ctx: AutodnsErrorContext): string {
  if (operation === "renew") return `the renewal of certificate ${ctx.certificateId ?? "?"}`;
  if (operation === "reissue") return `the reissue of certificate ${ctx.certificateId ?? "?"}`;
  if (operation === "jobInfo") return `the lookup of job ${ctx.jobId ?? "?"}`;
  if (operation === "jobHistoryInfo") return `the lookup of finished job ${ctx.jobId ?? "?"}`;
  if (operation === "jobSearch")
    return `the search for pending jobs of certificate ${ctx.certificateId ?? "?"}`;
  if (operation === "jobHistorySearch")
    return `the search for finished jobs of certificate ${ctx.certificateId ?? "?"}`;
  return `the lookup of certificate ${ctx.certificateId ?? "?"}`;
}

/** The vendor's rule behind a refusal, as a fact (the provider says what to change). */
function ruleSentence(code: string | undefined, ctx: AutodnsErrorContext): string | undefined {
  switch (code) {
    case AUTODNS_CODES.renewWindow:
      return `renewal is possible only from 90 days before expiry${ctx.notAfter ? ` (expires ${ctx.notAfter})` : ""}`;
    case AUTODNS_CODES.adminContactInvalid:
      return "the admin contact is invalid";
    case AUTODNS_CODES.technicalContactInvalid:
      return "the technical contact is invalid";
    default:
      return undefined;
  }
}

/** Which class of error an answer is, by its HTTP status and code. */
function kindOf(facts: AutodnsErrorFacts): VendorErrorKind {
  const code = facts.code ?? "";
  if (facts.httpStatus === 401 || facts.httpStatus === 403 || AUTH_CODES.has(code)) return "authentication";
  if (facts.httpStatus === 404 || NOT_FOUND_CODES.has(code)) return "notFound";
  if (facts.httpStatus === 429) return "rateLimit";
  if (facts.httpStatus >= 500 && !facts.code) return "server";
  return "rule";
}

/** Where a job that is not found went, as AutoDNS keeps jobs. */
const WHERE_THE_JOB_WENT: Record<string, string> = {
  jobInfo: ": the job is no longer running (AutoDNS moves a finished job to the job history)",
  jobHistoryInfo: ": the job is not in AutoDNS's job history either",
};

/** Builds the typed error for an AutoDNS error answer. */
export function autodnsError(facts: AutodnsErrorFacts, ctx: AutodnsErrorContext = {}): VendorError {
  const details: VendorErrorDetails = {
    vendor: "autodns",
    operation: facts.operation,
    status: facts.httpStatus,
    vendorCode: facts.code,
    vendorText: facts.text,
    requestId: facts.stid,
    rawBody: facts.rawBody,
    retryAfterSeconds: facts.retryAfterSeconds,
  };
  const suffix = vendorSuffix(facts.code, facts.text) + (facts.stid ? ` (stid ${facts.stid})` : "");
  const what = subject(facts.operation, ctx);
  const kind = kindOf(facts);
  const rule = ruleSentence(facts.code, ctx);
  const messages: Record<VendorErrorKind, () => string> = {
    authentication: () => `AutoDNS refused the credentials for ${what}${suffix}`,
    notFound: () =>
      `AutoDNS could not find the object for ${what}${WHERE_THE_JOB_WENT[facts.operation] ?? ""}${suffix}`,
    rateLimit: () =>
      `AutoDNS rate-limited ${what} (${AUTODNS_REQUESTS_PER_SECOND} requests per second per IP); try again shortly${suffix}`,
    server: () => `AutoDNS failed on its side during ${what} (HTTP ${facts.httpStatus}); try again later`,
    rule: () => `AutoDNS refused ${what}${rule ? `: ${rule}` : ""}${suffix}`,
  };
  return vendorErrorOf(kind, messages[kind](), details);
}
