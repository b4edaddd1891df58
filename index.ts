/**
 * pulumi-renewed-certificate: keep purchased TLS certificates renewed from Pulumi programs.
 *
 * The main entry, `import { RenewedCertificate } from "pulumi-renewed-certificate"`: the resource, its
 * provider, their input and output types, and {@link startSandbox}.
 *
 * @module pulumi-renewed-certificate
 */
export * from "./provider";
export { startSandbox } from "./sandbox";
export type { Sandbox, SandboxOptions } from "./sandbox";
