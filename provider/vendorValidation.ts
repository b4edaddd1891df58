/** Per-vendor parts of `check`. */
import { SYMANTEC_PRODUCT_TYPES, SYMANTEC_SIGNATURE_ALGORITHMS } from "../sdk/symantec/types";
import { INVOICE_OPTIONS } from "../sdk/resellerclub/types";
import { Failures } from "./checkFailure";
import { CONFIG_KEYS } from "./credentials";
import { VENDOR_APIS, fieldOf, type VendorApi, type VendorBlock } from "./backends/vendorApis";
import { AutodnsInput, CertificateInputs, ResellerClubInput, SymantecInput, VendorKind } from "./inputs";
import { readCertificate, readCsr } from "./pem";
import { isUnknown } from "./unknowns";

const EMAIL = /^[^\s@,]+@[^\s@,]+\.[^\s@,]+$/;
const MAX_SYMANTEC_SANS = 100;

function known(v: unknown): boolean {
  return v !== undefined && v !== null && !isUnknown(v);
}

function oneOf(f: Failures, property: string, value: unknown, allowed: readonly string[]): void {
  if (known(value) && !allowed.includes(value as string)) {
    f.add(property, `${property} must be one of ${allowed.join(", ")}`, value);
  }
}

/** What is wrong with a text given as a certificate request, in the user's terms. */
function csrProblem(text: string): string | undefined {
  const label = /-----BEGIN ([A-Z0-9 ]+)-----/.exec(text)?.[1];
  if (label && !/CERTIFICATE REQUEST$/.test(label)) {
    return `it is a ${label} (BEGIN ${label}), not a certificate request: pass the CSR, the block that begins -----BEGIN CERTIFICATE REQUEST-----`;
  }
  try {
    readCsr(text);
    return undefined;
  } catch (e) {
    const why = (e as Error).message;
    return label
      ? `its BEGIN ${label} block does not hold a valid PKCS#10 request (${why})`
      : `it is neither a PEM block nor base64 of a PKCS#10 request (${why})`;
  }
}

function csr(f: Failures, property: string, value: unknown): void {
  if (!known(value) || f.acceptedBefore(property, value)) return;
  const problem = csrProblem(String(value));
  if (problem) {
    f.add(property, `${property} must be a PEM (or base64) PKCS#10 certificate request: ${problem}`, value);
  }
}

/** A whole number given as a numeric string: refused, saying a string arrived (docs/TROUBLESHOOTING.md). */
export function numericStringProblem(property: string, value: unknown): string | undefined {
  if (typeof value !== "string" || !/^\s*[-+]?\d+(\.\d+)?\s*$/.test(value)) return undefined;
  return `${property} must be a number, but the string ${JSON.stringify(value)} was given: pass a number (config.requireNumber("…") or Number(…) for a config value)`;
}

function credential(
  f: Failures,
  property: string,
  value: unknown,
  env: string,
  hasCredential: (name: string) => boolean,
): void {
  if (value === undefined || value === null || value === "") {
    if (!hasCredential(env)) {
      f.add(
        property,
        `${property} is missing: set it (as a secret) or the ${env} environment variable of the provider process, or the secret stack config pulumi-nodejs:${CONFIG_KEYS[env]}`,
      );
    }
  } else if (!isUnknown(value) && typeof value !== "string" && typeof value !== "number") {
    f.add(property, `${property} must be a string`, value);
  }
}

/** Each credential of the API that the generic sentence covers (see `CredentialSource`). */
function credentials<K extends VendorKind>(
  f: Failures,
  api: VendorApi<K>,
  block: VendorBlock<K>,
  hasCredential: (name: string) => boolean,
): void {
  for (const c of api.credentials) {
    if (!c.checkedByVendor)
      credential(f, `${api.kind}.${c.field}`, fieldOf(block, c.field), c.env, hasCredential);
  }
}

function sans(f: Failures, property: string, value: unknown, max?: number): void {
  if (!known(value)) return;
  if (!Array.isArray(value) || value.some((s) => known(s) && (typeof s !== "string" || s.trim() === ""))) {
    f.add(property, `${property} must be a list of domain names`, value);
  } else if (max !== undefined && value.length > max) {
    f.add(property, `${property} lists ${value.length} names; the vendor accepts at most ${max}`);
  }
}

