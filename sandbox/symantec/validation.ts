/**
 * The VICE2 renew form rules that need no state: required fields and lengths (0x0106), the
 * validity period per product (0x0104), the SAN limit (0x0105) and the specific end date (0x0108).
 * The CSR (0x0107), the original transaction (0x0103) and its challenge (0x0102) are checked by
 * the route. Texts mirror sdk/symantec/codes.ts.
 */
import { addMonths, endOfDayUtc, parseUsDate } from "../dates";

/** Status codes and messages the sandbox sends. */
export const SYMANTEC_WIRE = {
  "0x00": "success",
  "0x0101": "The client certificate is not authorized for this account.",
  "0x0102": "The original challenge phrase does not match.",
  "0x0103": "The original transaction was not found.",
  "0x0104": "The validity period is not allowed for this product.",
  "0x0105": "Too many subject alternative names (at most 100).",
  "0x0106": "A required field is missing.",
  "0x0107": "The CSR could not be parsed.",
  "0x0108": "The specific end date is outside the allowed validity period.",
} as const;

/** A code the sandbox sends. */
export type SymantecCode = keyof typeof SYMANTEC_WIRE;

/** Products VICE2 accepts. */
export const PRODUCT_TYPES = new Set([
  "Server",
  "GlobalServer",
  "HAServer",
  "HAGlobalServer",
  "IntranetServer",
  "IntranetGlobalServer",
  "PrivateServer",
  "GeotrustServer",
  "CodeSigning",
  "JavaCodeSigning",
  "EVCodeSigning",
  "OFXServer",
]);

/** Products that may have 3Y (and a specific end date up to 3 years): Private SSL and code signing. */
export const THREE_YEAR_PRODUCTS = new Set([
  "PrivateServer",
  "CodeSigning",
  "JavaCodeSigning",
  "EVCodeSigning",
]);

const CODE_SIGNING = new Set(["CodeSigning", "JavaCodeSigning", "EVCodeSigning"]);

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

/** Checks the form; returns the first failing code, or undefined. */
export function validateRenewForm(form: URLSearchParams, nowMs: number): SymantecCode | undefined {
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
  if (required.some((field) => !form.get(field))) return "0x0106";
  if (!form.get("original_transaction_id") && !form.get("original_certificate")) return "0x0106";
  if (Object.entries(MAX_LENGTHS).some(([field, max]) => (form.get(field) ?? "").length > max))
    return "0x0106";
  if (!PRODUCT_TYPES.has(product)) return "0x0106";
  const ctLog = form.get("ctLogOption");
  if (ctLog !== null && ctLog !== "public" && ctLog !== "nolog") return "0x0106";

  const validity = form.get("validityPeriod");
  if (validity !== "1Y" && validity !== "2Y" && validity !== "3Y") return "0x0104";
  if (validity === "3Y" && !THREE_YEAR_PRODUCTS.has(product)) return "0x0104";

  const sans = (form.get("subject_alt_names") ?? "").split(",").filter((s) => s.trim() !== "");
  if (sans.length > 100) return "0x0105";

  const endDate = form.get("specificEndDate");
  if (endDate) {
    const end = parseUsDate(endDate);
    const maxYears = THREE_YEAR_PRODUCTS.has(product) ? 3 : 2;
    if (end === undefined || end <= nowMs || end > endOfDayUtc(addMonths(nowMs, maxYears * 12)))
      return "0x0108";
  }
  return undefined;
}
