/**
 * pulumi-renewed-certificate: keep purchased TLS certificates renewed from Pulumi programs.
 *
 * The main entry, `import { RenewedCertificate } from "pulumi-renewed-certificate"`: the resource, its
 * provider, their input and output types, and {@link startSandbox}.
 *
 * Importing it loads only what a program needs: the vendor emulator (an HTTP(S) server, a CA built
 * on @peculiar/x509 and its global `Reflect` metadata polyfill) loads when {@link startSandbox} is
 * called, not before (docs/BENCHMARKS.md, "Program start").
 *
 * @module pulumi-renewed-certificate
 */
import type { Sandbox, SandboxOptions } from "./sandbox/types";

export * from "./provider";
export type { Sandbox, SandboxOptions } from "./sandbox/types";

/**
 * Starts the vendor emulator in-process (see `pulumi-renewed-certificate/sandbox` and
 * docs/SANDBOX.md) and resolves to its URLs, credentials and admin handle; `close()` stops it.
 * The emulator's code is loaded on the first call.
 */
export async function startSandbox(options?: SandboxOptions): Promise<Sandbox> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a require on call keeps the emulator out of every program that never starts it.
  const sandbox = require("./sandbox") as typeof import("./sandbox");
  return sandbox.startSandbox(options);
}
