/** Picks the adapter for a resource's vendor block. */
/* eslint-disable @typescript-eslint/no-require-imports -- each adapter is loaded when first used (see createBackend). */
import { CertificateInputs, vendorOf } from "../inputs";
import type { VendorBackend } from "./backend";

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

/** Why no backend can be built: the inputs hold no vendor block. */
export const NO_VENDOR_BLOCK = "set exactly one vendor block: autodns, symantec or resellerclub";

/**
 * Builds the backend for the inputs' one vendor block. The adapter (and its vendor client, HTTP
 * and XML stack) is loaded on first use: a preview with nothing due never talks to a vendor, and
 * its provider process should not pay for loading them.
 */
export function createBackend(inputs: CertificateInputs): VendorBackend {
  const timeoutMs = clientTimeoutMs();
  const overrides = timeoutMs === undefined ? {} : { timeoutMs };
  switch (vendorOf(inputs)) {
    case "autodns": {
      const { AutodnsBackend } = require("./autodnsBackend") as typeof import("./autodnsBackend");
      return new AutodnsBackend(inputs.autodns!, overrides);
    }
    case "symantec": {
      const { SymantecBackend } = require("./symantecBackend") as typeof import("./symantecBackend");
      return new SymantecBackend(inputs.symantec!, overrides);
    }
    case "resellerclub": {
      const { ResellerClubBackend } =
        require("./resellerclubBackend") as typeof import("./resellerclubBackend");
      return new ResellerClubBackend(inputs.resellerclub!, overrides);
    }
    default:
      throw new Error(NO_VENDOR_BLOCK);
  }
}

/**
 * Whether the inputs' vendor API can list pending renewals (AutoDNS job list: JSON `POST
 * /job/_search`, XML task 400115; ResellerClub current actions). Pure: decides without credentials
 * or the network.
 */
export function canFindPendingRenewals(inputs: CertificateInputs): boolean {
  const vendor = vendorOf(inputs);
  return vendor === "resellerclub" || vendor === "autodns";
}

/**
 * Whether the inputs' vendor API can reissue a certificate inside its paid term (AutoDNS: JSON
 * `PUT /certificate/{id}`, XML task 400102). Where it cannot, the certificate is its own term and
 * is renewed before it expires (docs/VENDOR-CHOICES.md). Pure.
 */
export function canReissue(inputs: CertificateInputs): boolean {
  return vendorOf(inputs) === "autodns";
}
