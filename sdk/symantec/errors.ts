/** Maps VICE2 `<Error>` answers and TLS failures to typed errors with a fix in the message. */
import {
  AuthenticationError,
  ConnectionError,
  NotFoundError,
  RateLimitError,
  ServerError,
  VendorError,
  VendorErrorDetails,
  VendorRuleError,
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

/** Builds the typed error for a VICE2 error answer (classes and fixes from ./codes.ts). */
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
  // Without a vendor code (HTML or empty 401/403/404 pages) the HTTP status still names the fix.
  const byStatus =
    facts.httpStatus === 401 || facts.httpStatus === 403
      ? symantecCodeInfo(SYMANTEC_CODES.missingAdminRole)
      : facts.httpStatus === 404 && !facts.code
        ? symantecCodeInfo(SYMANTEC_CODES.badTransaction)
        : undefined;
  const fix = info?.fix ?? byStatus?.fix;
  const meaning = info && !facts.text ? ` (${info.meaning})` : "";
  const message = `Symantec/DigiCert refused ${what}${fix ? `: ${fix}` : ""}${vendorSuffix(facts.code, facts.text)}${meaning}`;
  const cls = info?.class ?? byStatus?.class;
  if (cls === "authentication" || facts.httpStatus === 401 || facts.httpStatus === 403) {
    return new AuthenticationError(message, details);
  }
  if (facts.httpStatus === 429) {
    return new RateLimitError(`Symantec/DigiCert rate-limited ${what}; try again later`, details);
  }
  if (cls === "notFound") return new NotFoundError(message, details);
  if (cls === "server") {
    return new ServerError(
      `Symantec/DigiCert failed on its side during ${what}; try again later${vendorSuffix(facts.code, facts.text)}`,
      details,
    );
  }
  return new VendorRuleError(message, details);
}

/** Turns TLS handshake failures into an authentication or trust error that names the input to fix. */
export function symantecTlsError(error: ConnectionError, baseURL: string): VendorError {
  const code = error.code ?? "";
  const details: VendorErrorDetails = { vendor: "symantec", operation: error.operation };
  if (/SELF_SIGNED|UNABLE_TO_(VERIFY|GET)|CERT_(UNTRUSTED|HAS_EXPIRED)|ERR_TLS_CERT_ALTNAME/.test(code)) {
    return new ConnectionError(
      `Symantec/DigiCert ${error.operation}: the server certificate of ${baseURL} is not trusted (${code}); ` +
        `set symantec.caCertificate to the CA that issued it, or check symantec.endpoint`,
      { ...details, requestSent: false, code },
    );
  }
  return new AuthenticationError(
    `Symantec/DigiCert refused the TLS client certificate during ${error.operation} (${code || "handshake failed"}): ` +
      `check symantec.clientCertificate and symantec.clientKey (or SYMANTEC_CLIENT_CERT, SYMANTEC_CLIENT_KEY)`,
    details,
  );
}
