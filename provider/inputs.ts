/**
 * The plain (resolved) inputs and the state of a RenewedCertificate, as the provider sees them.
 * Names are the public contract (../docs/DESIGN.md): add freely, rename nothing.
 */

/** Domain-control validation of an AutoDNS renewal. */
export interface AutodnsAuthenticationInput {
  method: "DNS" | "EMAIL" | "FILE";
  dns?: string;
  provisioning?: boolean;
}

/** The `autodns` vendor block. */
export interface AutodnsInput {
  /** "json" (REST, default) or "xml" (XML gateway). */
  protocol?: "json" | "xml";
  /** Base URL override. */
  endpoint?: string;
  user?: string;
  password?: string;
  context?: string | number;
  /** Send `X-Domainrobot-Demo: true` (JSON). */
  demo?: boolean;
  product?: string;
  software?: string;
  csr?: string;
  name?: string;
  adminContactId?: string | number;
  technicalContactId?: string | number;
  subjectAlternativeNames?: string[];
  authentication?: AutodnsAuthenticationInput;
  /** Request starts per second (default 3, the vendor's limit). */
  requestsPerSecond?: number;
}

/** The `symantec` vendor block. */
export interface SymantecInput {
  /** "production" (default), "pilot" or a base URL. */
  endpoint?: string;
  clientCertificate?: string;
  clientKey?: string;
  /** CA certificate(s) to trust for the endpoint (e.g. the sandbox CA). */
  caCertificate?: string;
  firstName?: string;
  lastName?: string;
  email?: string;
  csr?: string;
  certProductType?: string;
  serverType?: string;
  originalCertificate?: string;
  originalChallenge?: string;
  challenge?: string;
  subjectAlternativeNames?: string[];
  signatureAlgorithm?: string;
  ctLogOption?: "public" | "nolog";
  specificEndDate?: string;
}

/** The `resellerclub` vendor block. */
export interface ResellerClubInput {
  /** "live" (default), "test" or a base URL. */
  endpoint?: string;
  /** "digitalcertificate" (default) or "sslcert". */
  api?: "digitalcertificate" | "sslcert";
  authUserId?: string | number;
  apiKey?: string;
  additionalLicenses?: number;
  invoiceOption?: "NoInvoice" | "PayInvoice" | "KeepInvoice" | "OnlyAdd";
  attributes?: Record<string, string>;
}

/** Resolved inputs of one resource. */
export interface CertificateInputs {
  certificateId: string | number;
  lifetimeMonths: number;
  renewBeforeDays?: number;
  notAfter?: string;
  renewalTrigger?: string;
  waitTimeoutSeconds?: number;
  autodns?: AutodnsInput;
  symantec?: SymantecInput;
  resellerclub?: ResellerClubInput;
}

/** Renewal states. */
export type RenewalStatus = "none" | "pending" | "succeeded" | "failed";

/** Outputs: the inputs echoed, plus what the provider learned. */
export interface CertificateState extends CertificateInputs {
  notAfter?: string;
  renewAfter?: string;
  renewalDue: boolean;
  renewalReason: string;
  jobId?: string;
  transactionId?: string;
  renewalStatus: RenewalStatus;
  vendorStatus?: string;
  certificatePem?: string;
  renewalCount: number;
  lastRenewedAt?: string;
  lastError?: string;
  /** Failed renewal attempts since the last success (drives the retry backoff). */
  failedAttempts: number;
  /** When the last renewal was submitted or attempted. */
  lastAttemptAt?: string;
  /** True when a renewal's outcome could not be learned: no automatic retry then. */
  outcomeUnknown?: boolean;
  /** The expiry the last submitted renewal was for: never renew twice for the same expiry. */
  renewedForNotAfter?: string;
  /** The Symantec challenge of the current certificate (renewal N+1 needs it). Secret. */
  currentChallenge?: string;
}

/** Default of `renewBeforeDays`. */
export const DEFAULT_RENEW_BEFORE_DAYS = 30;

/** Which vendor block is set. */
export type VendorKind = "autodns" | "symantec" | "resellerclub";

/** The vendor block names, in contract order. */
export const VENDOR_KINDS: readonly VendorKind[] = ["autodns", "symantec", "resellerclub"];

/** The one vendor block set (validation guarantees exactly one by the time this runs). */
export function vendorOf(inputs: Pick<CertificateInputs, VendorKind>): VendorKind | undefined {
  return VENDOR_KINDS.find((k) => inputs[k] !== undefined && inputs[k] !== null);
}

/** Outputs that are secrets even though no input of the same name is. */
export const SECRET_OUTPUTS = ["currentChallenge"];

/** The input property names (echoed into outputs). */
export const INPUT_KEYS = [
  "certificateId",
  "lifetimeMonths",
  "renewBeforeDays",
  "notAfter",
  "renewalTrigger",
  "waitTimeoutSeconds",
  "autodns",
  "symantec",
  "resellerclub",
] as const;

/** Just the inputs of a props bag. */
export function inputsOf(props: Record<string, unknown>): CertificateInputs {
  const out: Record<string, unknown> = {};
  for (const k of INPUT_KEYS) if (props[k] !== undefined) out[k] = props[k];
  return out as unknown as CertificateInputs;
}

/** JSON with object keys sorted at every level, for order-insensitive comparison. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

/** The inputs that are not the renewal's own knobs (trigger, lifetime) nor the echoed expiry. */
export function otherInputsKey(inputs: CertificateInputs): string {
  const {
    notAfter: _n,
    renewalTrigger: _t,
    lifetimeMonths: _l,
    ...rest
  } = inputsOf(inputs as unknown as Record<string, unknown>);
  return canonicalJson(rest);
}
