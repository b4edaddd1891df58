/**
 * ResellerClub answers in both formats the API offers: `.json` (flat maps of strings; searches as
 * a map keyed "1", "2", … beside `recsonpage`/`recsindb`) and `.xml`, which LogicBoxes serializes
 * as `<hashtable><entry><string>key</string><string>value</string></entry>…</hashtable>`
 * (UNCONFIRMED by public sources; the sdk client speaks JSON only). Errors are HTTP 500
 * `{"status":"ERROR","message":…}` with the texts of RESELLERCLUB_TEXTS in sdk/resellerclub/errors.ts.
 */
import { Reply, jsonReply, xmlReply } from "../http/route";

/** Error texts (the sdk's RESELLERCLUB_TEXTS, plus parameter errors of our own). */
export const RESELLERCLUB_WIRE = {
  pendingAction: "There is already an action pending on this Order.",
  wrongMethod: "Unsupported HTTP method for this API call.",
  authFailed: "Invalid auth-userid or api-key.",
  orderNotFound: "Invalid Order Id or the order does not exist.",
  staleExpiry: "Current expiry date provided does not match the expiry date of the order.",
  unknownCall: "Unsupported API call.",
  invalidInvoiceOption:
    "Invalid invoice-option. Valid values are NoInvoice, PayInvoice, KeepInvoice and OnlyAdd.",
  invalidCsr: "Invalid csrString: the CSR could not be parsed.",
  required: (name: string) => `${name} is required.`,
  unknownParameter: (name: string) => `Unsupported parameter: ${name}.`,
  invalidNumber: (name: string) => `Invalid ${name}.`,
  recordsOutOfRange: (min: number, max: number) => `no-of-records must be between ${min} and ${max}.`,
} as const;

/** A map the API returns: strings, or nested maps for search results. */
export interface WireMap {
  [key: string]: string | WireMap;
}

/** The answer formats, chosen by the URL suffix. */
export type ResellerClubFormat = "json" | "xml";

function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function hashtable(map: WireMap, indent: string): string {
  const inner = `${indent}  `;
  const entries = Object.entries(map).map(([key, value]) => {
    const rendered =
      typeof value === "string"
        ? `${inner}  <string>${escapeXml(value)}</string>`
        : `${inner}  ${hashtable(value, `${inner}  `).trimStart()}`;
    return `${inner}<entry>\n${inner}  <string>${escapeXml(key)}</string>\n${rendered}\n${inner}</entry>`;
  });
  return `${indent}<hashtable>\n${entries.join("\n")}${entries.length ? "\n" : ""}${indent}</hashtable>`;
}

/** Renders a map in the requested format with the given HTTP status. */
export function mapReply(status: number, map: WireMap, format: ResellerClubFormat): Reply {
  if (format === "json") return jsonReply(status, map);
  return xmlReply(status, `<?xml version="1.0" encoding="UTF-8"?>\n${hashtable(map, "")}\n`);
}

/** The error answer: HTTP 500 `{"status":"ERROR","message":…}`. */
export function errorReply(message: string, format: ResellerClubFormat): Reply {
  return mapReply(500, { status: "ERROR", message }, format);
}

/** Money as the API writes it: three decimals, debits negative (`-7.910`). */
export function money(amount: number): string {
  return amount.toFixed(3);
}
