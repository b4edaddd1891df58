// Property tests of `check`'s validation: any inputs at all — wrong types, huge values, garbage
// PEMs, the preview's unknown placeholder anywhere — yield a list of failures that each name a
// property and say how to fix it; validation never throws and never hangs.
import { expect } from "chai";
import fc from "fast-check";
import type { CertificateInputs } from "../../../provider/inputs";
import { UNKNOWN } from "../../../provider/unknowns";
import { validateInputs } from "../../../provider/validation";
import { makeCertificate, makeCsr } from "../../support/pki";
import { RUNS, quick } from "./arbitraries";
import { JOHN_DOE } from "../../support/symantecRequests";

/** Values of every type, including the ones that break naive code. */
const value = fc.oneof(
  fc.anything({ maxDepth: 2, maxKeys: 4 }),
  fc.constantFrom(UNKNOWN, "", " ", null, NaN, Infinity, -1, 0, 1e21, 2 ** 53 + 2, "12", "1e3", [], {}),
  fc.string({ maxLength: 64 }),
  fc.integer({ min: 1, max: 200_000 }).map((n) => "A".repeat(n)),
  fc.constant(
    `-----BEGIN CERTIFICATE REQUEST-----\n${"QUJD".repeat(2000)}\n-----END CERTIFICATE REQUEST-----`,
  ),
  fc.constant(`-----BEGIN CERTIFICATE-----\n${"////".repeat(300)}\n-----END CERTIFICATE-----`),
);

const block = (fields: string[]) =>
  fc.dictionary(fc.constantFrom(...fields), value, { maxKeys: fields.length });

const AUTODNS_FIELDS = [
  "protocol",
  "endpoint",
  "user",
  "password",
  "context",
  "demo",
  "product",
  "software",
  "csr",
  "name",
  "adminContactId",
  "technicalContactId",
  "subjectAlternativeNames",
  "authentication",
  "requestsPerSecond",
];
const SYMANTEC_FIELDS = [
  "endpoint",
  "clientCertificate",
  "clientKey",
  "caCertificate",
  "firstName",
  "lastName",
  "email",
  "csr",
  "certProductType",
  "serverType",
  "originalCertificate",
  "originalChallenge",
  "challenge",
  "subjectAlternativeNames",
  "signatureAlgorithm",
  "ctLogOption",
  "specificEndDate",
  "renewalTransactionId",
];
const RESELLERCLUB_FIELDS = [
  "endpoint",
  "api",
  "authUserId",
  "apiKey",
  "additionalLicenses",
  "invoiceOption",
  "attributes",
];

const inputs = fc.record(
  {
    certificateId: value,
    lifetimeMonths: value,
    renewBeforeDays: value,
    notAfter: value,
    renewalTrigger: value,
    waitTimeoutSeconds: value,
    autodns: fc.oneof(block(AUTODNS_FIELDS), value),
    symantec: fc.oneof(block(SYMANTEC_FIELDS), value),
    resellerclub: fc.oneof(block(RESELLERCLUB_FIELDS), value),
  },
  { requiredKeys: [] },
);

function checkedFailures(candidate: unknown, has: (name: string) => boolean) {
  const failures = quick(2000, () => validateInputs(candidate as CertificateInputs, has));
  expect(failures).to.be.an("array");
  for (const f of failures) {
    expect(f.property).to.be.a("string").and.not.equal("");
    expect(f.reason).to.be.a("string").and.have.length.above(10);
  }
  return failures;
}

describe("property: validateInputs", function () {
  this.timeout(30_000);
  let valid: Record<string, CertificateInputs>;

  before(async () => {
    const csr = await makeCsr("www.example.com");
    const certificate = await makeCertificate("www.example.com", new Date(Date.now() + 90 * 86_400_000));
    valid = {
      autodns: {
        certificateId: "100",
        lifetimeMonths: 12,
        autodns: { protocol: "json", user: "u", password: "p", context: 4, csr },
      },
      symantec: {
        certificateId: "a1b2",
        lifetimeMonths: 12,
        symantec: {
          clientCertificate: certificate,
          clientKey: "key",
          ...JOHN_DOE,
          csr,
          certProductType: "Server",
          serverType: "Apache",
          originalCertificate: certificate,
          originalChallenge: "old",
          challenge: "new",
        },
      },
      resellerclub: {
        certificateId: 42,
        lifetimeMonths: 24,
        resellerclub: { authUserId: 1, apiKey: "k", invoiceOption: "NoInvoice" },
      },
    };
  });

  it("returns failures naming a property and a fix for any inputs, never throwing", () => {
    fc.assert(
      fc.property(inputs, fc.boolean(), (candidate, env) => {
        checkedFailures(candidate, () => env);
      }),
      { numRuns: RUNS },
    );
  });

  it("accepts a valid block of each vendor", () => {
    for (const vendor of Object.keys(valid))
      expect(checkedFailures(valid[vendor], () => false)).to.deep.equal([]);
  });

  it("tolerates the preview's unknown placeholder in any top-level or vendor field of valid inputs", () => {
    const vendors = fc.constantFrom("autodns", "symantec", "resellerclub");
    fc.assert(
      fc.property(vendors, fc.nat(), fc.boolean(), (vendor, pick, inBlock) => {
        const base = structuredClone(valid[vendor]) as unknown as Record<string, Record<string, unknown>>;
        const target = inBlock ? base[vendor] : (base as unknown as Record<string, unknown>);
        const keys = Object.keys(target).filter((k) => k !== vendor);
        const key = keys[pick % keys.length];
        target[key] = UNKNOWN;
        expect(checkedFailures(base, () => false)).to.deep.equal([]);
      }),
      { numRuns: 100 },
    );
  });

  it("reports a wrong value of a valid input against that very property", () => {
    const wrong = fc.constantFrom(-5, 0.5, "soon", [], {});
    fc.assert(
      fc.property(
        fc.constantFrom("lifetimeMonths", "renewBeforeDays", "waitTimeoutSeconds"),
        wrong,
        (key, bad) => {
          const candidate = { ...valid.autodns, [key]: bad };
          const failures = checkedFailures(candidate, () => false);
          expect(failures.map((f) => f.property)).to.include(key);
        },
      ),
      { numRuns: 50 },
    );
  });
});
