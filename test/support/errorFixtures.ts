/**
 * One test per error fixture of a vendor client: the fixture server replays the case's response,
 * the case's `operation` is called, and the typed error it fails with must be the one `meta.json`
 * expects, naming the operation and leaking none of the secrets. Its message states facts only (no
 * input, environment variable or pulumi command: the sdk knows none); the provider's advice
 * (provider/backends/errorAdvice.ts) then adds what `adviceIncludes` expects. Every vendor's client
 * is checked the same way, so a new case is a new folder, and a new check lands in all four suites.
 */
import { expect } from "chai";
import type { VendorName } from "../../sdk/common/errors";
import { withAdvice } from "../../provider/backends/errorAdvice";
import { VENDOR_APIS } from "../../provider/backends/vendorApis";
import { startFixtureServer } from "./fixtureServer";
import { expectVendorError, listFixtures, loadFixture, rejectionOf } from "./fixtures";

/** The provider's words: its inputs (`autodns.user`, `certificateId`), its variables, pulumi commands. */
const PROVIDER_WORDS =
  /\b(?:autodns|symantec|resellerclub)\.(?!com\b)[a-z]\w*|\bcertificateId\b|\b[A-Z]+_[A-Z_]+\b|\bpulumi (?:up|refresh)\b/;

/** What a client's error-fixture suite needs to know. */
export interface ErrorFixtureSuite<Client> {
  /** The folder below `test/fixtures/`, e.g. `autodns/errors`. */
  group: string;
  vendor: VendorName;
  /** A client pointed at the fixture server's base URL. */
  client(url: string): Client;
  /** The operations a case may name in `meta.json` `operation`. */
  operations: Record<string, (client: Client) => Promise<unknown>>;
  /** Values that must not appear in the error's message or anything reachable from it. */
  secrets: string[];
}

/** Registers, inside the current `describe`, one test per case folder of `suite.group`. */
export function itFailsAsEachErrorFixture<Client>(suite: ErrorFixtureSuite<Client>): void {
  for (const name of listFixtures(suite.group)) {
    const fx = loadFixture(suite.group, name);
    const expected = fx.meta.expect;
    if (!expected) throw new Error(`fixture ${suite.group}/${name}: meta.json has no "expect"`);
    it(`${fx.meta.description} → ${expected.class}`, async () => {
      const server = await startFixtureServer(fx.reply);
      try {
        const run = suite.operations[fx.meta.operation ?? ""];
        expect(run, `fixture ${suite.group}/${name}: unknown operation ${fx.meta.operation}`).to.be.a(
          "function",
        );
        const error = await rejectionOf(run(suite.client(server.url)));
        expectVendorError(error, expected, suite.vendor, suite.secrets);
        expect(error.operation, "the error names the operation").to.be.a("string");
        expect(error.message, "the sdk states facts, in no input's or command's words").not.to.match(
          PROVIDER_WORDS,
        );
        const advised = withAdvice(error, VENDOR_APIS[suite.vendor].credentials) as Error;
        for (const fragment of expected.adviceIncludes ?? []) expect(advised.message).to.include(fragment);
      } finally {
        await server.close();
      }
    });
  }
}
