/**
 * AutoDNS codes this package understands. The renewal rule codes come from the vendor's
 * documentation; the authentication and not-found codes are UNCONFIRMED by public sources and
 * were chosen here (the sandbox uses the same ones) — the clients also classify by HTTP status.
 */
export const AUTODNS_CODES = {
  renewStarted: "N400106",
  certificateInfo: "S400104",
  // Job codes: help pages "Certificate Job Info" (S300114) and "Managing Certificate Orders"
  // (S300115); the history's from the spec's summaries (300134, 300135).
  jobInfo: "S300114",
  jobList: "S300115",
  jobHistoryInfo: "S300134",
  jobHistoryList: "S300135",
  certificateList: "S400105",
  renewWindow: "EF4001012",
  adminContactInvalid: "EF4001006",
  technicalContactInvalid: "EF4001010",
  authentication: "E01003",
  contextInvalid: "E01004",
  certificateNotFound: "EF4001001",
  jobNotFound: "EF300101",
  missingValue: "EF01000",
  genericError: "E00000",
} as const;

/**
 * Message texts the sandbox sends for the codes above.
 * @deprecated Nothing in the clients reads these (they compare codes, never texts); they describe
 * the sandbox and are kept only because the sdk is public. Read `vendorText` from the error instead.
 */
export const AUTODNS_TEXTS: Record<string, string> = {
  N400106: "Certificate renew was started successfully.",
  EF4001012: "A renewal is only possible 90 days before expiration.",
  EF4001006: "The admin contact is invalid.",
  EF4001010: "The technical contact is invalid.",
  E01003: "Authentication error.",
  E01004: "The context is invalid.",
  EF4001001: "Certificate does not exist.",
  EF300101: "Job does not exist.",
  EF01000: "Missing or wrong value.",
  E00000: "Errors occurred during processing.",
};
