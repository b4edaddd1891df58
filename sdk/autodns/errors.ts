/**
 * Turns AutoDNS error answers (JSON envelope or XML `<msg>`/`<status>` blocks) into typed errors
 * whose messages say what to do. Shared by the JSON and XML clients.
 */
import {
  AuthenticationError,
  NotFoundError,
  RateLimitError,
  ServerError,
  VendorError,
  VendorErrorDetails,
  VendorRuleError,
  vendorSuffix,
} from "../common/errors";
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

function ruleSentence(code: string | undefined, ctx: AutodnsErrorContext): string | undefined {
  switch (code) {
    case AUTODNS_CODES.renewWindow:
      return (
        `renewal is possible only from 90 days before expiry` +
        (ctx.notAfter ? ` (expires ${ctx.notAfter})` : "") +
        `; wait until then, and keep renewBeforeDays at 90 or less`
      );
    case AUTODNS_CODES.adminContactInvalid:
      return "the admin contact is invalid; set autodns.adminContactId to a valid AutoDNS contact id";
    case AUTODNS_CODES.technicalContactInvalid:
      return "the technical contact is invalid; set autodns.technicalContactId to a valid AutoDNS contact id";
    default:
      return undefined;
  }
}

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
  if (facts.httpStatus === 401 || facts.httpStatus === 403 || (facts.code && AUTH_CODES.has(facts.code))) {
    return new AuthenticationError(
      `AutoDNS refused the credentials for ${what}: check autodns.user, autodns.password and autodns.context ` +
        `(or AUTODNS_USER, AUTODNS_PASSWORD, AUTODNS_CONTEXT)${suffix}`,
      details,
    );
  }
  if (facts.httpStatus === 404 || (facts.code && NOT_FOUND_CODES.has(facts.code))) {
    const fix =
      facts.operation === "jobInfo"
        ? "the job is no longer running (AutoDNS moves a finished job to the job history)"
        : facts.operation === "jobHistoryInfo"
          ? "the job is not in AutoDNS's job history either"
          : "check certificateId and that autodns.context is the context that owns it";
    return new NotFoundError(`AutoDNS could not find the object for ${what}: ${fix}${suffix}`, details);
  }
  if (facts.httpStatus === 429) {
    return new RateLimitError(
      `AutoDNS rate-limited ${what} (${AUTODNS_REQUESTS_PER_SECOND} requests per second per IP); try again shortly${suffix}`,
      details,
    );
  }
  const rule = ruleSentence(facts.code, ctx);
  if (rule) return new VendorRuleError(`AutoDNS refused ${what}: ${rule}${suffix}`, details);
  if (facts.httpStatus >= 500 && !facts.code) {
    return new ServerError(
      `AutoDNS failed on its side during ${what} (HTTP ${facts.httpStatus}); try again later`,
      details,
    );
  }
  return new VendorRuleError(`AutoDNS refused ${what}${suffix}`, details);
}
