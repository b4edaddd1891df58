/**
 * The VICE2 renew form rules that need no state, answered with the vendor's status codes (the
 * table in sdk/symantec/codes.ts): unknown, missing or ill-formed parameters are `0x6000`
 * "parameter missing or incorrect" with the reason in the message, as the vendor does; more than
 * two years for a public product `0x4828`; an end date not strictly under two years (three for
 * private and code signing) `0x0143`. The CSR (`0x9511`), the original transaction (`0x3301`) and
 * its challenge (`0x3069`) are checked by the route.
 */
import { addMonths, endOfDayUtc, parseUsDate } from "../dates";

/** Status codes the sandbox sends, with the vendor's texts (Venafi's table, via Netflix/lemur). */
export const SYMANTEC_WIRE = {
  "0x00": "success",
  "0x3101": "Missing admin role",
  "0x3069": "Challenge phrase mismatch",
  "0x3301": "Bad transaction id or parent cert not renewable.",
  "0x6000": "parameter missing or incorrect",
  "0x4828": "Verisign certificates can be at most two years in length",
  "0x9511": "Corrupted CSR",
  "0x0143": "Certificate End Date Error",
  "0xa00e": "Pending. (Insufficient number of tokens.)",
} as const;

/** A code the sandbox sends. */
export type SymantecCode = keyof typeof SYMANTEC_WIRE;

/** A refusal: the code and, for 0x6000, which parameter and why. */
export interface SymantecRefusal {
  code: SymantecCode;
  detail?: string;
}

const CODE_SIGNING = new Set(["CodeSigning", "JavaCodeSigning", "EVCodeSigning"]);

/** Products that may have 3Y (and a specific end date up to 3 years): Private SSL and code signing. */
export const THREE_YEAR_PRODUCTS = new Set(["PrivateServer", ...CODE_SIGNING]);

/** Products VICE2 accepts. */
export const PRODUCT_TYPES = new Set([
  ...["Server", "GlobalServer", "HAServer", "HAGlobalServer", "IntranetServer", "IntranetGlobalServer"],
  ...["GeotrustServer", "OFXServer", ...THREE_YEAR_PRODUCTS],
]);

/** Signature algorithms the renew form documents. */
const SIGNATURE_ALGORITHMS = new Set([
  ...["sha256WithRSAEncryption", "sha256WithRSAEncryptionFull", "sha1WithRSAEncryption"],
  ...["ECDSAwithSHA256", "ECDSAwithSHA384", "ECDSAwithSHA256Full"],
]);

/**
 * The renew form's fields (sapcc/go-vice `RenewRequest`, the seed's field table); `middleInitial`
 * and `employeeID` appear in the seed's own request and are accepted too. Anything else is refused.
 */
export const RENEW_FIELDS = new Set([
  "challenge",
  "firstName",
  "lastName",
  "middleInitial",
  "employeeID",
  "email",
  "csr",
  "certProductType",
  "serverType",
  "validityPeriod",
  "specificEndDate",
  "original_certificate",
  "original_transaction_id",
  "original_challenge",
  "signatureAlgorithm",
  "ctLogOption",
  "subject_alt_names",
]);

/** Fields with the vendor's maximum lengths. */
const MAX_LENGTHS: Record<string, number> = {
  firstName: 240,
  lastName: 240,
  email: 240,
  original_transaction_id: 32,
  original_challenge: 32,
  challenge: 32,
  validityPeriod: 2,
  specificEndDate: 10,
};

const parameter = (detail: string): SymantecRefusal => ({ code: "0x6000", detail });

/** Checks the form; returns the first refusal, or undefined. */
export function validateRenewForm(form: URLSearchParams, nowMs: number): SymantecRefusal | undefined {
  const unknown = [...form.keys()].find((k) => !RENEW_FIELDS.has(k));
  if (unknown) return parameter(`unknown parameter ${unknown}`);
  const product = form.get("certProductType") ?? "";
  const required = [
    "firstName",
    "lastName",
    "email",
    "csr",
    "certProductType",
    "validityPeriod",
    "original_challenge",
    "challenge",
  ];
  // serverType is ignored for code signing certificates.
  if (!CODE_SIGNING.has(product)) required.push("serverType");
  const missing = required.find((field) => !form.get(field));
  if (missing) return parameter(`${missing} is missing`);
  if (!form.get("original_transaction_id") && !form.get("original_certificate"))
    return parameter("original_transaction_id or original_certificate is missing");
  const tooLong = Object.entries(MAX_LENGTHS).find(([field, max]) => (form.get(field) ?? "").length > max);
  if (tooLong) return parameter(`${tooLong[0]} is longer than ${tooLong[1]} characters`);
  if (!PRODUCT_TYPES.has(product)) return parameter("Unsupported certProductType");
  const ctLog = form.get("ctLogOption");
  if (ctLog !== null && ctLog !== "public" && ctLog !== "nolog") return parameter("invalid ctLogOption");
  const algorithm = form.get("signatureAlgorithm");
  if (algorithm !== null && !SIGNATURE_ALGORITHMS.has(algorithm))
    return parameter("invalid signatureAlgorithm");

  const validity = form.get("validityPeriod");
  if (validity !== "1Y" && validity !== "2Y" && validity !== "3Y") return parameter("invalid validityPeriod");
  if (validity === "3Y" && !THREE_YEAR_PRODUCTS.has(product)) return { code: "0x4828" };

  const sans = (form.get("subject_alt_names") ?? "").split(",").filter((s) => s.trim() !== "");
  if (sans.length > 100) return parameter("more than 100 subject_alt_names");

  const endDate = form.get("specificEndDate");
  if (endDate) {
    const end = parseUsDate(endDate);
    if (end === undefined) return parameter("specificEndDate is not MM/DD/YYYY");
    const maxYears = THREE_YEAR_PRODUCTS.has(product) ? 3 : 2;
    // "VeriSign (Symantec) only accepts strictly smaller than 2 year end date" (Netflix/lemur).
    // The end date is a day: the day two years from today is already too far.
    if (end <= nowMs || end >= endOfDayUtc(addMonths(nowMs, maxYears * 12))) return { code: "0x0143" };
  }
  return undefined;
}
