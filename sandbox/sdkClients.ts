/**
 * The package's own sdk clients pointed at a running sandbox, with the demo credentials: what
 * tests and demos need in one call. Reads are not rate-limited and back off briefly, so tests
 * stay fast; pass overrides for anything else.
 */
import { AutodnsJsonClient, AutodnsXmlClient } from "../sdk/autodns";
import type { AutodnsClientOptions } from "../sdk/autodns";
import { ResellerClubClient } from "../sdk/resellerclub";
import type { ResellerClubClientOptions } from "../sdk/resellerclub";
import { SymantecClient } from "../sdk/symantec";
import type { SymantecClientOptions } from "../sdk/symantec";
import type { Sandbox } from "./types";

/** Clients for every emulated API. */
export interface SandboxClients {
  autodnsJson: AutodnsJsonClient;
  autodnsXml: AutodnsXmlClient;
  symantec: SymantecClient;
  resellerclub: ResellerClubClient;
}

/** Per-client option overrides. */
export interface SandboxClientOverrides {
  autodns?: Partial<AutodnsClientOptions>;
  symantec?: Partial<SymantecClientOptions>;
  resellerclub?: Partial<ResellerClubClientOptions>;
}

/** Builds the clients; see the module comment. */
export function sandboxClients(sandbox: Sandbox, overrides: SandboxClientOverrides = {}): SandboxClients {
  const fast = { backoffMs: 1, maxRetries: 2 };
  const autodns: AutodnsClientOptions = {
    credentials: sandbox.credentials.autodns,
    requestsPerSecond: Infinity,
    ...fast,
    ...overrides.autodns,
  };
  return {
    autodnsJson: new AutodnsJsonClient({ endpoint: sandbox.urls.autodnsJson, ...autodns }),
    autodnsXml: new AutodnsXmlClient({ endpoint: sandbox.urls.autodnsXml, ...autodns }),
    symantec: new SymantecClient({
      endpoint: sandbox.urls.symantec,
      ...sandbox.credentials.symantec,
      ...fast,
      ...overrides.symantec,
    }),
    resellerclub: new ResellerClubClient({
      endpoint: sandbox.urls.resellerclub,
      ...sandbox.credentials.resellerclub,
      ...fast,
      ...overrides.resellerclub,
    }),
  };
}
