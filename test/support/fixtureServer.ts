/**
 * A throwaway loopback HTTP server for client tests: it listens on port 0, records every request
 * it receives (method, path, query, headers, body) and answers with canned replies — a normal
 * response, a destroyed socket, a body cut off mid-way, or no answer at all.
 */
import { createServer, IncomingHttpHeaders, IncomingMessage, Server, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** One request as the server saw it. */
export interface RecordedRequest {
  method: string;
  /** Path and query exactly as sent on the request line. */
  url: string;
  /** The path without the query. */
  path: string;
  /** The decoded query parameters, in order (repeated keys stay repeated). */
  query: URLSearchParams;
  /** Header names in lower case, as node reports them. */
  headers: IncomingHttpHeaders;
  body: string;
}

/** A normal HTTP response. */
export interface CannedResponse {
  status?: number;
  headers?: Record<string, string>;
  body?: string;
}

/**
 * What the server does with one request:
 * - a {@link CannedResponse};
 * - `destroy`: closes the socket after reading the request (a reset after sending);
 * - `truncate`: sends the headers with the full Content-Length, then only `sendBytes` bytes of
 *   the body, then closes the socket;
 * - `hang`: never answers (until the server is closed).
 */
export type Reply =
  | CannedResponse
  | { destroy: true }
  | { truncate: CannedResponse & { body: string }; sendBytes: number }
  | { hang: true };

/** Chooses the reply for the `index`-th request (0-based). */
export type ReplyPlan = Reply | Reply[] | ((request: RecordedRequest, index: number) => Reply);

/** A running fixture server. */
export interface FixtureServer {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  url: string;
  /** Every request received so far, in arrival order. */
  requests: RecordedRequest[];
  /** Stops the server and drops any open connection (including hanging ones). */
  close(): Promise<void>;
}

/** The status sent when a reply sequence runs out, so an unexpected extra request is obvious. */
export const NO_REPLY_LEFT_STATUS = 599;

function pick(plan: ReplyPlan, request: RecordedRequest, index: number): Reply {
  if (typeof plan === "function") return plan(request, index);
  if (Array.isArray(plan)) {
    return (
      plan[index] ?? {
        status: NO_REPLY_LEFT_STATUS,
        headers: { "content-type": "text/plain" },
        body: `fixture server: no canned reply for request #${index + 1}`,
      }
    );
  }
  return plan;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function answer(res: ServerResponse, reply: Reply): void {
  if ("hang" in reply) return;
  if ("destroy" in reply) {
    res.socket?.destroy();
    return;
  }
  if ("truncate" in reply) {
    const full = Buffer.from(reply.truncate.body, "utf8");
    res.writeHead(reply.truncate.status ?? 200, {
      ...reply.truncate.headers,
      "content-length": String(full.length),
    });
    res.write(full.subarray(0, reply.sendBytes), () => res.socket?.destroy());
    return;
  }
  const body = Buffer.from(reply.body ?? "", "utf8");
  res.writeHead(reply.status ?? 200, { ...reply.headers, "content-length": String(body.length) });
  res.end(body);
}

/** Starts a server on 127.0.0.1, port 0, answering as `plan` says. */
export async function startFixtureServer(plan: ReplyPlan): Promise<FixtureServer> {
  const requests: RecordedRequest[] = [];
  const server: Server = createServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      const parsed = new URL(req.url ?? "/", "http://fixture.invalid");
      const recorded: RecordedRequest = {
        method: req.method ?? "",
        url: req.url ?? "",
        path: parsed.pathname,
        query: parsed.searchParams,
        headers: req.headers,
        body,
      };
      const index = requests.push(recorded) - 1;
      answer(res, pick(plan, recorded, index));
    })().catch(() => res.socket?.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A port on 127.0.0.1 that nothing listens on (bound once, then released). */
export async function unusedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
