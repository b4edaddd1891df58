/** Picks the adapter for a resource's vendor block. */
import { CertificateInputs, vendorOf } from "../inputs";
import { AutodnsBackend } from "./autodnsBackend";
import { VendorBackend } from "./backend";
import { ResellerClubBackend } from "./resellerclubBackend";
import { SymantecBackend } from "./symantecBackend";

export type { VendorBackend } from "./backend";

/**
 * `RENEWED_CERTIFICATE_TIMEOUT_MS` (in the provider process's environment) sets the per-request
 * timeout of every vendor client, default 30 s. Rehearsals and the fault matrix lower it so a
 * stalled vendor is noticed in seconds.
 */
export const TIMEOUT_ENV = "RENEWED_CERTIFICATE_TIMEOUT_MS";

/** The client timeout from {@link TIMEOUT_ENV}, or undefined for the clients' default. */
export function clientTimeoutMs(): number | undefined {
  const raw = process.env[TIMEOUT_ENV];
  if (raw === undefined || raw.trim() === "") return undefined;
  const ms = Number(raw);
  if (!Number.isInteger(ms) || ms < 1)
    throw new Error(`${TIMEOUT_ENV} must be a whole number of milliseconds (was ${JSON.stringify(raw)})`);
  return ms;
}

/** Builds the backend for the inputs' one vendor block. */
export function createBackend(inputs: CertificateInputs): VendorBackend {
  const timeoutMs = clientTimeoutMs();
  const overrides = timeoutMs === undefined ? {} : { timeoutMs };
  switch (vendorOf(inputs)) {
    case "autodns":
      return new AutodnsBackend(inputs.autodns!, overrides);
    case "symantec":
      return new SymantecBackend(inputs.symantec!, overrides);
    case "resellerclub":
      return new ResellerClubBackend(inputs.resellerclub!, overrides);
    default:
      throw new Error("set exactly one vendor block: autodns, symantec or resellerclub");
  }
}

/**
 * Whether the inputs' vendor API can list pending renewals (AutoDNS JSON job search, ResellerClub
 * current actions). Pure: decides without credentials or the network.
 */
export function canFindPendingRenewals(inputs: CertificateInputs): boolean {
  const vendor = vendorOf(inputs);
  return vendor === "resellerclub" || (vendor === "autodns" && inputs.autodns?.protocol !== "xml");
}
