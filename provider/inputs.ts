/**
 * The plain (resolved) inputs and the state of a RenewedCertificate, as the provider sees them.
 * Names are the public contract (docs/REFERENCE.md): add freely, rename nothing. Each field is
 * declared here once; `RenewedCertificateArgs` and the resource's outputs are derived from these.
 */

/** Domain-control validation of an AutoDNS renewal. */
export interface AutodnsAuthenticationInput {
  /** How domain control is validated: `"DNS"`, `"EMAIL"` or `"FILE"`. */
  method: "DNS" | "EMAIL" | "FILE";
  /** The DNS validation record (method DNS). */
  dns?: string;
  /** Let AutoDNS create the DNS validation record itself (method DNS only). */
  provisioning?: boolean;
}

/** The `autodns` vendor block. */
export interface AutodnsInput {
  /** "json" (REST, default) or "xml" (XML gateway). */
  protocol?: "json" | "xml";
  /** Base URL override. */
  endpoint?: string;
  /** AutoDNS user (HTTP Basic / `<auth><user>`); else `AUTODNS_USER` or config `autodnsUser`. */
  user?: string;
  /** AutoDNS password, a secret; else `AUTODNS_PASSWORD` or config `autodnsPassword`. */
  password?: string;
  /** AutoDNS context: 4 (or your personal context) for live, 1 for demo; else `AUTODNS_CONTEXT` or config `autodnsContext`. */
  context?: string | number;
  /** Send `X-Domainrobot-Demo: true` (JSON). */
  demo?: boolean;
  /** Renewal detail `product`, e.g. `QUICKSSLPREMIUM`; unset keeps the certificate's. */
  product?: string;
  /** Renewal detail `software`: `APACHE2`, `IIS5`, `TOMCAT`, `PLESK`, … */
  software?: string;
  /** A new PKCS#10 request (PEM or base64) for the renewed certificate. */
  csr?: string;
  /** The certificate's name (common name). */
  name?: string;
  /** Numeric AutoDNS contact id of the admin contact (JSON `adminContact.id`, XML `admin/id`). */
  adminContactId?: string | number;
  /** Numeric AutoDNS contact id of the technical contact. */
  technicalContactId?: string | number;
  /** Domain names of the renewed certificate besides its name. */
  subjectAlternativeNames?: string[];
  /** Domain-control validation of the renewal. */
  authentication?: AutodnsAuthenticationInput;
  /** Request starts per second (default 3, the vendor's limit). */
  requestsPerSecond?: number;
}

/** The `symantec` vendor block. */
export interface SymantecInput {
  /** "production" (default), "pilot" or a base URL. */
  endpoint?: string;
  /** RA/administrator certificate (PEM) for TLS client authentication; else `SYMANTEC_CLIENT_CERT` or config `symantecClientCertificate`. */
  clientCertificate?: string;
  /** Private key (PEM) of `clientCertificate`, a secret; else `SYMANTEC_CLIENT_KEY` or config `symantecClientKey`. */
  clientKey?: string;
  /** CA certificate(s) to trust for the endpoint (e.g. the sandbox CA). */
  caCertificate?: string;
  /** Subscriber's first name (required, at most 240 characters). */
  firstName?: string;
  /** Subscriber's last name (required, at most 240 characters). */
  lastName?: string;
  /** Subscriber's e-mail address, or a comma-separated list (required, at most 240 characters). */
  email?: string;
  /** PKCS#10 request (PEM or base64) for the renewed certificate (required). */
  csr?: string;
  /** Product of the certificate: `Server`, `GlobalServer`, `PrivateServer`, `CodeSigning`, … (required). */
  certProductType?: string;
  /** Server software, e.g. `Apache` (required, at most 240 characters). */
  serverType?: string;
  /** The certificate being renewed (PEM): its expiry schedules renewals. */
  originalCertificate?: string;
  /** Challenge phrase of the certificate being renewed (required, at most 32 characters, secret). */
  originalChallenge?: string;
  /** Challenge phrase for the renewed certificate (required, at most 32 characters, secret). */
  challenge?: string;
  /** Domain names of the renewed certificate besides its common name (at most 100). */
  subjectAlternativeNames?: string[];
  /** `sha256WithRSAEncryption`, `ECDSAwithSHA256`, …; unset uses the account's default. */
  signatureAlgorithm?: string;
  /** Certificate Transparency logging: `"public"` or `"nolog"`. */
  ctLogOption?: "public" | "nolog";
  /** A specific end date of the renewed certificate, `MM/DD/YYYY`. */
  specificEndDate?: string;
  /**
   * The transaction id of a renewal VICE2 accepted whose answer never reached Pulumi, as the VICE2
   * console shows it. VICE2 cannot be searched, so this is how such a renewal is recorded: while
   * the last renewal's outcome is unknown, the next `pulumi up` picks this transaction up, records
   * it and follows it instead of renewing again. Ignored otherwise.
   */
  renewalTransactionId?: string;
}

