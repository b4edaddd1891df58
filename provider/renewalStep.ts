/** What every step of a renewal (submitting, following, settling) works with. */
import type { Sleep } from "../sdk/common/rateLimiter";
import type { VendorBackend } from "./backends/backend";
import type { CertificateInputs } from "./inputs";

/** What a renewal step needs: the resource, its inputs, its vendor, the clock. */
export interface RenewalStep {
  id: string;
  inputs: CertificateInputs;
  backend: VendorBackend;
  now: Date;
  /** The engine's `__provider` value, carried into partial-failure state so later reads work. */
  providerRef: string | undefined;
  sleep?: Sleep;
}
