/** Shared handling of answers that are not in the vendor's documented format. */
import { DecodeError, VENDOR_LABELS, VendorName } from "./errors";
import type { HttpResponse } from "./http";
import { parseXml, type XmlNode } from "./xml";

/** A short, single-line preview of a body for messages. */
export function preview(body: string, max = 80): string {
  const flat = body.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

/**
 * The error for an unreadable answer: HTML error pages (proxies, maintenance), truncated or
 * empty bodies. `format` names what we expected ("JSON", "XML"). The message says what arrived and
 * whose side failed; which setting to check is the caller's to add (the sdk knows no inputs).
 * `_endpointProperty` is ignored (deprecated: it put the provider's input names into the sdk).
 */
export function decodeError(
  vendor: VendorName,
  operation: string,
  response: HttpResponse,
  format: string,
  reason: string,
  _endpointProperty?: string,
): DecodeError {
  const type = response.headers["content-type"] ?? "no content type";
  const body = response.body.trim() === "" ? "an empty body" : `"${preview(response.body)}"`;
  // A 5xx page is the vendor (or its proxy) failing; anything else may also be a wrong URL.
  const fact =
    response.status >= 500
      ? "The service failed on its side; try again later"
      : "The service may be down or the endpoint may be the wrong URL; try again later";
  return new DecodeError(
    `${VENDOR_LABELS[vendor]} answered ${operation} with something that is not its ${format} format ` +
      `(HTTP ${response.status}, ${type}: ${body}; ${reason}). ${fact}`,
    { vendor, operation, status: response.status, rawBody: response.body },
  );
}

/**
 * The error for an answer that is not in the vendor's `format`: an HTML (or empty) 401, 403 or 429
 * page from a proxy or the web server says all there is in its HTTP status, so `byStatus` makes
 * that error; anything else is a {@link decodeError}.
 */
export function unreadableAnswer(
  vendor: VendorName,
  operation: string,
  response: HttpResponse,
  format: string,
  byStatus: () => Error,
): (reason: string) => Error {
  const statusOnly = response.status === 401 || response.status === 403 || response.status === 429;
  return (reason) => (statusOnly ? byStatus() : decodeError(vendor, operation, response, format, reason));
}

/** Parses an XML answer; a body that is not XML becomes `unreadable(reason)` (see {@link unreadableAnswer}). */
export function parseXmlAnswer(body: string, unreadable: (reason: string) => Error): XmlNode {
  try {
    return parseXml(body);
  } catch (e) {
    throw unreadable(e instanceof Error ? e.message : String(e));
  }
}

/** Parses JSON or returns the parse failure's message. */
export function tryParseJson(text: string): { ok: true; value: unknown } | { ok: false; reason: string } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (e) {
    return { ok: false, reason: (e as Error).message };
  }
}

/** A plain object, or undefined. */
export function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value && typeof value === "object" && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** A string for a scalar (numbers become decimal strings without precision loss for ids ≤ 2^53). */
export function asString(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  if (typeof value === "bigint") return value.toString();
  return undefined;
}
