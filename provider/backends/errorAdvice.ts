/**
 * What a user can do about a vendor's error, in the resource's words. The sdk's errors state facts
 * (vendor, operation, HTTP status, the vendor's code and text, request id, connection phase); this
 * module names the input, environment variable or command that fixes them (for VICE2, by code: the
 * sdk's code table holds the vendor's class and meaning, this one the fix). Every error leaving an
 * adapter passes through {@link advisedBackend}, so that wording lives here alone.
 */
import { AUTODNS_CODES } from "../../sdk/autodns/codes";
import {
  AuthenticationError,
  ConnectionError,
  DecodeError,
  NotFoundError,
  VendorError,
  VendorRuleError,
} from "../../sdk/common/errors";
import { RESELLERCLUB_REFUSALS } from "../../sdk/resellerclub/errors";
import type { VendorBackend } from "./backend";
import { SYMANTEC_CODES } from "../../sdk/symantec/codes";

/** A credential's input field and environment variable (see `CredentialSource` in ./vendorApis.ts). */
export interface CredentialNames {
  readonly field: string;
  readonly env: string;
}

/** "a", "a and b", "a, b and c". */
function spoken(items: readonly string[]): string {
  return items.length < 2
    ? items.join("")
    : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

/** "check autodns.user and autodns.password (or AUTODNS_USER, AUTODNS_PASSWORD)". */
function checkCredentials(error: VendorError, credentials: readonly CredentialNames[]): string {
  const fields = credentials.map((c) => `${error.vendor}.${c.field}`);
  return `check ${spoken(fields)} (or ${credentials.map((c) => c.env).join(", ")})`;
}

function autodnsAdvice(error: VendorError, credentials: readonly CredentialNames[]): string | undefined {
  if (error instanceof AuthenticationError) return checkCredentials(error, credentials);
  if (error instanceof NotFoundError) {
    // A job that is gone is a fact about the job, not a setting to change (the message says where it went).
    if (error.operation === "jobInfo" || error.operation === "jobHistoryInfo") return undefined;
    return "check certificateId and that autodns.context is the context that owns it";
  }
  if (!(error instanceof VendorRuleError)) return undefined;
  switch (error.vendorCode) {
    case AUTODNS_CODES.renewWindow:
      return "wait until then, and keep renewBeforeDays at 90 or less";
    case AUTODNS_CODES.adminContactInvalid:
      return "set autodns.adminContactId to a valid AutoDNS contact id";
    case AUTODNS_CODES.technicalContactInvalid:
      return "set autodns.technicalContactId to a valid AutoDNS contact id";
    default:
      return undefined;
  }
}

function resellerClubAdvice(error: VendorError, credentials: readonly CredentialNames[]): string | undefined {
  if (error instanceof AuthenticationError)
    return `${checkCredentials(error, credentials)} and that this machine's IP is whitelisted`;
  if (error instanceof NotFoundError) return "check certificateId (the order id)";
  const text = error.vendorText ?? "";
  if (!(error instanceof VendorRuleError)) return undefined;
  if (RESELLERCLUB_REFUSALS.alreadyRenewed.test(text)) return "run pulumi refresh to record the new expiry";
  if (RESELLERCLUB_REFUSALS.staleExpiry.test(text))
    return "run pulumi refresh (or correct notAfter) and try again";
  return undefined;
}

/** The fix for each documented code that has one on our side, by code in lower case. */
const FIXES: Record<string, string> = {
  "0x3301":
    "the original transaction id is wrong or its certificate is not renewable (yet); check certificateId (the transaction id of the certificate being renewed)",
  "0x3069":
    "the original challenge phrase does not match; set symantec.originalChallenge to the challenge of the certificate being renewed",
  "0x6000": "a parameter is missing or incorrect (the vendor's message names it); check the symantec block",
  "0x9511": "the CSR is malformed; set symantec.csr to a PEM or base64 PKCS#10 request",
  "0x30e8":
    "the CSR's common name or organization differs from the original certificate's; make symantec.csr match them",
  "0xa001":
    "the CSR's key type differs from the original certificate's (RSA vs ECC); use a CSR with the same key type",
  "0x0143":
    "specificEndDate is not valid; use an end date within the allowed validity (strictly less than 2 years for public server certificates)",
  "0x4828": "use lifetimeMonths 12 or 24 (36 only for PrivateServer and code signing)",
  "0x3111":
    "the product or cipher is not supported; check symantec.certProductType and symantec.signatureAlgorithm",
  "0x3063": "the certificate type is not configured for the account; check symantec.certProductType",
  "0x0194": "symantec.signatureAlgorithm does not suit the CSR's key type",
  "0x482c": "symantec.signatureAlgorithm does not suit the CSR's key type",
  "0x30c5": "a domain of the CSR or SANs is not added to the account",
  "0x300a": "check symantec.subjectAlternativeNames against the account's domains",
  "0x950e": "the CSR's common name needs a proper domain suffix",
  "0x950b": "spell the CSR's state out in full",
  "0x3a10": "check symantec.originalCertificate",
  "0x4827": "re-authenticate the organization in the VICE2 console",
  "0x482a": "re-authenticate the domain in the VICE2 console",
  "0x3101":
    "the client certificate's account lacks the administrator role the web service needs; check symantec.clientCertificate and symantec.clientKey",
  "0x3085": "the account behind symantec.clientCertificate is not enabled for the web service API",
  "0x3004": "the account behind symantec.clientCertificate is not valid or not yet active",
};

/**
 * The fix for a VICE2 refusal, by its code; without a code (an HTML or empty 401, 403 or 404 page)
 * by the HTTP status, as the sdk classifies it.
 */
function symantecFix(code: string | undefined, status: number | undefined): string | undefined {
  if (code) return FIXES[code.toLowerCase()];
  if (status === 401 || status === 403) return FIXES[SYMANTEC_CODES.missingAdminRole];
  if (status === 404) return FIXES[SYMANTEC_CODES.badTransaction];
  return undefined;
}

function symantecAdvice(error: VendorError, credentials: readonly CredentialNames[]): string | undefined {
  // No HTTP status: the TLS handshake failed, on their certificate (trust) or on ours.
  if (error instanceof ConnectionError && error.phase === "tls")
    return "set symantec.caCertificate to the CA that issued it, or check symantec.endpoint";
  if (error instanceof AuthenticationError && error.status === undefined)
    return checkCredentials(error, credentials);
  if (error instanceof ConnectionError) return undefined;
  return symantecFix(error.vendorCode, error.status);
}

/** The sentence naming what to change for a vendor's error, if anything on our side fixes it. */
export function adviceFor(error: VendorError, credentials: readonly CredentialNames[]): string | undefined {
  if (error instanceof DecodeError) return `check ${error.vendor}.endpoint if it persists`;
  if (error.vendor === "autodns") return autodnsAdvice(error, credentials);
  if (error.vendor === "resellerclub") return resellerClubAdvice(error, credentials);
  return symantecAdvice(error, credentials);
}

/** Errors already given their advice: one caught and thrown again through the wrapper is not advised twice. */
const ADVISED = new WeakSet<VendorError>();

/**
 * The error with its advice appended to the message (`…; check autodns.user …`). The same object
 * is returned, class and facts intact, so callers that tell errors apart by class still can.
 */
export function withAdvice(error: unknown, credentials: readonly CredentialNames[]): unknown {
  if (!(error instanceof VendorError) || ADVISED.has(error)) return error;
  ADVISED.add(error);
  const advice = adviceFor(error, credentials);
  if (advice) error.message = `${error.message}; ${advice}`;
  return error;
}

/** `method` with its rejections given their advice. */
function advising<A extends unknown[], R>(
  method: (...args: A) => Promise<R>,
  credentials: readonly CredentialNames[],
): (...args: A) => Promise<R> {
  return async (...args) => {
    try {
      return await method(...args);
    } catch (e) {
      throw withAdvice(e, credentials);
    }
  };
}

/** The adapter with every vendor error it throws given the user's advice (see {@link withAdvice}). */
export function advisedBackend(
  backend: VendorBackend,
  credentials: readonly CredentialNames[],
): VendorBackend {
  // Every method named, optional ones too: a method left out here would silently vanish.
  const advised = {
    inspect: advising(backend.inspect.bind(backend), credentials),
    inspectListed: backend.inspectListed && advising(backend.inspectListed.bind(backend), credentials),
    inspectFresh: backend.inspectFresh && advising(backend.inspectFresh.bind(backend), credentials),
    findPendingRenewal: advising(backend.findPendingRenewal.bind(backend), credentials),
    latestRenewal: backend.latestRenewal && advising(backend.latestRenewal.bind(backend), credentials),
    renew: advising(backend.renew.bind(backend), credentials),
    reissue: backend.reissue && advising(backend.reissue.bind(backend), credentials),
    poll: advising(backend.poll.bind(backend), credentials),
    handedInRenewal: backend.handedInRenewal && advising(backend.handedInRenewal.bind(backend), credentials),
  } satisfies Record<keyof VendorBackend, unknown>;
  return advised;
}