/** The `autodns` block. */
export function validateAutodns(
  a: AutodnsInput,
  f: Failures,
  hasCredential: (name: string) => boolean,
): void {
  oneOf(f, "autodns.protocol", a.protocol, ["json", "xml"]);
  credentials(f, VENDOR_APIS.autodns, a, hasCredential);
  if (a.context === undefined || a.context === null || a.context === "") {
    if (!hasCredential("AUTODNS_CONTEXT")) {
      f.add(
        "autodns.context",
        "autodns.context is missing: set it (4 for live, 1 for demo) or AUTODNS_CONTEXT",
      );
    }
  } else if (!isUnknown(a.context) && !/^\d+$/.test(String(a.context))) {
    f.add("autodns.context", "autodns.context must be a number such as 4", a.context);
  }
  csr(f, "autodns.csr", a.csr);
  sans(f, "autodns.subjectAlternativeNames", a.subjectAlternativeNames);
  for (const key of ["adminContactId", "technicalContactId"] as const) {
    const v = a[key];
    if (known(v) && !/^\d+$/.test(String(v)))
      f.add(`autodns.${key}`, `autodns.${key} must be a numeric contact id`, v);
  }
  if (known(a.authentication)) {
    oneOf(f, "autodns.authentication.method", a.authentication?.method, ["DNS", "EMAIL", "FILE"]);
    if (a.authentication?.provisioning !== undefined && a.authentication.method !== "DNS") {
      f.add(
        "autodns.authentication.provisioning",
        "autodns.authentication.provisioning applies only to method DNS",
      );
    }
  }
  if (known(a.endpoint)) url(f, "autodns.endpoint", a.endpoint);
}

function url(f: Failures, property: string, value: unknown, shorthands: string[] = []): void {
  if (shorthands.includes(value as string)) return;
  try {
    const u = new URL(String(value));
    if (!/^https?:$/.test(u.protocol)) throw new Error("scheme");
  } catch {
    f.add(
      property,
      `${property} must be an http(s) URL${shorthands.length ? ` or one of ${shorthands.join(", ")}` : ""}`,
      value,
    );
  }
}

