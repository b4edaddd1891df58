/**
 * The sandbox's state: certificates (AutoDNS certificates, ResellerClub orders, Symantec
 * transactions), renewal jobs, per-certificate renewal counts, the ResellerClub balance and the id
 * counters. Every change is synchronous (certificates are signed synchronously), so a route or an
 * admin call applies its whole effect before any other request is looked at.
 */
import { randomBytes } from "node:crypto";
import { EventEmitter } from "node:events";
import type { SandboxCa } from "./ca";
import type { OffsetClock } from "./clock";
import type {
  JobCompletion,
  SandboxCertificate,
  SandboxCertificateFacts,
  SandboxJob,
  SandboxJobState,
  SandboxVendor,
} from "./types";

/** A certificate as stored (mutable; times in epoch ms). */
export interface CertificateRecord extends SandboxCertificateFacts {
  vendor: SandboxVendor;
  id: string;
  commonName: string;
  notBefore: number;
  notAfter: number;
  /**
   * End of the paid term (AutoDNS `payable`, the ResellerClub order's expiry). Certificates inside
   * it are reissued free; only a renewal extends it. Equals `notAfter` where a vendor has no
   * separate term (Symantec) and for seeded certificates unless a term is given.
   */
  coverageEndsAt: number;
  pem: string;
  sans: string[];
  lifetimeMonths: number;
  created: number;
  updated: number;
  /** Subscriber key (SPKI DER) of the current certificate, from the last CSR. */
  publicKey?: Buffer;
  software?: string;
  csr?: string;
  /** Symantec: the renewal's serverType ("Microsoft" gets its certificate as PKCS#7). */
  serverType?: string;
  /** Symantec: held with 0xa00e because no tokens were left, until approved. */
  heldForTokens?: boolean;
}

/** A renewal job as stored. */
export interface JobRecord {
  id: string;
  vendor: SandboxVendor;
  certificateId: string;
  state: SandboxJobState;
  created: number;
  updated: number;
  polls: number;
  lifetimeMonths: number;
  reason?: string;
  /** What the job does: a paid renewal (the default) or a free reissue inside the paid term. */
  kind?: "renew" | "reissue";
  /** Subscriber key (SPKI DER) from the renewal's CSR. */
  publicKey?: Buffer;
  csr?: string;
  /** ResellerClub bookkeeping. */
  invoiceOption?: string;
  invoiceId?: string;
  amount?: number;
}

/** Sequential numeric ids, as strings, starting at the given values. */
const ID_STARTS = {
  autodnsCertificate: 1000,
  autodnsJob: 4297539521,
  resellerclubOrder: 85547900,
  resellerclubAction: 524620696,
  resellerclubInvoice: 88713188,
  stid: 23276,
} as const;

/** See the module comment. */
export class Store {
  readonly certificates = new Map<string, CertificateRecord>();
  readonly jobs = new Map<string, JobRecord>();
  private readonly renewals = new Map<string, number>();
  private readonly reissues = new Map<string, number>();
  private counters: Record<keyof typeof ID_STARTS, number> = { ...ID_STARTS };
  /** `request` and `job` events (see SandboxAdmin.events). */
  readonly events = new EventEmitter();
  /** AutoDNS contact ids that exist (admin/technical contacts of a renewal must be among them). */
  readonly autodnsContacts = new Set<string>();
  /** ResellerClub customer balance. */
  balance = 1000;
  symantecAutoApprove: boolean;
  /** Whether `sslcert/details` reports `endtime` (no source names the field for sslcert orders). */
  resellerclubSslcertEndtime = true;
  /** Whether finished ResellerClub actions leave `actions/search-current`. */
  resellerclubArchivesFinished = false;
  /** Symantec tokens left; undefined = unlimited. At 0 renewals are held with 0xa00e. */
  symantecTokens: number | undefined;

  constructor(
    readonly clock: OffsetClock,
    readonly ca: SandboxCa,
    readonly completion: JobCompletion,
    private readonly defaultAutoApprove: boolean,
  ) {
    this.symantecAutoApprove = defaultAutoApprove;
  }

