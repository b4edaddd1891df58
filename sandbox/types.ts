/**
 * Public types of the sandbox: start options, the running handle, its admin API, the records it
 * keeps and the fault and request-log shapes. Everything here is plain data so it travels
 * unchanged over the admin HTTP routes (`/_sandbox/...`).
 */
import type { EventEmitter } from "node:events";

/** The vendors the sandbox emulates (the names the sdk uses). */
export type SandboxVendor = "autodns" | "symantec" | "resellerclub";

/** When RUNNING jobs and pending actions finish on their own (both in sandbox time). */
export interface JobCompletion {
  /** The Nth poll of a job (job read, job search hit, action search hit) already sees it finished. */
  afterPolls?: number;
  /** Seconds of sandbox time after creation. Default 300 when `jobCompletion` is not given. */
  afterSeconds?: number;
}

/** Options of {@link startSandbox}. */
export interface SandboxOptions {
  /** Port of the plain-HTTP server (AutoDNS, ResellerClub, admin). Default 0 (any free port). */
  port?: number;
  /** Port of the HTTPS server (Symantec VICE2). Default 0. */
  symantecPort?: number;
  /** Start the sandbox clock at this instant (ISO-8601); it then runs with real time. */
  now?: string;
  /** Automatic completion of jobs/actions; `{}` means only `admin.completeJob` finishes them. */
  jobCompletion?: JobCompletion;
  /** Symantec renewals return the certificate at once (default true); else `admin.approve` first. */
  symantecAutoApprove?: boolean;
  /** AutoDNS requests without a User-Agent header are refused (the real API requires one). */
  requireUserAgent?: boolean;
  /** Skip the demo data (credentials and the CA are always created). */
  seed?: boolean;
}

/** Demo credentials, as the clients take them. */
export interface SandboxCredentials {
  /** AutoDNS user, password and context (JSON and XML). */
  autodns: { user: string; password: string; context: number };
  /** ResellerClub reseller id and API key. */
  resellerclub: { authUserId: string; apiKey: string };
  /** A client certificate registered with the Symantec routes, and the CA to trust the server. */
  symantec: { clientCertificate: string; clientKey: string; caCertificate: string };
}

/** Base URLs of the emulated APIs. */
export interface SandboxUrls {
  /** AutoDNS JSON REST base, e.g. `http://127.0.0.1:P/autodns/v1`. */
  autodnsJson: string;
  /** AutoDNS XML gateway, e.g. `http://127.0.0.1:P/autodns/gateway`. */
  autodnsXml: string;
  /** Symantec VICE2 base, e.g. `https://127.0.0.1:Q/vswebservices/rest/services`. */
  symantec: string;
  /** ResellerClub API base, e.g. `http://127.0.0.1:P/resellerclub/api`. */
  resellerclub: string;
  /** Admin routes, e.g. `http://127.0.0.1:P/_sandbox`. */
  admin: string;
}

/** A running sandbox. */
export interface Sandbox {
  /** `http://127.0.0.1:P`. */
  url: string;
  /** Base URLs of the emulated APIs: pass them as the vendor blocks' `endpoint`. */
  urls: SandboxUrls;
  /** The demo credentials every emulated API accepts. */
  credentials: SandboxCredentials;
  /** The sandbox CA (PEM): it issued every certificate, the HTTPS server's and the client's. */
  caCertificate: string;
  /** Seeds data, moves the clock, finishes jobs, injects faults and reads the request log. */
  admin: SandboxAdmin;
  /** Stops both servers (open connections are closed). */
  close(): Promise<void>;
}

/** What `admin.seedCertificate` takes. */
export interface SeedCertificateSpec {
  vendor: SandboxVendor;
  /** Vendor id; generated when absent (AutoDNS numeric, ResellerClub numeric, Symantec 32 hex). */
  id?: string;
  /** Default `<id>.example.com`-style name. */
  commonName?: string;
  /** Expiry (ISO-8601). AutoDNS moves it to 23:59:59 UTC of that day. */
  notAfter: string;
  /** ResellerClub: which API owns the order (default "digitalcertificate"). */
  api?: "digitalcertificate" | "sslcert";
  /** AutoDNS product (default QUICKSSLPREMIUM). */
  product?: string;
  /** AutoDNS lifetime / original validity in months (default 12). */
  lifetimeMonths?: number;
  /**
   * End of the paid term (ISO-8601): AutoDNS `payable`, the ResellerClub order's expiry. Default
   * `notAfter` (no term left beyond the certificate). A later date makes the certificate
   * reissuable free of charge until then.
   */
  coverageEndsAt?: string;
  /** AutoDNS contact ids (default 100). */
  adminContactId?: string;
  technicalContactId?: string;
  subjectAlternativeNames?: string[];
  /** Symantec challenge phrase of the transaction (default "sandbox-challenge"). */
  challenge?: string;
  /** Symantec product type (default "Server"). */
  certProductType?: string;
}

