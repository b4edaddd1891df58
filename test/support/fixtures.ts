/**
 * Loads request/response fixture pairs from `test/fixtures/<vendor>/<case>/` and checks a
 * recorded request and a thrown error against them.
 *
 * A case folder holds:
 * - `request.json` (JSON body, compared after parsing), `request.xml` (body, compared byte for
 *   byte) or `request.txt` (URL-encoded parameters exactly as on the wire, one `name=value` per
 *   line: the form body of a POST, the query string of a GET; empty when there are none);
 * - `response.json|xml|txt`: the body the fixture server replays;
 * - `meta.json`: `description`, the expected request line and headers (`request`), the status and
 *   headers of the replayed response (`response`), and for error cases the `operation` to call and
 *   the error to `expect`.
 * Header values may contain `{{USER_AGENT}}`, replaced by this package's User-Agent.
 */
import { expect } from "chai";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { inspect } from "node:util";
import * as errors from "../../sdk/common/errors";
import { USER_AGENT } from "../../sdk/common/version";
import type { CannedResponse, RecordedRequest } from "./fixtureServer";

/** The fixtures root. */
export const FIXTURES_ROOT = path.resolve(__dirname, "..", "fixtures");

/** The request a client must send. */
export interface ExpectedRequest {
  method: string;
  /** Path without the query. */
  path: string;
  /** Decoded `name=value` query pairs, in order, for JSON and XML requests (default: none). */
  query?: string[];
  /** Headers (lower-case names) that must have exactly these values. */
  headers?: Record<string, string>;
  /** Headers that must not be sent. */
  absentHeaders?: string[];
}

/** The names of the error classes in sdk/common/errors.ts. */
export type ErrorClassName =
  | "AuthenticationError"
  | "NotFoundError"
  | "RateLimitError"
  | "ConnectionError"
  | "DecodeError"
  | "ServerError"
  | "VendorRuleError";

/** The error an error fixture must produce. `null` means "must be absent". */
export interface ExpectedError {
  class: ErrorClassName;
  status?: number | null;
  vendorCode?: string | null;
  vendorText?: string | null;
  requestId?: string | null;
  retryAfterSeconds?: number | null;
  /** Fragments the message must contain (the vendor's name is always checked): the sdk's facts. */
  messageIncludes: string[];
  /**
   * Fragments the message must contain once the provider has given it its advice
   * (provider/backends/errorAdvice.ts): the inputs, variables or commands that fix it.
   */
  adviceIncludes?: string[];
}

/** Contents of `meta.json`. */
export interface FixtureMeta {
  description: string;
  /** For error cases: which client operation to call. */
  operation?: string;
  request?: ExpectedRequest;
  response?: { status?: number; headers?: Record<string, string> };
  expect?: ExpectedError;
}

/** One loaded case. */
export interface Fixture {
  name: string;
  dir: string;
  meta: FixtureMeta;
  /** The expected request body or parameters, when the case has a request file. */
  request?: { ext: "json" | "xml" | "txt"; text: string };
  /** The response body to replay. */
  responseText: string;
  /** The canned reply for the fixture server. */
  reply: CannedResponse;
  /** Reads another file of the case (e.g. `seed-request.xml`). */
  file(name: string): string;
}

const DEFAULT_CONTENT_TYPES: Record<string, string> = {
  json: "application/json",
  xml: "application/xml",
  txt: "text/plain",
};

function firstExisting(dir: string, base: string): { ext: "json" | "xml" | "txt"; text: string } | undefined {
  for (const ext of ["json", "xml", "txt"] as const) {
    const file = path.join(dir, `${base}.${ext}`);
    if (existsSync(file)) return { ext, text: readFileSync(file, "utf8") };
  }
  return undefined;
}

/** Loads `test/fixtures/<group>/<name>/`. */
export function loadFixture(group: string, name: string): Fixture {
  const dir = path.join(FIXTURES_ROOT, group, name);
  const metaFile = path.join(dir, "meta.json");
  const meta = existsSync(metaFile)
    ? (JSON.parse(readFileSync(metaFile, "utf8")) as FixtureMeta)
    : { description: name };
  const response = firstExisting(dir, "response");
  if (!response) throw new Error(`fixture ${group}/${name} has no response file`);
  return {
    name,
    dir,
    meta,
    request: firstExisting(dir, "request"),
    responseText: response.text,
    reply: {
      status: meta.response?.status ?? 200,
      headers: { "content-type": DEFAULT_CONTENT_TYPES[response.ext], ...meta.response?.headers },
      body: response.text,
    },
    file: (file) => readFileSync(path.join(dir, file), "utf8"),
  };
}

