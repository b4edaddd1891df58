/**
 * pulumi-renewed-certificate: keep purchased TLS certificates renewed from Pulumi programs.
 *
 * @packageDocumentation
 */
export * from "./provider";
export { startSandbox } from "./sandbox";
export type { Sandbox, SandboxOptions } from "./sandbox";