/** The vendor-specific facts of a certificate, stored and shown alike (see {@link SandboxCertificate}). */
export interface SandboxCertificateFacts {
  product?: string;
  adminContactId?: string;
  technicalContactId?: string;
  api?: "digitalcertificate" | "sslcert";
  challenge?: string;
  certProductType?: string;
  /** Symantec: the transaction this one renewed, and the first transaction of the chain. */
  originalTransactionId?: string;
  rootTransactionId?: string;
  /** Symantec: false while a renewal awaits `admin.approve`. */
  approved?: boolean;
}

/** A certificate / order / transaction as the sandbox holds it (a copy). */
export interface SandboxCertificate extends SandboxCertificateFacts {
  vendor: SandboxVendor;
  id: string;
  commonName: string;
  /** ISO-8601 UTC. */
  notBefore: string;
  notAfter: string;
  /** End of the paid term (AutoDNS `payable`); the same as `notAfter` where the vendor has no term. */
  coverageEndsAt: string;
  /** The current X.509 certificate (PEM), issued by the sandbox CA; "" while a Symantec renewal awaits approval. */
  pem: string;
  subjectAlternativeNames: string[];
  lifetimeMonths: number;
  /** Accepted renewals (see {@link SandboxAdmin.renewalCount}). */
  renewalCount: number;
  /** Accepted reissues (free, inside the paid term; see {@link SandboxAdmin.reissueCount}). */
  reissueCount: number;
}

/** Status words of a job, as the sandbox tracks them (mapped to each vendor's own words). */
export type SandboxJobState = "running" | "pending" | "succeeded" | "failed";

/** A renewal job (AutoDNS job, ResellerClub action, Symantec transaction awaiting approval). */
export interface SandboxJob {
  id: string;
  vendor: SandboxVendor;
  /** The certificate / order / original transaction it renews. */
  certificateId: string;
  /** `pending` = waits for `admin.completeJob` only (ResellerClub OnlyAdd / unpaid invoice, Symantec approval). */
  state: SandboxJobState;
  /** The vendor's own word: RUNNING/SUCCESS/FAILED, PendingExecution/InvoicePaymentPending/Success/Failed, … */
  vendorStatus: string;
  lifetimeMonths: number;
  created: string;
  updated: string;
  polls: number;
  /** A paid renewal or a free reissue inside the paid term. */
  kind: "renew" | "reissue";
  reason?: string;
}

/** One line of the request log. */
export interface SandboxRequest {
  /** Sandbox time, ISO-8601. */
  time: string;
  vendor: SandboxVendor;
  /** Route name, e.g. `autodns.json.renew` (see {@link SANDBOX_ROUTES}). */
  route: string;
  method: string;
  /** Path without the query string (queries can carry API keys). */
  path: string;
  certificateId?: string;
  /** HTTP status sent; 0 when the socket was destroyed without an answer. */
  status: number;
  /** The fault kind applied, if any. */
  fault?: FaultKind;
  /**
   * How the request broke the vendor's published contract, when it did (AutoDNS JSON: an
   * undocumented route, filter key, operator, order field, or a body field of the wrong type);
   * such a request is refused as the vendor would.
   */
  contractViolation?: string;
}

/** Fault kinds. */
export type FaultKind =
  "status" | "rateLimit" | "delay" | "reset" | "acceptThenDrop" | "malformed" | "truncated";

/** A fault to inject on a route. */
export interface FaultSpec {
  /** Route name (`autodns.json.renew`), a prefix glob (`autodns.xml.*`) or `*`. */
  route: string;
  kind: FaultKind;
  /** How many matching requests it hits (default 1); "always" keeps it until cleared. */
  times?: number | "always";
  /** How many matching requests pass untouched before it hits (default 0): "fail after the first". */
  skip?: number;
  /** HTTP status for `status` (default 503). */
  status?: number;
  /** Retry-After seconds for `rateLimit` (default 1). */
  retryAfterSeconds?: number;
  /** Wait before answering (`delay`; also honoured by the other kinds). Default 1000 for `delay`. */
  delayMs?: number;
}

/** An injected fault with its id and remaining hits. */
export interface SandboxFault extends FaultSpec {
  id: string;
  remaining: number | "always";
  /** Matching requests still to let through. */
  skipping: number;
}