/** The case folders below `test/fixtures/<group>/`, sorted. */
export function listFixtures(group: string): string[] {
  return readdirSync(path.join(FIXTURES_ROOT, group), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
}

/** Lines of a `request.txt` (a trailing newline is tolerated). */
function parameterLines(text: string): string[] {
  const trimmed = text.replace(/\n+$/, "");
  return trimmed === "" ? [] : trimmed.split("\n");
}

function rawQuery(url: string): string[] {
  const i = url.indexOf("?");
  return i < 0 || i === url.length - 1 ? [] : url.slice(i + 1).split("&");
}

/** Asserts that the recorded request is the one the fixture expects. */
export function expectRequest(recorded: RecordedRequest, fixture: Fixture): void {
  const expected = fixture.meta.request;
  if (!expected || !fixture.request) throw new Error(`fixture ${fixture.name} has no expected request`);
  const where = `fixture ${fixture.name}`;
  expect(recorded.method, `${where}: method`).to.equal(expected.method);
  expect(recorded.path, `${where}: path`).to.equal(expected.path);
  for (const [name, value] of Object.entries(expected.headers ?? {})) {
    expect(recorded.headers[name], `${where}: header ${name}`).to.equal(
      value.replace("{{USER_AGENT}}", USER_AGENT),
    );
  }
  for (const name of expected.absentHeaders ?? []) {
    expect(recorded.headers, `${where}: header ${name} must be absent`).not.to.have.property(name);
  }
  const decodedQuery = [...recorded.query].map(([k, v]) => `${k}=${v}`);
  const { ext, text } = fixture.request;
  if (ext === "txt" && expected.method === "GET") {
    expect(rawQuery(recorded.url), `${where}: query string`).to.deep.equal(parameterLines(text));
    expect(recorded.body, `${where}: body`).to.equal("");
    return;
  }
  expect(decodedQuery, `${where}: query`).to.deep.equal(expected.query ?? []);
  if (ext === "txt") {
    const lines = parameterLines(text);
    expect(recorded.body === "" ? [] : recorded.body.split("&"), `${where}: form body`).to.deep.equal(lines);
  } else if (ext === "json") {
    expect(JSON.parse(recorded.body), `${where}: JSON body`).to.deep.equal(JSON.parse(text));
  } else {
    expect(recorded.body, `${where}: XML body`).to.equal(text);
  }
}

/** Awaits a promise that must reject, and returns what it rejected with. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the call to fail, but it succeeded");
}

/** The error a call fails with, checked to be an instance of `type`. */
export async function rejection<T extends Error>(
  promise: Promise<unknown>,
  type: new (...args: never[]) => T,
): Promise<T> {
  const error = await rejectionOf(promise);
  expect(error).to.be.instanceOf(type);
  return error as T;
}

function expectField(actual: unknown, expected: unknown, what: string): void {
  if (expected === undefined) return;
  expect(actual, what).to.equal(expected === null ? undefined : expected);
}

/**
 * Asserts that `error` is the typed vendor error the fixture expects, and that neither its
 * message nor anything reachable from it (cause, fields) repeats one of `secrets`.
 */
export function expectVendorError(
  error: unknown,
  expected: ExpectedError,
  vendor: errors.VendorName,
  secrets: string[] = [],
): asserts error is errors.VendorError {
  expect(error, `expected a VendorError, got ${inspect(error)}`).to.be.instanceOf(errors.VendorError);
  const e = error as errors.VendorError;
  expect(e, e.message).to.be.instanceOf(errors[expected.class]);
  expect(e.name).to.equal(expected.class);
  expect(e.vendor).to.equal(vendor);
  expectField(e.status, expected.status, "status");
  expectField(e.vendorCode, expected.vendorCode, "vendorCode");
  expectField(e.vendorText, expected.vendorText, "vendorText");
  expectField(e.requestId, expected.requestId, "requestId");
  expectField(e.retryAfterSeconds, expected.retryAfterSeconds, "retryAfterSeconds");
  expect(e.message).to.include(errors.VENDOR_LABELS[vendor]);
  for (const fragment of expected.messageIncludes) expect(e.message).to.include(fragment);
  const everything = inspect(e, { depth: 10, showHidden: true });
  for (const secret of secrets) {
    expect(e.message, "message leaks a secret").not.to.include(secret);
    expect(everything, "error leaks a secret").not.to.include(secret);
  }
}
