/** Maps VICE2 `<Error>` answers and TLS failures to typed errors with a fix in the message. */
import {
  AuthenticationError,
  ConnectionError,
  NotFoundError,
  RateLimitError,
  VendorError,
  VendorErrorDetails,
  VendorRuleError,
  vendorSuffix,
} from "../common/errors";
import { SYMANTEC_CODES } from "./codes";

/** Facts of one VICE2 error answer. */
export interface SymantecErrorFacts {
  operation: string;
  httpStatus: number;
  code?: string;
  text?: string;
  rawBody: string;
}

const FIXES: Record<string, string> = {
  [SYMANTEC_CODES.unauthorized]:
    "the client certificate is not authorized; check symantec.clientCertificate and symantec.clientKey",
  [SYMANTEC_CODES.challengeMismatch]:
    "the original challenge phrase does not match; set symantec.originalChallenge to the challenge of the certificate being renewed",
  [SYMANTEC_CODES.unknownTransaction]:
    "the original transaction is unknown; check certificateId (the original transaction id)",
  [SYMANTEC_CODES.invalidValidityPeriod]:
    "the validity period is not allowed; use lifetimeMonths 12 or 24 (36 only for PrivateServer and code signing)",
  [SYMANTEC_CODES.tooManySans]: "too many subject alternative names; list at most 100",
  [SYMANTEC_CODES.missingField]:
    "a required field is missing; set firstName, lastName, email, csr, certProductType and serverType",
  [SYMANTEC_CODES.invalidCsr]:
    "the CSR could not be parsed; set symantec.csr to a PEM or base64 PKCS#10 request",
  [SYMANTEC_CODES.invalidEndDate]: "specificEndDate is outside the allowed validity period",
};

/** Builds the typed error for a VICE2 error answer. */
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
  // Without a vendor code (HTML or empty 401/403/404 pages) the HTTP status still names the fix.
  const statusCode =
    facts.httpStatus === 401 || facts.httpStatus === 403
      ? SYMANTEC_CODES.unauthorized
      : facts.httpStatus === 404
        ? SYMANTEC_CODES.unknownTransaction
        : undefined;
  const fix = (facts.code ? FIXES[facts.code] : undefined) ?? (statusCode && FIXES[statusCode]);
  const message = `Symantec/DigiCert refused ${what}${fix ? `: ${fix}` : ""}${vendorSuffix(facts.code, facts.text)}`;
  if (facts.code === SYMANTEC_CODES.unauthorized || facts.httpStatus === 401 || facts.httpStatus === 403) {
    return new AuthenticationError(message, details);
  }
  if (facts.httpStatus === 429) {
    return new RateLimitError(`Symantec/DigiCert rate-limited ${what}; try again later`, details);
  }
  if (facts.code === SYMANTEC_CODES.unknownTransaction || facts.httpStatus === 404) {
    return new NotFoundError(message, details);
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
