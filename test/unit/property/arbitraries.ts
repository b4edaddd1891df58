/**
 * Generators for the property tests: vendor answers as they arrive (the recorded fixture bodies,
 * cut at any byte, mutated, or replaced by noise), hostile XML, and the checks every reader must
 * pass (a typed error or a valid result, and quickly). Sizes are bounded so the suite stays fast.
 */
import { expect } from "chai";
import fc from "fast-check";
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { VendorError } from "../../../sdk/common/errors";
import type { HttpResponse } from "../../../sdk/common/http";
import { FIXTURES_ROOT } from "../../support/fixtures";

/** Runs per property: enough to find the edges, small enough for a suite well under 10 s. */
export const RUNS = 300;

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

/** Every recorded response body of a fixture folder (`autodns`, `autodns-xml`, `symantec`, `resellerclub`). */
export function fixtureBodies(folder: string): string[] {
  const bodies = filesUnder(path.join(FIXTURES_ROOT, folder))
    .filter((f) => /response\.(json|xml|txt)$/.test(path.basename(f)))
    .map((f) => readFileSync(f, "utf8"));
  if (!bodies.length) throw new Error(`no response fixtures under ${folder}`);
  return bodies;
}

/** A body cut after any number of characters (what a dropped connection leaves). */
export function truncated(bodies: string[]): fc.Arbitrary<string> {
  return fc
    .tuple(fc.constantFrom(...bodies), fc.double({ min: 0, max: 1, noNaN: true }))
    .map(([body, at]) => body.slice(0, Math.floor(body.length * at)));
}

/** A body with a few characters replaced, inserted or removed. */
export function mutated(bodies: string[]): fc.Arbitrary<string> {
  const edit = fc.tuple(fc.nat(), fc.nat({ max: 8 }), fc.string({ maxLength: 8 }));
  return fc
    .tuple(fc.constantFrom(...bodies), fc.array(edit, { minLength: 1, maxLength: 4 }))
    .map(([body, edits]) =>
      edits.reduce((b, [at, cut, insert]) => {
        const i = b.length ? at % b.length : 0;
        return b.slice(0, i) + insert + b.slice(i + cut);
      }, body),
    );
}

/** JSON documents of any shape, including the keys the readers look at with values of any type. */
export function jsonDocuments(keys: string[]): fc.Arbitrary<string> {
  const value = fc.oneof(
    fc.jsonValue({ maxDepth: 3 }),
    fc.constantFrom("ERROR", "SUCCESS", "error", "NOTIFY", "0", 1e308, -1, null, [], {}),
  );
  const record = fc.dictionary(fc.constantFrom(...keys, "x"), value, { maxKeys: keys.length + 1 });
  const nested = fc.record({ status: fc.oneof(record, value), messages: fc.oneof(fc.array(record), value) });
  return fc
    .oneof(
      record,
      fc.tuple(record, nested).map(([a, b]) => ({ ...a, ...b })),
      fc.jsonValue({ maxDepth: 4 }),
    )
    .map((v) => JSON.stringify(v));
}

/** Element names the vendor documents use, plus a few strangers. */
const TAGS = [
  "response",
  "result",
  "status",
  "type",
  "code",
  "text",
  "msg",
  "data",
  "certificate_job",
  "job",
  "id",
  "certificate",
  "expire",
  "stid",
  "Response",
  "Error",
  "StatusCode",
  "Message",
  "transaction_id",
  "Certificate",
  "ns:Response",
  "x",
];

/** XML-ish element trees of the vendors' vocabulary, sometimes malformed. */
export function xmlDocuments(): fc.Arbitrary<string> {
  const { tree } = fc.letrec((tie) => ({
    tree: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      fc.string({ maxLength: 12 }).map((t) => t.replace(/[<&]/g, "")),
      fc
        .tuple(fc.constantFrom(...TAGS), fc.array(tie("tree"), { maxLength: 4 }))
        .map(([tag, kids]) => `<${tag}>${(kids as string[]).join("")}</${tag}>`),
    ),
  }));
  const prolog = fc.constantFrom("", '<?xml version="1.0" encoding="UTF-8"?>\n', "<!-- c -->");
  return fc.tuple(prolog, tree).map(([p, t]) => p + (t as string));
}

/** Documents meant to hurt a parser: deep nesting, entity declarations, huge attributes and texts. */
export function hostileXml(): fc.Arbitrary<string> {
  return fc.oneof(
    fc.integer({ min: 60, max: 20_000 }).map((n) => `${"<a>".repeat(n)}x${"</a>".repeat(n)}`),
    fc.integer({ min: 60, max: 20_000 }).map((n) => "<a>".repeat(n)),
    fc.constant(
      '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><response>&lol2;</response>',
    ),
    fc.constant('<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>'),
    fc.constant("<response>&unknown;&#xFFFFFFFF;&#0;</response>"),
    fc.integer({ min: 1, max: 900_000 }).map((n) => `<response a="${"x".repeat(n)}"><result/></response>`),
    fc
      .integer({ min: 1, max: 2_000 })
      .map((n) => `<response ${Array.from({ length: n }, (_, i) => `a${i}="1"`).join(" ")}/>`),
    fc.integer({ min: 1, max: 50_000 }).map((n) => `<response>${"<b/>".repeat(n)}</response>`),
    fc.integer({ min: 900_000, max: 1_200_000 }).map((n) => `<r>${"y".repeat(n)}</r>`),
    fc.constant(`<response><![CDATA[${"]]]".repeat(1000)}]]></response>`),
  );
}

/** An HTTP answer with any status and a body from `bodies`. */
export function responses(bodies: fc.Arbitrary<string>): fc.Arbitrary<HttpResponse> {
  const status = fc.oneof(
    fc.constantFrom(200, 201, 204, 400, 401, 403, 404, 429, 500, 502, 503, 504),
    fc.integer({ min: 100, max: 599 }),
  );
  const contentType = fc.constantFrom("application/json", "application/xml", "text/html", "text/xml");
  return fc
    .tuple(status, contentType, bodies, fc.option(fc.constantFrom("1", "120", "soon"), { nil: undefined }))
    .map(([s, type, body, retryAfter]) => ({
      status: s,
      headers: { "content-type": type, ...(retryAfter ? { "retry-after": retryAfter } : {}) },
      body,
    }));
}

/** Runs `read` and checks it returns or throws a VendorError naming `vendor`, never anything else. */
export function typedOutcome<T>(vendor: string, read: () => T): T | undefined {
  try {
    return read();
  } catch (e) {
    if (!(e instanceof VendorError)) {
      throw new Error(
        `expected a VendorError, got ${(e as Error)?.constructor?.name}: ${(e as Error)?.message}`,
      );
    }
    expect(e.vendor).to.equal(vendor);
    expect(e.message).to.be.a("string").and.not.equal("");
    return undefined;
  }
}

/** Fails when `fn` takes longer than `ms` (a stand-in for "never hangs": the inputs are bounded). */
export function quick<T>(ms: number, fn: () => T): T {
  const started = process.hrtime.bigint();
  const result = fn();
  const took = Number(process.hrtime.bigint() - started) / 1e6;
  if (took > ms) throw new Error(`took ${Math.round(took)} ms (limit ${ms} ms)`);
  return result;
}