/** A TLS client certificate issued by the sandbox CA. */
export interface SandboxClientCertificate {
  certificate: string;
  key: string;
  /** SHA-256 fingerprint, as node reports it (`AA:BB:…`). */
  fingerprint256: string;
  registered: boolean;
}

/** The sandbox clock: real time plus an offset. */
export interface SandboxClock {
  /** The current sandbox time. */
  now(): Date;
  /** Sets the current sandbox time (ISO-8601 or Date); it keeps running from there. */
  set(instant: string | Date): Date;
  /** Moves the sandbox time forward (e.g. `{ days: 35 }`) and returns the new time. */
  advance(by: { days?: number; hours?: number; minutes?: number; seconds?: number }): Date;
}

/** The admin API, in-process (`sandbox.admin`) and over HTTP (`/_sandbox/...`). */
export interface SandboxAdmin {
  /** The sandbox clock (vendor expiry rules and job completion use it). */
  clock: SandboxClock;
  /** Adds a certificate (AutoDNS certificate, ResellerClub order, Symantec transaction). */
  seedCertificate(spec: SeedCertificateSpec): Promise<SandboxCertificate>;
  /**
   * Reads a certificate. Jobs due by the sandbox clock are finished (and their certificates
   * re-issued) first, so the answer matches what a vendor read would show.
   */
  certificate(vendor: SandboxVendor, id: string): SandboxCertificate | undefined;
  /** Reads every certificate, or every one of a vendor. */
  certificates(vendor?: SandboxVendor): SandboxCertificate[];
  /** Reads a job (after finishing jobs that are due); admin reads never count as polls. */
  job(id: string): SandboxJob | undefined;
  /** Reads jobs, optionally of one vendor and/or certificate. */
  jobs(filter?: { vendor?: SandboxVendor; certificateId?: string }): SandboxJob[];
  /** Finishes a job with success: the certificate is re-issued with the requested lifetime. */
  completeJob(id: string): Promise<SandboxJob>;
  /** Finishes a job with failure (`reason` becomes the vendor's status description). */
  failJob(id: string, reason?: string): Promise<SandboxJob>;
  /** Symantec: approves a pending transaction so pickup returns its certificate. */
  approve(transactionId: string): Promise<SandboxJob>;
  /** Whether Symantec renewals return their certificate at once (true) or wait for `approve`. */
  setSymantecAutoApprove(on: boolean): void;
  /**
   * Symantec tokens left (undefined: unlimited, the default). Each renewal uses one; with none left
   * a renewal is accepted but held — StatusCode `0xa00e` "Pending. (Insufficient number of
   * tokens.)" with its Transaction_ID, on renew and pickup — until `approve`.
   */
  setSymantecTokens(count: number | undefined): void;
  /** ResellerClub customer balance (PayInvoice needs enough of it). */
  setBalance(amount: number): void;
  /**
   * Whether ResellerClub `sslcert/details` answers with `endtime` (default true). No public source
   * names the expiry field of an sslcert order; `false` plays a vendor that has none.
   */
  setResellerClubSslcertEndtime(reported: boolean): void;
  /**
   * Whether finished ResellerClub actions leave `actions/search-current` (default false: they stay
   * listed with their final status). True plays the split the vendor's `search-current` /
   * `search-archived` calls suggest.
   */
  setResellerClubArchivesFinished(on: boolean): void;
  /** The ResellerClub customer balance. */
  balance(): number;
  /** Makes matching requests fail as `spec` says (see docs/SANDBOX.md). */
  injectFault(spec: FaultSpec): SandboxFault;
  /** The faults still active. */
  faults(): SandboxFault[];
  /** Removes every fault. */
  clearFaults(): void;
  /** The request log, optionally filtered. */
  requests(filter?: { vendor?: SandboxVendor; route?: string; certificateId?: string }): SandboxRequest[];
  /** Accepted renewals of a certificate (Symantec: of the whole transaction chain). */
  renewalCount(vendor: SandboxVendor, id: string): number;
  /** Accepted reissues of a certificate (AutoDNS 400102; free inside the paid term). */
  reissueCount(vendor: SandboxVendor, id: string): number;
  /** Issues a client certificate from the sandbox CA; unregistered ones get StatusCode 0x3101 (missing admin role). */
  issueClientCertificate(options?: {
    commonName?: string;
    registered?: boolean;
  }): Promise<SandboxClientCertificate>;
  /** Back to the seeded state: data, jobs, faults, log, balance and clock offset. */
  reset(): Promise<void>;
  /** Emits `request` (SandboxRequest) after every vendor request and `job` (SandboxJob) on every job change. */
  events: EventEmitter;
}
