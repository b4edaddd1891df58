/** Inputs for driving {@link RenewedCertificateProvider} directly against the sandbox. */
import type { ProviderInputs } from "../../provider/inputs";
import type { Sandbox } from "../../sandbox";

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