/** The `symantec` block (needs the top-level lifetime for the 3Y rule). */
export function validateSymantec(
  inputs: CertificateInputs,
  s: SymantecInput,
  f: Failures,
  hasCredential: (name: string) => boolean,
): void {
  credentials(f, VENDOR_APIS.symantec, s, hasCredential);
  for (const key of ["firstName", "lastName", "serverType"] as const) {
    const v = s[key];
    if (!known(v) && !isUnknown(v)) f.add(`symantec.${key}`, `symantec.${key} is required by the renew API`);
    else if (known(v) && String(v).length > 240)
      f.add(`symantec.${key}`, `symantec.${key} is longer than 240 characters`, v);
  }
  if (!known(s.email) && !isUnknown(s.email))
    f.add("symantec.email", "symantec.email is required: the subscriber's e-mail address");
  else if (known(s.email)) {
    const list = String(s.email)
      .split(",")
      .map((e) => e.trim());
    if (String(s.email).length > 240 || list.some((e) => !EMAIL.test(e))) {
      f.add(
        "symantec.email",
        `symantec.email must be an e-mail address or a comma-separated list of them, at most 240 characters`,
        s.email,
      );
    }
  }
  if (!known(s.csr) && !isUnknown(s.csr))
    f.add("symantec.csr", "symantec.csr is required: the PKCS#10 request for the renewed certificate");
  csr(f, "symantec.csr", s.csr);
  if (!known(s.certProductType) && !isUnknown(s.certProductType)) {
    f.add(
      "symantec.certProductType",
      `symantec.certProductType is required: one of ${SYMANTEC_PRODUCT_TYPES.join(", ")}`,
    );
  }
  oneOf(f, "symantec.certProductType", s.certProductType, SYMANTEC_PRODUCT_TYPES);
  oneOf(f, "symantec.signatureAlgorithm", s.signatureAlgorithm, SYMANTEC_SIGNATURE_ALGORITHMS);
  oneOf(f, "symantec.ctLogOption", s.ctLogOption, ["public", "nolog"]);
  for (const key of ["originalChallenge", "challenge"] as const) {
    const v = s[key];
    if (!known(v) && !isUnknown(v))
      f.add(`symantec.${key}`, `symantec.${key} is required (at most 32 characters)`);
    else if (known(v) && String(v).length > 32)
      f.add(`symantec.${key}`, `symantec.${key} must be at most 32 characters`, v);
  }
  sans(f, "symantec.subjectAlternativeNames", s.subjectAlternativeNames, MAX_SYMANTEC_SANS);
  if (known(s.specificEndDate) && !/^\d{2}\/\d{2}\/\d{4}$/.test(String(s.specificEndDate))) {
    f.add("symantec.specificEndDate", "symantec.specificEndDate must be MM/DD/YYYY", s.specificEndDate);
  }
  // VICE2's transaction ids go back as original_transaction_id, at most 32 characters.
  if (known(s.renewalTransactionId) && !/^\S{1,32}$/.test(String(s.renewalTransactionId))) {
    f.add(
      "symantec.renewalTransactionId",
      "symantec.renewalTransactionId must be a VICE2 transaction id (1 to 32 characters, no spaces) as the VICE2 console shows it; leave it unset unless a renewal's answer was lost",
      s.renewalTransactionId,
    );
  }
  if (
    known(s.originalCertificate) &&
    !f.acceptedBefore("symantec.originalCertificate", s.originalCertificate)
  ) {
    try {
      readCertificate(String(s.originalCertificate));
    } catch (e) {
      f.add(
        "symantec.originalCertificate",
        `symantec.originalCertificate must be a PEM certificate: ${(e as Error).message}`,
        s.originalCertificate,
      );
    }
  }
  const threeYears = ["PrivateServer", "CodeSigning", "JavaCodeSigning", "EVCodeSigning"];
  if (
    inputs.lifetimeMonths === 36 &&
    known(s.certProductType) &&
    !threeYears.includes(String(s.certProductType))
  ) {
    f.add(
      "lifetimeMonths",
      `a 36-month (3Y) validity is only sold for ${threeYears.join(", ")}; use 12 or 24`,
    );
  }
  if (known(s.endpoint)) url(f, "symantec.endpoint", s.endpoint, ["pilot", "production"]);
  if (
    !known(s.originalCertificate) &&
    !known(inputs.notAfter) &&
    !isUnknown(s.originalCertificate) &&
    !isUnknown(inputs.notAfter)
  ) {
    f.add(
      "notAfter",
      "Symantec reports no expiry: set notAfter or symantec.originalCertificate so renewals can be scheduled",
    );
  }
}

/** The `resellerclub` block. */
export function validateResellerClub(
  r: ResellerClubInput,
  f: Failures,
  hasCredential: (name: string) => boolean,
): void {
  credentials(f, VENDOR_APIS.resellerclub, r, hasCredential);
  oneOf(f, "resellerclub.api", r.api, ["auto", "digitalcertificate", "sslcert"]);
  oneOf(f, "resellerclub.invoiceOption", r.invoiceOption, INVOICE_OPTIONS);
  const licences = numericStringProblem("resellerclub.additionalLicenses", r.additionalLicenses);
  if (licences) f.add("resellerclub.additionalLicenses", licences);
  else if (
    known(r.additionalLicenses) &&
    !(Number.isInteger(r.additionalLicenses) && r.additionalLicenses! >= 0)
  ) {
    f.add(
      "resellerclub.additionalLicenses",
      "resellerclub.additionalLicenses must be a whole number ≥ 0 (default 0)",
      r.additionalLicenses,
    );
  }
  if (known(r.attributes)) {
    const attrs = r.attributes as unknown;
    if (
      typeof attrs !== "object" ||
      Array.isArray(attrs) ||
      Object.values(attrs as object).some((v) => known(v) && typeof v !== "string")
    ) {
      f.add(
        "resellerclub.attributes",
        "resellerclub.attributes must map attribute names (org_name, approveremail, csrString, …) to strings",
        attrs,
      );
    } else if (known((attrs as Record<string, string>).csrString)) {
      csr(f, "resellerclub.attributes.csrString", (attrs as Record<string, string>).csrString);
    }
    if (r.api === "sslcert") {
      f.add(
        "resellerclub.attributes",
        "resellerclub.attributes are sent only by the digitalcertificate API; remove them or set api to digitalcertificate",
      );
    }
  }
  if (known(r.endpoint)) url(f, "resellerclub.endpoint", r.endpoint, ["live", "test"]);
}
