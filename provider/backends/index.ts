/** Picks the adapter for a resource's vendor block (the facts of each are in ./vendorApis.ts). */
import type { CertificateInputs } from "../inputs";
import type { KnownCertificate, VendorBackend } from "./backend";
import { apiOf } from "./vendorApis";

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
export function createBackend(inputs: CertificateInputs, known: KnownCertificate = {}): VendorBackend {
  const timeoutMs = clientTimeoutMs();
  const overrides = timeoutMs === undefined ? {} : { timeoutMs };
  const bound = apiOf(inputs);
  if (!bound) throw new Error(NO_VENDOR_BLOCK);
  return bound.backend(overrides, known);
}

/** Whether the inputs' vendor API can list pending renewals. Pure: no credentials, no network. */
export function canFindPendingRenewals(inputs: CertificateInputs): boolean {
  return apiOf(inputs)?.searchable ?? false;
}

/** Whether the inputs' vendor API searches pending renewals by the certificate's name. Pure. */
export function pendingSearchNeedsName(inputs: CertificateInputs): boolean {
  return apiOf(inputs)?.searchesByName ?? false;
}

/**
 * Whether the inputs' vendor API can reissue a certificate inside its paid term (AutoDNS: JSON
 * `PUT /certificate/{id}`, XML task 400102). Where it cannot, the certificate is its own term and
 * is renewed before it expires (docs/VENDOR-CHOICES.md). Pure.
 */
export function canReissue(inputs: CertificateInputs): boolean {
  return apiOf(inputs)?.reissuable ?? false;
}
