/**
 * The field names `check` accepts at every level, so that a misspelled one (`autodns.pasword`, a
 * top-level `renewBeforeDay`) is refused by name instead of silently dropped while a default
 * applies. Each list is typed against its interface: adding an input field without listing it
 * here does not compile.
 */
import type {
  AutodnsAuthenticationInput,
  AutodnsInput,
  CertificateInputs,
  ResellerClubInput,
  SymantecInput,
} from "./inputs";
import { Failures } from "./checkFailure";

type FieldsOf<T> = { readonly [K in keyof Required<T>]: true };

const TOP_LEVEL: FieldsOf<CertificateInputs> = {
  certificateId: true,
  lifetimeMonths: true,
  renewBeforeDays: true,
  notAfter: true,
  renewalTrigger: true,
  waitTimeoutSeconds: true,
  autodns: true,
  symantec: true,
  resellerclub: true,
};

const AUTODNS: FieldsOf<AutodnsInput> = {
  protocol: true,
  endpoint: true,
  user: true,
  password: true,
  context: true,
  demo: true,
  product: true,
  software: true,
  csr: true,
  name: true,
  adminContactId: true,
  technicalContactId: true,
  subjectAlternativeNames: true,
  authentication: true,
  requestsPerSecond: true,
};

const AUTODNS_AUTHENTICATION: FieldsOf<AutodnsAuthenticationInput> = {
  method: true,
  dns: true,
  provisioning: true,
};

const SYMANTEC: FieldsOf<SymantecInput> = {
  endpoint: true,
  clientCertificate: true,
  clientKey: true,
  caCertificate: true,
  firstName: true,
  lastName: true,
  email: true,
  csr: true,
  certProductType: true,
  serverType: true,
  originalCertificate: true,
  originalChallenge: true,
  challenge: true,
  subjectAlternativeNames: true,
  signatureAlgorithm: true,
  ctLogOption: true,
  specificEndDate: true,
  renewalTransactionId: true,
};

const RESELLERCLUB: FieldsOf<ResellerClubInput> = {
  endpoint: true,
  api: true,
  authUserId: true,
  apiKey: true,
  additionalLicenses: true,
  invoiceOption: true,
  attributes: true,
};

/**
 * Keys the engine or the resource class put into the inputs besides the user's: the serialized
 * provider, and the output placeholders the class registers (they arrive unset).
 */
const HOST_KEYS = new Set(["__provider"]);

/** Known field names by dotted path of the object holding them ("" is the top level). */
export const KNOWN_FIELDS: Readonly<Record<string, readonly string[]>> = {
  "": Object.keys(TOP_LEVEL),
  autodns: Object.keys(AUTODNS),
  "autodns.authentication": Object.keys(AUTODNS_AUTHENTICATION),
  symantec: Object.keys(SYMANTEC),
  resellerclub: Object.keys(RESELLERCLUB),
};

/** Edit distance (insertions, deletions, substitutions), case-insensitive. */
export function editDistance(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const row = [i];
    for (let j = 1; j <= y.length; j++) {
      row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[y.length];
}

/** The known name closest to `name`, or undefined when none is close enough to be a typo. */
export function closestName(name: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const k of known) {
    const d = editDistance(name, k);
    if (d < bestDistance) [best, bestDistance] = [k, d];
  }
  return bestDistance <= Math.max(2, Math.floor(name.length / 3)) ? best : undefined;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

/** Adds one failure per field that no level knows, naming it and the closest known name. */
export function refuseUnknownFields(inputs: object, f: Failures): void {
  for (const [path, known] of Object.entries(KNOWN_FIELDS)) {
    const holder =
      path === ""
        ? inputs
        : path.split(".").reduce<unknown>((o, k) => (isObject(o) ? o[k] : undefined), inputs);
    if (!isObject(holder)) continue;
    for (const [key, value] of Object.entries(holder)) {
      // Unset values change nothing (the class registers its outputs as unset placeholders).
      if (known.includes(key) || value === undefined || value === null) continue;
      if (path === "" && HOST_KEYS.has(key)) continue;
      const property = path ? `${path}.${key}` : key;
      const where = path ? `the ${path} block` : "RenewedCertificate";
      const near = closestName(key, known);
      // A top-level failure is reported under a name that is no key of the inputs, so that the
      // engine prints no value: a misspelled vendor block (`autodsn: {…}`) holds credentials.
      f.add(
        path ? property : `${property} (not an input)`,
        near
          ? `${property} is not an input of ${where}: did you mean ${near}? (a misspelled field would be ignored and its default used)`
          : `${property} is not an input of ${where}: remove it (known: ${known.join(", ")})`,
      );
    }
  }
}
