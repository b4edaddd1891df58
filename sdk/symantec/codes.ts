/**
 * Symantec/DigiCert VICE2 status codes as the public sources give them. `0x00` is success. The
 * others come from the table in Netflix/lemur's VeriSign plugin (copied from Venafi's KB article
 * "Info-VeriSign-Error-Codes"); DigiCert publishes no list of its own. Codes are compared in
 * lower case (the table itself writes `0x600E`).
 */

/** How a code is classified: a refusal of the request, an account/authorization problem, or a renewal VICE2 holds. */
export type SymantecCodeClass = "authentication" | "notFound" | "rule" | "server" | "pending";

/** What the project knows of one code: its class and the vendor's meaning. */
export interface SymantecCodeInfo {
  class: SymantecCodeClass;
  /** The vendor's meaning, from the source table. */
  meaning: string;
  /**
   * @deprecated No longer set: what a user changes for a code is the provider's to say
   * (provider/backends/errorAdvice.ts), so this table holds the vendor's facts only.
   */
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

/** Every documented code with its class and meaning (source: see the module comment). */
export const SYMANTEC_CODE_TABLE: Record<string, SymantecCodeInfo> = {
  "0x3301": { class: "notFound", meaning: "Bad transaction id or parent cert not renewable" },
  "0x3069": { class: "rule", meaning: "Challenge phrase mismatch" },
  "0x6000": { class: "rule", meaning: "parameter missing or incorrect" },
  "0x9511": { class: "rule", meaning: "Corrupted CSR" },
  "0x30e8": { class: "rule", meaning: "CN or org does not match the original one" },
  "0xa001": { class: "rule", meaning: "Public key format does not match" },
  "0x0143": { class: "rule", meaning: "Certificate End Date Error" },
  "0x4828": { class: "rule", meaning: "certificates can be at most two years in length" },
  "0x3111": { class: "rule", meaning: "Unsupported Product" },
  "0x3063": { class: "rule", meaning: "Certificate not allowed" },
  "0x0194": { class: "rule", meaning: "Incorrect Signature Algorithm" },
  "0x482c": { class: "rule", meaning: "signature algorithm does not match intended key type in the CSR" },
  "0x1005": { class: "rule", meaning: "Duplicate certificate" },
  "0x30c5": { class: "rule", meaning: "Domain Mismatch" },
  "0x300a": { class: "rule", meaning: "Domain/SubjectAltName Mismatched" },
  "0x950e": { class: "rule", meaning: "Invalid Common Name" },
  "0x950b": { class: "rule", meaning: "CSR: Invalid State" },
  "0x3105": { class: "rule", meaning: "Organization Name Not Matched" },
  "0x3043": { class: "rule", meaning: "Certificates must have a validity of at least 1 day" },
  "0x3a10": { class: "rule", meaning: "Invalid X509 certificate format" },
  "0x600e": { class: "rule", meaning: "only ECC keys on NIST P-256 are supported" },
  "0x6013": { class: "rule", meaning: "only DSA keys of (2048, 256) bits are supported" },
  "0x600d": { class: "rule", meaning: "RSA key size too small" },
  "0x4824": { class: "rule", meaning: "non-FQDN certificates are no longer allowed" },
  "0x4826": { class: "rule", meaning: "OU misleading" },
  "0x4827": { class: "rule", meaning: "Org re-auth past due" },
  "0x482a": { class: "rule", meaning: "Domain re-auth past due" },
  "0x482b": { class: "rule", meaning: "No org address was set to default" },
  "0x482d": { class: "rule", meaning: "SHA1 validity check error" },
  "0x482e": { class: "rule", meaning: "re-authentication for a newly approved gTLD not completed" },
  "0x3101": { class: "authentication", meaning: "Missing admin role" },
  "0x3085": { class: "authentication", meaning: "Account does not have webservice feature" },
  "0x3004": { class: "authentication", meaning: "Invalid Account" },
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
