/**
 * Symantec/DigiCert VICE2 status codes. `0x00` is documented as success; the public sources do
 * not list the error codes, so these were chosen here (the sandbox sends the same) and any code
 * other than 0x00 is treated as a failure regardless.
 */
export const SYMANTEC_CODES = {
  success: "0x00",
  unauthorized: "0x0101",
  challengeMismatch: "0x0102",
  unknownTransaction: "0x0103",
  invalidValidityPeriod: "0x0104",
  tooManySans: "0x0105",
  missingField: "0x0106",
  invalidCsr: "0x0107",
  invalidEndDate: "0x0108",
} as const;

/** The sandbox's texts for the codes above. */
export const SYMANTEC_TEXTS: Record<string, string> = {
  "0x00": "success",
  "0x0101": "The client certificate is not authorized for this account.",
  "0x0102": "The original challenge phrase does not match.",
  "0x0103": "The original transaction was not found.",
  "0x0104": "The validity period is not allowed for this product.",
  "0x0105": "Too many subject alternative names (at most 100).",
  "0x0106": "A required field is missing.",
  "0x0107": "The CSR could not be parsed.",
  "0x0108": "The specific end date is outside the allowed validity period.",
};
