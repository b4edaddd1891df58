/**
 * Maps VICE2 `<Error>` answers and TLS failures to typed errors that state the facts: what was
 * refused, the vendor's code and text (or the code's documented meaning), the TLS error code.
 */
import type { VendorErrorDetails, VendorErrorKind } from "../common/errors";
import {
  AuthenticationError,
  ConnectionError,
  VendorError,
  vendorErrorOf,
  vendorSuffix,
} from "../common/errors";
import { SYMANTEC_CODES, symantecCodeInfo } from "./codes";

/** Facts of one VICE2 error answer. */
export interface SymantecErrorFacts {
  operation: string;
  httpStatus: number;
  code?: string;
  text?: string;
  rawBody: string;
}

/** Builds the typed error for a VICE2 error answer (classes and meanings from ./codes.ts). */
export function symantecError(facts: SymantecErrorFacts, transactionId?: string): VendorError {
  const details: VendorErrorDetails = {
    vendor: "symantec",
    operation: facts.operation,
    status: facts.httpStatus,
    vendorCode: facts.code,
    vendorText: facts.text,
    rawBody: facts.rawBody,
  };
  const what =
    facts.operation === "renew"
      ? `the renewal of transaction ${transactionId ?? "?"}`
      : `the pickup of transaction ${transactionId ?? "?"}`;
  const info = symantecCodeInfo(facts.code);
  // Without a vendor code (HTML or empty 401/403/404 pages) the HTTP status still names the class.
  const byStatus =
    facts.httpStatus === 401 || facts.httpStatus === 403
      ? symantecCodeInfo(SYMANTEC_CODES.missingAdminRole)
      : facts.httpStatus === 404 && !facts.code
        ? symantecCodeInfo(SYMANTEC_CODES.badTransaction)
        : undefined;
  const vendorPart = vendorSuffix(facts.code, facts.text);
  const meaning = info && !facts.text ? ` (${info.meaning})` : "";
  const cls = info?.class ?? byStatus?.class;
  const kind: VendorErrorKind =
    cls === "authentication" || facts.httpStatus === 401 || facts.httpStatus === 403
      ? "authentication"
      : facts.httpStatus === 429
        ? "rateLimit"
        : cls === "notFound" || cls === "server"
          ? cls
          : "rule";
  const message =
    kind === "rateLimit"
      ? `Symantec/DigiCert rate-limited ${what}; try again later`
      : kind === "server"
        ? `Symantec/DigiCert failed on its side during ${what}; try again later${vendorPart}`
        : `Symantec/DigiCert refused ${what}${vendorPart}${meaning}`;
  return vendorErrorOf(kind, message, details);
}

/** Turns a TLS handshake failure into a trust error (their certificate) or an authentication error (ours). */
export function symantecTlsError(error: ConnectionError, baseURL: string): VendorError {
  const code = error.code ?? "";
  const details: VendorErrorDetails = { vendor: "symantec", operation: error.operation };
  if (/SELF_SIGNED|UNABLE_TO_(VERIFY|GET)|CERT_(UNTRUSTED|HAS_EXPIRED)|ERR_TLS_CERT_ALTNAME/.test(code)) {
    return new ConnectionError(
      `Symantec/DigiCert ${error.operation}: the server certificate of ${baseURL} is not trusted (${code})`,
      { ...details, requestSent: false, code, phase: "tls" },
    );
  }
  return new AuthenticationError(
    `Symantec/DigiCert refused the TLS client certificate during ${error.operation} (${code || "handshake failed"})`,
    details,
  );
}
