/**
 * The shape every emulated vendor route takes: a router recognizes a request and names the route
 * (`autodns.json.renew`, …); the dispatcher applies faults, runs it and logs the exchange.
 */
import type { IncomingHttpHeaders } from "node:http";
import type { SandboxVendor } from "../types";

/** A request as the routes see it (body already read). */
export interface RouteRequest {
  method: string;
  /** Path below the vendor prefix is up to the router; this is the full path without query. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
  /** Fingerprint of the TLS client certificate (HTTPS server only). */
  clientFingerprint256?: string;
}

/** An answer to send. */
export interface Reply {
  status: number;
  contentType: string;
  body: string;
  headers?: Record<string, string>;
}

/** What a route ran: the answer, and the certificate it concerned (for the request log). */
export interface RouteOutcome extends Reply {
  certificateId?: string;
  /** Set when the request broke the vendor's published contract (and was refused for it). */
  contractViolation?: string;
}

/** A recognized request. */
export interface RouteMatch {
  vendor: SandboxVendor;
  /** The route name faults and the log use. */
  route: string;
  /** The body format, for `malformed` faults. */
  format: "json" | "xml";
  /** Certificate id known before running (for the log when the route never runs). */
  certificateId?: string;
  /** Performs the operation (synchronously: its whole effect lands at once). */
  run(): RouteOutcome;
}

/** Recognizes the requests of one vendor API, or returns undefined. */
export type Router = (request: RouteRequest) => RouteMatch | undefined;

/** Every route name the sandbox knows (fault targets). */
export const SANDBOX_ROUTES = [
  "autodns.json.renew",
  "autodns.json.certificateInfo",
  "autodns.json.certificateSearch",
  "autodns.json.jobInfo",
  "autodns.json.jobSearch",
  "autodns.json.jobHistoryInfo",
  "autodns.json.jobHistorySearch",
  "autodns.json.unknown",
  "autodns.xml.400106",
  "autodns.xml.400104",
  "autodns.xml.400105",
  "autodns.xml.400114",
  "autodns.xml.400115",
  "autodns.xml.400135",
  "autodns.xml.unknown",
  "symantec.renew",
  "symantec.pickup",
  "symantec.unknown",
  "resellerclub.renew",
  "resellerclub.details",
  "resellerclub.actions",
  "resellerclub.search",
  "resellerclub.unknown",
] as const;

/** A JSON answer. */
export function jsonReply(status: number, value: unknown, headers?: Record<string, string>): Reply {
  return { status, contentType: "application/json; charset=UTF-8", body: JSON.stringify(value), headers };
}

/** An XML answer. */
export function xmlReply(
  status: number,
  body: string,
  contentType = "application/xml; charset=UTF-8",
): Reply {
  return { status, contentType, body };
}

/** An HTML page, as proxies and load balancers send on outages. */
export function htmlReply(status: number, title: string, headers?: Record<string, string>): Reply {
  const body = `<!DOCTYPE html>\n<html><head><title>${status} ${title}</title></head><body><h1>${title}</h1><hr><address>sandbox</address></body></html>\n`;
  return { status, contentType: "text/html; charset=UTF-8", body, headers };
}