/** The `resellerclub` vendor block. */
export interface ResellerClubInput {
  /** "live" (default), "test" or a base URL. */
  endpoint?: string;
  /**
   * "auto" (default: the order's own details call decides), "sslcert", or the deprecated
   * "digitalcertificate".
   */
  api?: "auto" | "digitalcertificate" | "sslcert";
  /** Reseller id (`auth-userid`); else `RESELLERCLUB_AUTH_USERID` or config `resellerclubAuthUserId`. */
  authUserId?: string | number;
  /** API key (`api-key`), a secret; else `RESELLERCLUB_API_KEY` or config `resellerclubApiKey`. */
  apiKey?: string;
  /** `additional-licenses` (digitalcertificate API; default 0). */
  additionalLicenses?: number;
  /** `invoice-option` (default `NoInvoice`); `OnlyAdd` or `PayInvoice` without balance leave the renewal pending. */
  invoiceOption?: "NoInvoice" | "PayInvoice" | "KeepInvoice" | "OnlyAdd";
  /** Sent as `attr-nameN`/`attr-valueN` (digitalcertificate API only): `org_*`, `admin_*`, `tech_*`, `approveremail`, `software`, `csrString`. */
  attributes?: Record<string, string>;
}

/** Resolved inputs of one resource. */
export interface CertificateInputs {
  /** AutoDNS certificate id; Symantec original transaction id; ResellerClub order id. */
  certificateId: string | number;
  /** Validity requested for each renewal, in months (12, 24, …). */
  lifetimeMonths: number;
  /** Renew when fewer days than this remain (default 30). */
  renewBeforeDays?: number;
  /**
   * As an input: the current expiry (ISO-8601), for vendors that cannot report it (Symantec). As
   * an output: the expiry of the certificate as last known (ISO-8601, UTC).
   */
  notAfter?: string;
  /** Change it to force one in-place renewal now. */
  renewalTrigger?: string;
  /** How long create/update follow the vendor's job before returning it as pending (default 0). */
  waitTimeoutSeconds?: number;
  /** InterNetX AutoDNS (JSON REST or XML gateway): connection, credentials, renewal details. */
  autodns?: AutodnsInput;
  /** Symantec/DigiCert VICE2: endpoint, TLS client credentials, renewal fields. */
  symantec?: SymantecInput;
  /** ResellerClub/LogicBoxes: endpoint, API, credentials, renewal options. */
  resellerclub?: ResellerClubInput;
}

/** Renewal states. */
export type RenewalStatus = "none" | "pending" | "succeeded" | "failed";

