/**
 * Symantec/DigiCert VICE2 status codes as the public sources give them. `0x00` is success. The
 * others come from the table in Netflix/lemur's VeriSign plugin (copied from Venafi's KB article
 * "Info-VeriSign-Error-Codes"); DigiCert publishes no list of its own. Codes are compared in
 * lower case (the table itself writes `0x600E`).
 */

/** How a code is classified: a refusal of the request, an account/authorization problem, or a renewal VICE2 holds. */
export type SymantecCodeClass = "authentication" | "notFound" | "rule" | "server" | "pending";

/** What the project knows of one code: its class, the vendor's meaning and what the user can do. */
export interface SymantecCodeInfo {
  class: SymantecCodeClass;
  /** The vendor's meaning, from the source table. */
  meaning: string;
  /** What to change, naming the input; absent where nothing on our side fixes it. */
  fix?: string;
}

/** The codes the client acts on, by name. */
export const SYMANTEC_CODES = {
  success: "0x00",
  badTransaction: "0x3301",
  challengeMismatch: "0x3069",
  parameter: "0x6000",
  corruptedCsr: "0x9511",
  subjectMismatch: "0x30e8",
  missingAdminRole: "0x3101",
  noWebserviceFeature: "0x3085",
  invalidAccount: "0x3004",
  endDate: "0x0143",
  maxTwoYears: "0x4828",
  pendingTokens: "0xa00e",
  pendingCaa: "0x8134",
} as const;

/** Every documented code with its class and fix (source: see the module comment). */
export const SYMANTEC_CODE_TABLE: Record<string, SymantecCodeInfo> = {
  "0x3301": {
    class: "notFound",
    meaning: "Bad transaction id or parent cert not renewable",
    fix: "the original transaction id is wrong or its certificate is not renewable (yet); check certificateId (the transaction id of the certificate being renewed)",
  },
  "0x3069": {
    class: "rule",
    meaning: "Challenge phrase mismatch",
    fix: "the original challenge phrase does not match; set symantec.originalChallenge to the challenge of the certificate being renewed",
  },
  "0x6000": {
    class: "rule",
    meaning: "parameter missing or incorrect",
    fix: "a parameter is missing or incorrect (the vendor's message names it); check the symantec block",
  },
  "0x9511": {
    class: "rule",
    meaning: "Corrupted CSR",
    fix: "the CSR is malformed; set symantec.csr to a PEM or base64 PKCS#10 request",
  },
  "0x30e8": {
    class: "rule",
    meaning: "CN or org does not match the original one",
    fix: "the CSR's common name or organization differs from the original certificate's; make symantec.csr match them",
  },
  "0xa001": {
    class: "rule",
    meaning: "Public key format does not match",
    fix: "the CSR's key type differs from the original certificate's (RSA vs ECC); use a CSR with the same key type",
  },
  "0x0143": {
    class: "rule",
    meaning: "Certificate End Date Error",
    fix: "specificEndDate is not valid; use an end date within the allowed validity (strictly less than 2 years for public server certificates)",
  },
  "0x4828": {
    class: "rule",
    meaning: "certificates can be at most two years in length",
    fix: "use lifetimeMonths 12 or 24 (36 only for PrivateServer and code signing)",
  },
  "0x3111": {
    class: "rule",
    meaning: "Unsupported Product",
    fix: "the product or cipher is not supported; check symantec.certProductType and symantec.signatureAlgorithm",
  },
  "0x3063": {
    class: "rule",
    meaning: "Certificate not allowed",
    fix: "the certificate type is not configured for the account; check symantec.certProductType",
  },
  "0x0194": {
    class: "rule",
    meaning: "Incorrect Signature Algorithm",
    fix: "symantec.signatureAlgorithm does not suit the CSR's key type",
  },
  "0x482c": {
    class: "rule",
    meaning: "signature algorithm does not match intended key type in the CSR",
    fix: "symantec.signatureAlgorithm does not suit the CSR's key type",
  },
  "0x1005": { class: "rule", meaning: "Duplicate certificate" },
  "0x30c5": {
    class: "rule",
    meaning: "Domain Mismatch",
    fix: "a domain of the CSR or SANs is not added to the account",
  },
  "0x300a": {
    class: "rule",
    meaning: "Domain/SubjectAltName Mismatched",
    fix: "check symantec.subjectAlternativeNames against the account's domains",
  },
  "0x950e": {
    class: "rule",
    meaning: "Invalid Common Name",
    fix: "the CSR's common name needs a proper domain suffix",
  },
  "0x950b": { class: "rule", meaning: "CSR: Invalid State", fix: "spell the CSR's state out in full" },
  "0x3105": { class: "rule", meaning: "Organization Name Not Matched" },
  "0x3043": { class: "rule", meaning: "Certificates must have a validity of at least 1 day" },
  "0x3a10": {
    class: "rule",
    meaning: "Invalid X509 certificate format",
    fix: "check symantec.originalCertificate",
  },
  "0x600e": { class: "rule", meaning: "only ECC keys on NIST P-256 are supported" },
  "0x6013": { class: "rule", meaning: "only DSA keys of (2048, 256) bits are supported" },
  "0x600d": { class: "rule", meaning: "RSA key size too small" },
  "0x4824": { class: "rule", meaning: "non-FQDN certificates are no longer allowed" },
  "0x4826": { class: "rule", meaning: "OU misleading" },
  "0x4827": {
    class: "rule",
    meaning: "Org re-auth past due",
    fix: "re-authenticate the organization in the VICE2 console",
  },
  "0x482a": {
    class: "rule",
    meaning: "Domain re-auth past due",
    fix: "re-authenticate the domain in the VICE2 console",
  },
  "0x482b": { class: "rule", meaning: "No org address was set to default" },
  "0x482d": { class: "rule", meaning: "SHA1 validity check error" },
  "0x482e": { class: "rule", meaning: "re-authentication for a newly approved gTLD not completed" },
  "0x3101": {
    class: "authentication",
    meaning: "Missing admin role",
    fix: "the client certificate's account lacks the administrator role the web service needs; check symantec.clientCertificate and symantec.clientKey",
  },
  "0x3085": {
    class: "authentication",
    meaning: "Account does not have webservice feature",
    fix: "the account behind symantec.clientCertificate is not enabled for the web service API",
  },
  "0x3004": {
    class: "authentication",
    meaning: "Invalid Account",
    fix: "the account behind symantec.clientCertificate is not valid or not yet active",
  },
  "0x4002": { class: "server", meaning: "Internal QM Error" },
  "0x4101": { class: "server", meaning: "Internal Error" },
  "0x23df": { class: "server", meaning: "No MDS Data Returned" },
  "0xa00e": { class: "pending", meaning: "Pending. (Insufficient number of tokens.)" },
  "0x8134": { class: "pending", meaning: "Pending. (Domain failed CAA validation.)" },
};

/** The table entry for a code, case-insensitively. */
export function symantecCodeInfo(code: string | undefined): SymantecCodeInfo | undefined {
  return code ? SYMANTEC_CODE_TABLE[code.toLowerCase()] : undefined;
}

/** True for the codes VICE2 documents as "Pending": the renewal exists and is held, not refused. */
export function isSymantecPendingCode(code: string | undefined): boolean {
  return symantecCodeInfo(code)?.class === "pending";
}
