/** Inputs for driving {@link RenewedCertificateProvider} directly against the sandbox. */
import type { ProviderInputs } from "../../provider/inputs";
import { forgetAccountListings } from "../../provider/backends/accountListing";
import { CLOCK_ENV } from "../../provider/clock";
import type { Sandbox, SandboxVendor } from "../../sandbox";

/** An AutoDNS certificate's inputs, at 100 requests per second (the tests' own pace). */
export function autodnsProviderInputs(
  sandbox: Sandbox,
  protocol: "json" | "xml",
  id: string,
): ProviderInputs {
  return {
    certificateId: id,
    lifetimeMonths: 12,
    autodns: {
      protocol,
      endpoint: protocol === "json" ? sandbox.urls.autodnsJson : sandbox.urls.autodnsXml,
      ...sandbox.credentials.autodns,
      requestsPerSecond: 100,
    },
  };
}

/**
 * Registers, in the calling suite, hooks that make each test an engine operation of its own
 * against the suite's sandbox: the provider's clock follows the sandbox's, and the lists a provider
 * process shares are forgotten, as the engine's `configure` does once per operation.
 */
export function eachTestAnEngineOperation(sandbox: () => Sandbox, alsoBefore: () => void = () => {}): void {
  beforeEach(() => {
    process.env[CLOCK_ENV] = sandbox().admin.clock.now().toISOString();
    forgetAccountListings();
    alsoBefore();
  });
  after(() => delete process.env[CLOCK_ENV]);
}

/** What `run` returned, and the routes of the `vendor`'s requests the sandbox logged meanwhile. */
export async function requestsDuring<T>(
  sandbox: Sandbox,
  vendor: SandboxVendor,
  run: () => Promise<T>,
): Promise<{ result: T; routes: string[] }> {
  const before = sandbox.admin.requests({ vendor }).length;
  const result = await run();
  const routes = sandbox.admin
    .requests({ vendor })
    .slice(before)
    .map((r) => r.route);
  return { result, routes };
}