/** Outputs: the inputs echoed, plus what the provider learned. */
export interface CertificateState extends CertificateInputs {
  /** `notAfter − renewBeforeDays`: from then on a renewal is due. */
  renewAfter?: string;
  /** Whether a renewal was due as of the last provider call. */
  renewalDue: boolean;
  /** One sentence: why the last or next renewal happens; "" when none. */
  renewalReason: string;
  /** AutoDNS job id or ResellerClub action id (`eaqid`) of the last renewal. */
  jobId?: string;
  /** Symantec transaction id of the last renewal. */
  transactionId?: string;
  /** State of the last renewal: "none" · "pending" · "succeeded" · "failed". */
  renewalStatus: RenewalStatus;
  /** The vendor's own word for that state (`RUNNING`, `SUCCESS`, `0x00`, `Success`, …). */
  vendorStatus?: string;
  /** The current certificate (PEM) when the vendor returns one. */
  certificatePem?: string;
  /** Its chain (PEM, issuer after issuer) when the vendor returns one (Symantec PKCS#7 bundles). */
  certificateChainPem?: string;
  /** Renewals this resource submitted and the vendor accepted. */
  renewalCount: number;
  /** When the last renewal was submitted (ISO-8601). */
  lastRenewedAt?: string;
  /** The last renewal's error; "" after a success. */
  lastError?: string;
  /** Failed renewal attempts since the last success (drives the retry backoff, 1 h doubling to 24 h). */
  failedAttempts: number;
  /** When the last renewal was submitted or attempted. */
  lastAttemptAt?: string;
  /** True when a renewal's outcome could not be learned: no automatic retry then. */
  outcomeUnknown?: boolean;
  /** The expiry the last submitted renewal was for: never renew twice for the same expiry. */
  renewedForNotAfter?: string;
  /** The Symantec challenge of the current certificate (renewal N+1 needs it). Secret. */
  currentChallenge?: string;
  /** The certificate's name at the vendor (AutoDNS job lists find renewals by it). */
  certificateName?: string;
  /** ResellerClub `api: "auto"`: the API the order was found in (no details request to find it again). */
  resellerclubApi?: "sslcert" | "digitalcertificate";
  /**
   * End of the paid term (AutoDNS `payable`, ResellerClub the order's expiry), ISO-8601. Inside it
   * the certificate is reissued free; only at its end is it renewed. The same as `notAfter` where
   * a vendor has no separate term (Symantec VICE2).
   */
  coverageEndsAt?: string;
  /** What the clocks call for next: "none", "reissue" (free) or "renew" (paid). */
  nextAction?: "none" | "reissue" | "renew";
  /** When {@link nextAction} falls due (ISO-8601). */
  nextActionAt?: string;
  /** The last action this resource submitted: "renew" or "reissue". */
  lastAction?: "renew" | "reissue";
  /** Reissues this resource submitted and the vendor accepted. */
  reissueCount?: number;
  /** When the last reissue was submitted (ISO-8601). */
  lastReissuedAt?: string;
  /** After a failed action: when it may be retried (ISO-8601); "" otherwise. */
  nextAttemptAt?: string;
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
] as const satisfies readonly (keyof CertificateInputs)[];

/**
 * The dynamic-provider host's own key in the property bags it hands over and stores: the
 * serialized provider. It travels with inputs and outputs alike.
 */
export interface HostProps {
  /** The serialized provider (see ./serializedProvider.ts). */
  readonly __provider?: string;
}

/** What `read` learned at the vendor: all the renewal decision needs beyond the inputs. */
export type RefreshedState = Partial<
  Pick<
    CertificateState,
    | "notAfter"
    | "coverageEndsAt"
    | "lastAction"
    | "renewalStatus"
    | "jobId"
    | "transactionId"
    | "renewedForNotAfter"
    | "lastAttemptAt"
    | "failedAttempts"
    | "outcomeUnknown"
  >
>;

/**
 * Inputs the provider sets itself, never a program (./plannedAction.ts): `check` adds the planned
 * action for `preview --diff` to show, `read` the facts it is decided from.
 */
export interface ProviderSetInputs {
  /** The action a run takes and why: "none", "renewal planned — <reason>", "adopt — …", … */
  plannedAction?: string;
  /** What the last refresh found at the vendor. */
  refreshedState?: RefreshedState;
}

/** What the host hands to `check`, `create`, and as the new inputs of `diff` and `update`. */
export type ProviderInputs = CertificateInputs & ProviderSetInputs & HostProps;
/** What the host stores as outputs and hands back to `diff`, `update` and `read`. */
export type ProviderOutputs = CertificateState & HostProps;

/** `keys` of `from`; unset ones are left out, or with `keepUnset` present as undefined. */
export function pick<T extends object, K extends keyof T>(
  from: T,
  keys: readonly K[],
  keepUnset = false,
): Pick<T, K> {
  const out: Partial<Pick<T, K>> = {};
  for (const k of keys) if (keepUnset || from[k] !== undefined) out[k] = from[k];
  return out as Pick<T, K>;
}

/** Just the inputs of a props bag (inputs or outputs, with or without the host's own keys). */
export function inputsOf(props: CertificateInputs): CertificateInputs {
  return pick(props, INPUT_KEYS);
}

/** JSON with object keys sorted at every level, for order-insensitive comparison. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

/** The inputs that are not the renewal's own knobs (trigger, lifetime) nor the echoed expiry. */
export function otherInputsKey(inputs: CertificateInputs): string {
  const { notAfter: _n, renewalTrigger: _t, lifetimeMonths: _l, ...rest } = inputsOf(inputs);
  return canonicalJson(rest);
}
