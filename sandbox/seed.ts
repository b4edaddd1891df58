/**
 * The demo data every sandbox starts with ({@link SANDBOX_SEED}, documented in docs/SANDBOX.md)
 * and `admin.seedCertificate`, which adds more. Expiries are relative to the sandbox clock at start
 * (and at `admin.reset()`), so "due" and "far from due" stay true whenever the sandbox runs.
 */
import { parseInstant } from "./clock";
import { addDays, addMonths, endOfDayUtc } from "./dates";
import { seededNotBefore } from "./issuanceSchedule";
import type { CertificateRecord, Store } from "./store";
import type { SandboxCertificate, SandboxVendor, SeedCertificateSpec } from "./types";

/** Demo credentials, ids and expiries. Expiries are days after the sandbox's start time. */
export const SANDBOX_SEED = {
  credentials: {
    autodns: { user: "sandbox-user", password: "sandbox-password", context: 4 },
    resellerclub: { authUserId: "654321", apiKey: "sandbox-api-key" },
  },
  autodns: {
    /** Contacts that exist; any other admin/technical contact id is refused (EF4001006/EF4001010). */
    contactIds: ["100", "101"],
    certificates: [
      /** The seed's certificate: inside the 90-day window and due with renewBeforeDays 30. */
      { id: "100", commonName: "example.com", product: "QUICKSSLPREMIUM", expiresInDays: 20 },
      /** Inside AutoDNS's 90-day window, not yet due with the default renewBeforeDays 30. */
      { id: "101", commonName: "shop.example.com", product: "QUICKSSLPREMIUM", expiresInDays: 60 },
      /** Far from renewal: AutoDNS refuses it with EF4001012. */
      { id: "102", commonName: "far.example.com", product: "QUICKSSLPREMIUM", expiresInDays: 300 },
    ],
  },
  resellerclub: {
    customerId: "17824872",
    balance: 1000,
    /** Price per year of a certificate renewal (debited by PayInvoice). */
    pricePerYear: 7.91,
    orders: [
      /** The seed's order id: the deprecated `digitalcertificate` API. */
      { id: "85547813", api: "digitalcertificate", commonName: "example.org", expiresInDays: 20 },
      /** The current `sslcert` API. */
      { id: "85547814", api: "sslcert", commonName: "secure.example.org", expiresInDays: 20 },
      { id: "85547815", api: "sslcert", commonName: "far.example.org", expiresInDays: 300 },
    ],
  },
  symantec: {
    subscriber: { firstName: "John", lastName: "Doe", email: "johndoe@aaa.com" },
    transactions: [
      /** The seed's original transaction (31 characters, as the seed writes it). */
      {
        id: "6b671d141321a8d743ab5616051d4ec",
        commonName: "www.example.net",
        challenge: "sandbox-challenge",
        certProductType: "Server",
        expiresInDays: 20,
      },
      /** A Private SSL certificate, the only server product that may renew for 3Y. */
      {
        id: "0f5e1c0ffee0123456789abcdef0123a",
        commonName: "intranet.example.net",
        challenge: "private-challenge",
        certProductType: "PrivateServer",
        expiresInDays: 20,
      },
    ],
  },
} as const;

const DEFAULT_NAMES: Record<SandboxVendor, (id: string) => string> = {
  autodns: (id) => `cert-${id}.example.com`,
  resellerclub: (id) => `order-${id}.example.org`,
  symantec: (id) => `tx-${id.slice(0, 8)}.example.net`,
};

/** Adds (or replaces) a certificate; see `SandboxAdmin.seedCertificate`. */
export function seedCertificate(store: Store, spec: SeedCertificateSpec): SandboxCertificate {
  if (!["autodns", "symantec", "resellerclub"].includes(spec.vendor)) {
    throw new RangeError(`seedCertificate: vendor must be autodns, symantec or resellerclub`);
  }
  const vendor = spec.vendor;
  const id = spec.id ?? (vendor === "symantec" ? store.newTransactionId() : nextFreeId(store, vendor));
  const lifetimeMonths = spec.lifetimeMonths ?? 12;
  let notAfter = parseInstant(spec.notAfter);
  if (vendor === "autodns") notAfter = endOfDayUtc(notAfter);
  // Issued as long before its expiry as the CA/B schedule allowed at that date (≤ lifetime).
  const notBefore = seededNotBefore(notAfter, addMonths(notAfter, -lifetimeMonths));
  let coverageEndsAt = spec.coverageEndsAt === undefined ? notAfter : parseInstant(spec.coverageEndsAt);
  if (vendor === "autodns") coverageEndsAt = endOfDayUtc(coverageEndsAt);
  if (vendor === "symantec") coverageEndsAt = notAfter; // VICE2 has no term apart from the certificate
  if (coverageEndsAt < notAfter) {
    throw new RangeError(`seedCertificate: coverageEndsAt must not be before notAfter`);
  }
  const commonName = spec.commonName ?? DEFAULT_NAMES[vendor](id);
  const sans = spec.subjectAlternativeNames ?? [];
  const now = store.clock.nowMs();
  const record: CertificateRecord = {
    vendor,
    id,
    commonName,
    notBefore,
    notAfter,
    coverageEndsAt,
    sans,
    lifetimeMonths,
    created: Math.min(now, notBefore),
    updated: Math.min(now, notBefore),
    pem: store.ca.issueLeaf({
      commonName,
      subjectAlternativeNames: sans,
      notBefore: new Date(notBefore),
      notAfter: new Date(notAfter),
    }),
  };
  if (vendor === "autodns") {
    record.product = spec.product ?? "QUICKSSLPREMIUM";
    record.software = "APACHE2";
    record.adminContactId = spec.adminContactId ?? "100";
    record.technicalContactId = spec.technicalContactId ?? "100";
    store.autodnsContacts.add(record.adminContactId).add(record.technicalContactId);
  } else if (vendor === "resellerclub") {
    record.api = spec.api ?? "digitalcertificate";
  } else {
    record.challenge = spec.challenge ?? "sandbox-challenge";
    record.certProductType = spec.certProductType ?? "Server";
    record.rootTransactionId = id;
    record.approved = true;
  }
  store.putCertificate(record);
  return store.viewCertificate(record);
}

function nextFreeId(store: Store, vendor: "autodns" | "resellerclub"): string {
  const kind = vendor === "autodns" ? "autodnsCertificate" : "resellerclubOrder";
  for (;;) {
    const id = store.nextId(kind);
    if (!store.certificate(vendor, id)) return id;
  }
}

/** Seeds {@link SANDBOX_SEED} relative to the sandbox clock. */
export function seedDemoData(store: Store): void {
  const now = store.clock.nowMs();
  const at = (days: number) => new Date(addDays(now, days)).toISOString();
  for (const contact of SANDBOX_SEED.autodns.contactIds) store.autodnsContacts.add(contact);
  for (const c of SANDBOX_SEED.autodns.certificates) {
    seedCertificate(store, { vendor: "autodns", ...c, notAfter: at(c.expiresInDays) });
  }
  for (const o of SANDBOX_SEED.resellerclub.orders) {
    seedCertificate(store, { vendor: "resellerclub", ...o, notAfter: at(o.expiresInDays) });
  }
  for (const t of SANDBOX_SEED.symantec.transactions) {
    seedCertificate(store, { vendor: "symantec", ...t, notAfter: at(t.expiresInDays) });
  }
  store.balance = SANDBOX_SEED.resellerclub.balance;
}
