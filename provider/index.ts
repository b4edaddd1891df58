/** The provider half of the package: resource, provider, policy and validation. */
export { RenewedCertificate, TYPE_MODULE, TYPE_NAME } from "./resource";
export { RenewedCertificateProvider } from "./provider";
export type { RenewedCertificateArgs, AutodnsArgs, SymantecArgs, ResellerClubArgs } from "./args";
export * from "./inputs";
export { shouldRenew, retryBackoffMs, renewAfterOf } from "./renewalPolicy";
export type { RenewalDecision } from "./renewalPolicy";
export { validateInputs } from "./validation";
export { CLOCK_ENV } from "./clock";
