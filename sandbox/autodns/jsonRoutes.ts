/**
 * The AutoDNS JSON REST API under `/autodns/v1`: the operations of the published spec that the
 * project uses (./contract.ts): `PUT certificate/{id}/_renew`, `PUT certificate/{id}` (reissue),
 * `GET certificate/{id}`,
 * `POST certificate/_search`, `GET job/{id}`, `POST job/_search`, `GET job/history/{id}` and
 * `POST job/history/_search`. Login is HTTP Basic plus `X-Domainrobot-Context`; a refused login is
 * a 401 envelope. A request outside the contract (another route, an undocumented key, a field of
 * the wrong type) is refused with EF01000 naming what is wrong, and logged as a contract
 * violation. The operations themselves are in jsonOperations.ts and jsonJobs.ts.
 */
import type { RouteOutcome, RouteRequest, Router } from "../http/route";
import type { Store } from "../store";
import { MatchedOperation, bodyViolations, idViolations, matchOperation, queryViolations } from "./contract";
import * as jobs from "./jsonJobs";
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

/** The certificate a job search is about (an `object` EQUAL filter names it), for the request log. */
function searchedCertificateId(store: Store, body: string): string | undefined {
  const parsed = op.parseBody(body);
  const filters = parsed.ok ? op.record(parsed.value).filters : undefined;
  if (!Array.isArray(filters)) return undefined;
  const hit = filters.map(op.record).find((f) => f.key === "object" && (f.operator ?? "EQUAL") === "EQUAL");
  const name = op.optionalString(hit?.value);
  if (name === undefined) return undefined;
  return [...store.certificates.values()].find((c) => c.vendor === "autodns" && c.commonName === name)?.id;
}

/** What each documented operation runs. */
const RUNS: Record<string, (ctx: op.JsonContext, id: string) => RouteOutcome> = {
  "autodns.json.renew": (ctx, id) => op.renew(ctx, id),
  "autodns.json.reissue": (ctx, id) => op.reissue(ctx, id),
  "autodns.json.certificateInfo": (ctx, id) => op.certificateInfo(ctx, id),
  "autodns.json.certificateSearch": (ctx) => op.certificateSearch(ctx),
  "autodns.json.jobInfo": (ctx, id) => jobs.jobInfo(ctx, id),
  "autodns.json.jobSearch": (ctx) => jobs.jobSearch(ctx),
  "autodns.json.jobHistoryInfo": (ctx, id) => jobs.jobHistoryInfo(ctx, id),
  "autodns.json.jobHistorySearch": (ctx) => jobs.jobHistorySearch(ctx),
};

/** Every way the request breaks the published contract (./contract.ts), as `path problem`. */
function violationsOf(match: MatchedOperation, request: RouteRequest): string[] {
  const parsed = op.parseBody(request.body);
  const body = parsed.ok
    ? bodyViolations(match.operation, parsed.value)
    : [{ path: "body", problem: "is not JSON" }];
  return [...idViolations(match), ...queryViolations(match.operation, request.query), ...body].map(
    (v) => `${v.path} ${v.problem}`,
  );
}

/** The certificate a request concerns, for the log. */
function certificateOf(store: Store, match: MatchedOperation | undefined, body: string): string | undefined {
  const route = match?.operation.route;
  if (route === "autodns.json.jobSearch" || route === "autodns.json.jobHistorySearch")
    return searchedCertificateId(store, body);
  return route === "autodns.json.renew" ||
    route === "autodns.json.reissue" ||
    route === "autodns.json.certificateInfo"
    ? match?.id
    : undefined;
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
      keys: [...request.query.getAll("keys[]"), ...request.query.getAll("keys")],
    };
    const match = matchOperation(request.method, parts);
    const certificateId = certificateOf(store, match, request.body);
    return {
      vendor: "autodns",
      route: match?.operation.route ?? "autodns.json.unknown",
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
        if (!match) {
          const object = { type: "path", value: `${request.method} ${request.path}` };
          return {
            ...op.refusal(ctx, { httpStatus: 404, message: AUTODNS_WIRE.genericError, object }),
            contractViolation: `${request.method} ${request.path} is not an operation of the AutoDNS JSON API`,
          };
        }
        const violations = violationsOf(match, request);
        if (violations.length) {
          const object = { type: violations[0].split(" ")[0], value: violations.join("; ") };
          return {
            ...op.refusal(
              ctx,
              { httpStatus: 400, message: AUTODNS_WIRE.missingValue, object },
              certificateId,
            ),
            contractViolation: violations.join("; "),
          };
        }
        return RUNS[match.operation.route](ctx, match.id ?? "");
      },
    };
  };
}
