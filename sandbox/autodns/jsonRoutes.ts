/**
 * The AutoDNS JSON REST API under `/autodns/v1`: `PUT certificate/{id}/_renew`,
 * `GET certificate/{id}`, `POST certificate/_search`, `GET job/{id}` and `POST job/_search`.
 * Login is HTTP Basic plus `X-Domainrobot-Context`; a refused login is a 401 envelope. The
 * operations themselves are in jsonOperations.ts.
 */
import type { RouteOutcome, RouteRequest, Router } from "../http/route";
import type { Store } from "../store";
import * as op from "./jsonOperations";
import { checkLogin } from "./renewal";
import { AUTODNS_WIRE } from "./wire";

const PREFIX = "/autodns/v1";

/** Options of the AutoDNS routers. */
export interface AutodnsRouteOptions {
  /** Refuse requests without a User-Agent (the real API requires one). */
  requireUserAgent: boolean;
}

/** A request header's first value. */
export function header(request: RouteRequest, name: string): string | undefined {
  const v = request.headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}

function basicAuth(request: RouteRequest): { user?: string; password?: string } {
  const m = /^Basic\s+(\S+)$/i.exec(header(request, "authorization") ?? "");
  if (!m) return {};
  const decoded = Buffer.from(m[1], "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  return colon < 0 ? {} : { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment; // a malformed %-escape is simply an unknown id
  }
}

/** The certificate a job search is about (an `objectId` EQUAL filter), for the request log. */
function searchedObjectId(body: string): string | undefined {
  const parsed = op.parseBody(body);
  const filters = parsed.ok ? op.record(parsed.value).filters : undefined;
  if (!Array.isArray(filters)) return undefined;
  const hit = filters.map(op.record).find((f) => f.key === "objectId" && (f.operator ?? "EQUAL") === "EQUAL");
  return op.optionalString(hit?.value);
}

interface Resolved {
  route: string;
  certificateId?: string;
  run: (ctx: op.JsonContext) => RouteOutcome;
}

function resolve(method: string, parts: string[], body: string): Resolved | undefined {
  const [kind, id, action] = parts;
  if (
    kind === "certificate" &&
    parts.length === 3 &&
    id !== "_search" &&
    action === "_renew" &&
    method === "PUT"
  ) {
    return { route: "autodns.json.renew", certificateId: id, run: (ctx) => op.renew(ctx, id) };
  }
  if (kind === "certificate" && parts.length === 2 && id === "_search" && method === "POST") {
    return { route: "autodns.json.certificateSearch", run: op.certificateSearch };
  }
  if (kind === "certificate" && parts.length === 2 && method === "GET") {
    return {
      route: "autodns.json.certificateInfo",
      certificateId: id,
      run: (ctx) => op.certificateInfo(ctx, id),
    };
  }
  if (kind === "job" && parts.length === 2 && id === "_search" && method === "POST") {
    return { route: "autodns.json.jobSearch", certificateId: searchedObjectId(body), run: op.jobSearch };
  }
  if (kind === "job" && parts.length === 2 && method === "GET") {
    return { route: "autodns.json.jobInfo", run: (ctx) => op.jobInfo(ctx, id) };
  }
  return undefined;
}

/** The router; see the module comment. */
export function autodnsJsonRouter(store: Store, caPem: string, options: AutodnsRouteOptions): Router {
  return (request) => {
    if (request.path !== PREFIX && !request.path.startsWith(`${PREFIX}/`)) return undefined;
    const parts = request.path.slice(PREFIX.length).split("/").filter(Boolean).map(decodeSegment);
    const ctx: op.JsonContext = {
      store,
      caPem,
      body: request.body,
      ctid: header(request, "x-domainrobot-ctid"),
    };
    const resolved = resolve(request.method, parts, request.body);
    const certificateId = resolved?.certificateId;
    return {
      vendor: "autodns",
      route: resolved?.route ?? "autodns.json.unknown",
      format: "json",
      certificateId,
      run: () => {
        if (options.requireUserAgent && !header(request, "user-agent")) {
          const object = { type: "header", value: "User-Agent" };
          return op.refusal(
            ctx,
            { httpStatus: 400, message: AUTODNS_WIRE.missingValue, object },
            certificateId,
          );
        }
        const { user, password } = basicAuth(request);
        const refused = checkLogin(user, password, header(request, "x-domainrobot-context"));
        if (refused) return op.refusal(ctx, refused, certificateId);
        if (!resolved) {
          const object = { type: "path", value: `${request.method} ${request.path}` };
          return op.refusal(ctx, { httpStatus: 404, message: AUTODNS_WIRE.genericError, object });
        }
        return resolved.run(ctx);
      },
    };
  };
}
