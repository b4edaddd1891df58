/**
 * The vendor emulator ("sandbox"): AutoDNS JSON and XML, ResellerClub and the admin API on one
 * plain-HTTP loopback server, Symantec VICE2 on an HTTPS server that demands a TLS client
 * certificate from the sandbox CA. See docs/SANDBOX.md.
 *
 * ```ts
 * const sandbox = await startSandbox();
 * const client = new AutodnsJsonClient({ endpoint: sandbox.urls.autodnsJson, credentials: sandbox.credentials.autodns });
 * await client.renew("100");
 * await sandbox.close();
 * ```
 *
 * Also importable as `pulumi-renewed-certificate/sandbox`.
 *
 * @module sandbox
 */
import * as http from "node:http";
import * as https from "node:https";
import type { AddressInfo } from "node:net";
import { createAdmin } from "./admin/adminApi";
import { adminRoutes } from "./admin/adminRoutes";
import { autodnsJsonRouter } from "./autodns/jsonRoutes";
import { autodnsXmlRouter } from "./autodns/xmlRoutes";
import { SandboxCa, certificateFacts } from "./ca";
import { OffsetClock } from "./clock";
import { FaultRegistry } from "./faults";
import { createDispatcher } from "./http/dispatcher";
import { RequestLog } from "./requestLog";
import { resellerClubRouter } from "./resellerclub/routes";
import { SANDBOX_SEED, seedDemoData } from "./seed";
import { Store } from "./store";
import { symantecRouter } from "./symantec/routes";
import type { Sandbox, SandboxOptions } from "./types";

export * from "./types";
export { SANDBOX_SEED } from "./seed";
export { SANDBOX_ROUTES } from "./http/route";
export { createCsr, parseCsr } from "./ca";
export { AUTODNS_WIRE } from "./autodns/wire";
export { SYMANTEC_WIRE } from "./symantec/validation";
export { RESELLERCLUB_WIRE } from "./resellerclub/wire";

const HOST = "127.0.0.1";

function listen(server: http.Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, HOST, () => {
      server.off("error", reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function stop(server: http.Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) return resolve();
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/** Starts the sandbox on loopback; resolves once both servers listen. */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const clock = new OffsetClock(options.now);
  const ca = new SandboxCa();
  const store = new Store(
    clock,
    ca,
    options.jobCompletion ?? { afterSeconds: 300 },
    options.symantecAutoApprove ?? true,
  );
  const faults = new FaultRegistry();
  const log = new RequestLog(store.events);
  const serverTls = ca.issueServerTls();
  const client = ca.issueClient("Sandbox RA");
  const defaultClientFingerprint = certificateFacts(client.certificate).fingerprint256;
  const registeredClients = new Set([defaultClientFingerprint]);
  const seed = options.seed ?? true;
  if (seed) seedDemoData(store);

  const admin = createAdmin({ store, ca, faults, log, registeredClients, defaultClientFingerprint, seed });
  const routeOptions = { requireUserAgent: options.requireUserAgent ?? false };
  let info: Record<string, unknown> = {};
  const plain = http.createServer(
    createDispatcher({
      store,
      faults,
      log,
      routers: [
        autodnsJsonRouter(store, ca.certificatePem, routeOptions),
        autodnsXmlRouter(store, routeOptions),
        resellerClubRouter(store),
      ],
      admin: adminRoutes(admin, () => info),
    }),
  );
  const secure = https.createServer(
    {
      key: serverTls.key,
      cert: serverTls.certificate,
      ca: [ca.certificatePem],
      requestCert: true,
      rejectUnauthorized: true,
    },
    createDispatcher({ store, faults, log, routers: [symantecRouter(store, registeredClients)] }),
  );
  let port: number;
  let securePort: number;
  try {
    port = await listen(plain, options.port ?? 0);
    securePort = await listen(secure, options.symantecPort ?? 0);
  } catch (e) {
    await Promise.all([stop(plain), stop(secure)]);
    throw e;
  }

  const url = `http://${HOST}:${port}`;
  const sandbox: Sandbox = {
    url,
    urls: {
      autodnsJson: `${url}/autodns/v1`,
      autodnsXml: `${url}/autodns/gateway`,
      symantec: `https://${HOST}:${securePort}/vswebservices/rest/services`,
      resellerclub: `${url}/resellerclub/api`,
      admin: `${url}/_sandbox`,
    },
    credentials: {
      autodns: { ...SANDBOX_SEED.credentials.autodns },
      resellerclub: { ...SANDBOX_SEED.credentials.resellerclub },
      symantec: {
        clientCertificate: client.certificate,
        clientKey: client.key,
        caCertificate: ca.certificatePem,
      },
    },
    caCertificate: ca.certificatePem,
    admin,
    close: async () => {
      await Promise.all([stop(plain), stop(secure)]);
    },
  };
  info = { url, urls: sandbox.urls, credentials: sandbox.credentials, caCertificate: sandbox.caCertificate };
  return sandbox;
}
