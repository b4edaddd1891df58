/**
 * Turns node requests into route runs: reads the body, finds the route, applies an injected fault,
 * runs the operation inside the store's exclusive section (after settling due jobs), writes the
 * answer and logs the exchange. The admin routes are handed off before any of that.
 */
import { IncomingMessage, STATUS_CODES, ServerResponse } from "node:http";
import type { TLSSocket } from "node:tls";
import { FaultRegistry, PERFORMING_KINDS } from "../faults";
import { settleJobs } from "../jobs";
import type { RequestLog } from "../requestLog";
import type { Store } from "../store";
import type { SandboxFault } from "../types";
import { Reply, RouteMatch, RouteOutcome, RouteRequest, Router, htmlReply } from "./route";

/** Largest request body accepted (vendor requests are a few KB; CSRs and SAN lists included). */
const MAX_BODY_BYTES = 2_000_000;

/** What the dispatcher works with. */
export interface DispatcherDeps {
  store: Store;
  faults: FaultRegistry;
  log: RequestLog;
  routers: Router[];
  /** Serves `/_sandbox/...`; absent on the Symantec HTTPS server. */
  admin?: (request: RouteRequest) => Promise<Reply>;
}

class BodyTooLarge extends Error {}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) reject(new BodyTooLarge());
      else chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function send(res: ServerResponse, reply: Reply): void {
  res.writeHead(reply.status, {
    "Content-Type": reply.contentType,
    "Content-Length": String(Buffer.byteLength(reply.body)),
    ...reply.headers,
  });
  res.end(reply.body);
}

function clientFingerprint(req: IncomingMessage): string | undefined {
  const socket = req.socket as Partial<TLSSocket>;
  if (typeof socket.getPeerCertificate !== "function") return undefined;
  const peer = socket.getPeerCertificate();
  return peer && peer.fingerprint256 ? peer.fingerprint256 : undefined;
}

const GARBAGE = "#!garbage: \u00ff\u00fe this is neither JSON nor XML {{{ <<<";

/** Builds the `request` listener of a server. */
export function createDispatcher(deps: DispatcherDeps): (req: IncomingMessage, res: ServerResponse) => void {
  const { store, faults, log } = deps;

  function runRoute(match: RouteMatch): RouteOutcome {
    settleJobs(store);
    return match.run();
  }

  /** The answer to send (undefined: destroy the socket), decided before anything is written. */
  async function answer(
    match: RouteMatch,
    fault?: SandboxFault,
  ): Promise<{ reply?: Reply; certificateId?: string; contractViolation?: string }> {
    if (fault?.delayMs) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
    let outcome: RouteOutcome | undefined;
    if (!fault || PERFORMING_KINDS.has(fault.kind)) outcome = runRoute(match);
    const certificateId = outcome?.certificateId ?? match.certificateId;
    let reply: Reply | undefined = outcome;
    switch (fault?.kind) {
      case "status":
        reply = htmlReply(fault.status ?? 503, STATUS_CODES[fault.status ?? 503] ?? "Error");
        break;
      case "rateLimit":
        reply = htmlReply(429, "Too Many Requests", { "Retry-After": String(fault.retryAfterSeconds ?? 1) });
        break;
      case "malformed":
        reply = {
          status: 200,
          contentType: match.format === "json" ? "application/json" : "application/xml",
          body: GARBAGE,
        };
        break;
      case "truncated":
        reply = { ...outcome!, body: outcome!.body.slice(0, Math.floor(outcome!.body.length / 2)) };
        break;
      case "reset":
      case "acceptThenDrop":
        reply = undefined;
        break;
    }
    return { reply, certificateId, contractViolation: outcome?.contractViolation };
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://sandbox");
    let body: string;
    try {
      body = await readBody(req);
    } catch (e) {
      send(res, htmlReply(e instanceof BodyTooLarge ? 413 : 400, "Bad Request"));
      return;
    }
    const request: RouteRequest = {
      method: (req.method ?? "GET").toUpperCase(),
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      body,
      clientFingerprint256: clientFingerprint(req),
    };
    if (deps.admin && (request.path === "/_sandbox" || request.path.startsWith("/_sandbox/"))) {
      send(res, await deps.admin(request));
      return;
    }
    const match = deps.routers.map((router) => router(request)).find((m) => m !== undefined);
    if (!match) {
      send(res, htmlReply(404, "Not Found"));
      return;
    }
    const fault = faults.take(match.route);
    let result: { reply?: Reply; certificateId?: string; contractViolation?: string };
    try {
      result = await answer(match, fault);
    } catch (e) {
      // A sandbox bug, not a vendor behaviour: say so loudly.
      const reply = htmlReply(500, `Sandbox error: ${(e as Error).message}`.replace(/[<>&]/g, ""));
      result = { reply, certificateId: match.certificateId };
    }
    // Logged before the answer leaves, so a client that got its answer finds the entry.
    log.add({
      time: store.clock.now().toISOString(),
      vendor: match.vendor,
      route: match.route,
      method: request.method,
      path: request.path,
      certificateId: result.certificateId,
      status: result.reply?.status ?? 0,
      fault: fault?.kind,
      contractViolation: result.contractViolation,
    });
    if (result.reply) send(res, result.reply);
    else req.socket.destroy();
  }

  return (req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) send(res, htmlReply(500, `Sandbox error: ${String(e)}`.replace(/[<>&]/g, "")));
    });
  };
}