  /** Forgets everything (ids restart); the caller re-seeds. */
  clear(): void {
    this.certificates.clear();
    this.jobs.clear();
    this.renewals.clear();
    this.reissues.clear();
    this.autodnsContacts.clear();
    this.counters = { ...ID_STARTS };
    this.balance = 1000;
    this.symantecAutoApprove = this.defaultAutoApprove;
    this.symantecTokens = undefined;
    this.resellerclubSslcertEndtime = true;
    this.resellerclubArchivesFinished = false;
  }

  /** The next id of a kind. */
  nextId(kind: keyof typeof ID_STARTS): string {
    return String(this.counters[kind]++);
  }

  /** A new Symantec transaction id (32 lowercase hex digits). */
  newTransactionId(): string {
    return randomBytes(16).toString("hex");
  }

  certificate(vendor: SandboxVendor, id: string): CertificateRecord | undefined {
    return this.certificates.get(`${vendor}:${id}`);
  }

  putCertificate(record: CertificateRecord): void {
    this.certificates.set(`${record.vendor}:${record.id}`, record);
  }

  /** Counts one accepted renewal (Symantec: on the root of the transaction chain). */
  countRenewal(vendor: SandboxVendor, id: string): void {
    const key = this.renewalKey(vendor, id);
    this.renewals.set(key, (this.renewals.get(key) ?? 0) + 1);
  }

  renewalCount(vendor: SandboxVendor, id: string): number {
    return this.renewals.get(this.renewalKey(vendor, id)) ?? 0;
  }

  /** Counts one accepted reissue. */
  countReissue(vendor: SandboxVendor, id: string): void {
    const key = this.renewalKey(vendor, id);
    this.reissues.set(key, (this.reissues.get(key) ?? 0) + 1);
  }

  reissueCount(vendor: SandboxVendor, id: string): number {
    return this.reissues.get(this.renewalKey(vendor, id)) ?? 0;
  }

  private renewalKey(vendor: SandboxVendor, id: string): string {
    const root = vendor === "symantec" ? (this.certificate(vendor, id)?.rootTransactionId ?? id) : id;
    return `${vendor}:${root}`;
  }

  /** Jobs of a certificate, newest first. */
  jobsOf(vendor: SandboxVendor, certificateId: string): JobRecord[] {
    return [...this.jobs.values()]
      .filter((j) => j.vendor === vendor && j.certificateId === certificateId)
      .sort((a, b) => b.created - a.created || Number(b.id) - Number(a.id));
  }

  /** A public copy of a certificate. */
  viewCertificate(r: CertificateRecord): SandboxCertificate {
    const view: SandboxCertificate = {
      vendor: r.vendor,
      id: r.id,
      commonName: r.commonName,
      notBefore: new Date(r.notBefore).toISOString(),
      notAfter: new Date(r.notAfter).toISOString(),
      coverageEndsAt: new Date(r.coverageEndsAt).toISOString(),
      pem: r.pem,
      subjectAlternativeNames: [...r.sans],
      lifetimeMonths: r.lifetimeMonths,
      renewalCount: this.renewalCount(r.vendor, r.id),
      reissueCount: this.reissueCount(r.vendor, r.id),
      product: r.product,
      adminContactId: r.adminContactId,
      technicalContactId: r.technicalContactId,
      api: r.api,
      challenge: r.challenge,
      certProductType: r.certProductType,
      originalTransactionId: r.originalTransactionId,
      rootTransactionId: r.rootTransactionId,
      approved: r.approved,
    };
    for (const key of Object.keys(view) as (keyof SandboxCertificate)[]) {
      if (view[key] === undefined) delete view[key];
    }
    return view;
  }

  /** A public copy of a job. */
  viewJob(j: JobRecord, vendorStatus: string): SandboxJob {
    return {
      id: j.id,
      vendor: j.vendor,
      certificateId: j.certificateId,
      state: j.state,
      vendorStatus,
      lifetimeMonths: j.lifetimeMonths,
      created: new Date(j.created).toISOString(),
      updated: new Date(j.updated).toISOString(),
      polls: j.polls,
      kind: j.kind ?? "renew",
      ...(j.reason !== undefined ? { reason: j.reason } : {}),
    };
  }
}
