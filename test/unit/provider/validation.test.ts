import { expect } from "chai";
import { CertificateInputs } from "../../../provider/inputs";
import { UNKNOWN } from "../../../provider/unknowns";
import { validateInputs } from "../../../provider/validation";
import { makeCertificate, makeCsr } from "../../support/pki";
import { JOHN_DOE } from "../../support/symantecRequests";

const noAmbient = () => false;
const autodns: CertificateInputs = {
  certificateId: "100",
  lifetimeMonths: 12,
  autodns: { user: "u", password: "p", context: 4 },
};

function failuresOf(inputs: CertificateInputs, ambient: (n: string) => boolean = noAmbient) {
  return validateInputs(inputs, ambient);
}
function propertiesOf(inputs: CertificateInputs, ambient?: (n: string) => boolean) {
  return failuresOf(inputs, ambient).map((f) => f.property);
}

describe("validateInputs (check)", () => {
  let csr: string;
  let cert: string;
  before(async () => {
    csr = await makeCsr("shop.example.com");
    cert = await makeCertificate("shop.example.com", new Date("2027-01-01T00:00:00Z"));
  });

  const symantec = (): CertificateInputs => ({
    certificateId: "6b671d141321a8d743ab5616051d4ec",
    lifetimeMonths: 12,
    symantec: {
      clientCertificate: "cert",
      clientKey: "key",
      ...JOHN_DOE,
      csr,
      certProductType: "Server",
      serverType: "Apache",
      originalChallenge: "old",
      challenge: "new",
      originalCertificate: cert,
    },
  });

  it("accepts a complete AutoDNS resource", () => {
    expect(failuresOf(autodns)).to.deep.equal([]);
  });

  it("accepts a complete Symantec resource with a real CSR and certificate", () => {
    expect(failuresOf(symantec())).to.deep.equal([]);
  });

  it("accepts a complete ResellerClub resource", () => {
    const rc: CertificateInputs = {
      certificateId: 85547813,
      lifetimeMonths: 24,
      resellerclub: {
        authUserId: 1,
        apiKey: "k",
        invoiceOption: "NoInvoice",
        attributes: { org_name: "Shop" },
      },
    };
    expect(failuresOf(rc)).to.deep.equal([]);
  });

  it("requires exactly one vendor block", () => {
    const none = failuresOf({ certificateId: "1", lifetimeMonths: 12 });
    expect(none).to.have.length(1);
    expect(none[0].reason).to.match(/set exactly one vendor block: autodns, symantec or resellerclub/);
    const two = failuresOf({ ...autodns, resellerclub: { authUserId: 1, apiKey: "k" } });
    expect(two.map((f) => f.reason).join()).to.match(/found autodns and resellerclub: remove all but one/);
    // Under no key of the inputs, so the engine prints no value (the block holds credentials).
    expect(two.map((f) => f.property)).to.deep.equal(["autodns + resellerclub"]);
  });

  it("rejects a lifetime the vendor does not sell and names the allowed ones", () => {
    const f = failuresOf({ ...autodns, lifetimeMonths: 7 });
    expect(f).to.deep.equal([
      {
        property: "lifetimeMonths",
        reason: "lifetimeMonths 7 is not sold by autodns; use one of 12, 24, 36",
      },
    ]);
    expect(propertiesOf({ ...autodns, lifetimeMonths: 0 })).to.deep.equal(["lifetimeMonths"]);
  });

  it("rejects renewBeforeDays below 1, not shorter than the lifetime, or beyond AutoDNS's 90 days", () => {
    expect(propertiesOf({ ...autodns, renewBeforeDays: 0 })).to.deep.equal(["renewBeforeDays"]);
    expect(failuresOf({ ...autodns, renewBeforeDays: 91 })[0].reason).to.match(
      /90 days before expiry; set renewBeforeDays to 90 or less/,
    );
    const rc: CertificateInputs = {
      certificateId: "1",
      lifetimeMonths: 12,
      renewBeforeDays: 400,
      resellerclub: { authUserId: 1, apiKey: "k" },
    };
    expect(failuresOf(rc)[0].reason).to.match(/must be shorter than the lifetime/);
  });

  it("rejects a notAfter that is not a date, and a waitTimeoutSeconds out of range", () => {
    expect(propertiesOf({ ...autodns, notAfter: "next tuesday", waitTimeoutSeconds: -1 })).to.deep.equal([
      "notAfter",
      "waitTimeoutSeconds",
    ]);
  });

  it("names the environment variable when a credential is missing, and accepts it from there", () => {
    const bare = { ...autodns, autodns: { context: 4 } };
    const f = failuresOf(bare);
    expect(f.map((x) => x.property)).to.deep.equal(["autodns.user", "autodns.password"]);
    expect(f[1].reason).to.contain("AUTODNS_PASSWORD");
    expect(f[1].reason).to.match(/, or the secret stack config pulumi-nodejs:autodnsPassword$/);
    expect(failuresOf(bare, () => true)).to.deep.equal([]);
  });

  it("checks AutoDNS enums, ids and the CSR", () => {
    const bad = {
      ...autodns,
      autodns: {
        ...autodns.autodns,
        protocol: "soap",
        context: "live",
        adminContactId: "abc",
        csr: "garbage",
        authentication: { method: "PIGEON" },
      },
    } as unknown as CertificateInputs;
    expect(propertiesOf(bad)).to.deep.equal([
      "autodns.protocol",
      "autodns.context",
      "autodns.csr",
      "autodns.adminContactId",
      "autodns.authentication.method",
    ]);
  });

  it("checks Symantec fields: e-mail, enums, challenge length, SAN limit, 3Y rule, PEM", () => {
    const s = symantec();
    s.symantec = {
      ...s.symantec,
      email: "not-an-address",
      certProductType: "Gold",
      ctLogOption: "Public" as "public",
      challenge: "x".repeat(33),
      subjectAlternativeNames: Array.from({ length: 101 }, (_, i) => `h${i}.example.com`),
      originalCertificate: "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----",
    };
    const props = propertiesOf(s);
    expect(props).to.include.members([
      "symantec.email",
      "symantec.certProductType",
      "symantec.ctLogOption",
      "symantec.challenge",
      "symantec.subjectAlternativeNames",
      "symantec.originalCertificate",
    ]);
    const three = symantec();
    three.lifetimeMonths = 36;
    expect(failuresOf(three)[0].reason).to.match(/3Y\) validity is only sold for PrivateServer/);
  });

  it("checks symantec.renewalTransactionId: a VICE2 transaction id, named with its fix", () => {
    const given = (renewalTransactionId: string) => {
      const s = symantec();
      s.symantec = { ...s.symantec, renewalTransactionId };
      return failuresOf(s);
    };
    expect(given("6b671d141321a8d743ab5616051d4ed")).to.deep.equal([]);
    for (const bad of ["", "two words", "x".repeat(33)]) {
      const [failure] = given(bad);
      expect(failure.property).to.equal("symantec.renewalTransactionId");
      expect(failure.reason).to.match(/1 to 32 characters, no spaces\) as the VICE2 console shows it/);
    }
  });

  it("does not parse a CSR or PEM again that is unchanged since the inputs accepted before", () => {
    // Text that would fail to parse shows whether it was parsed: accepted before, it is not again.
    const garbled =
      "-----BEGIN CERTIFICATE REQUEST-----\n" + "A".repeat(80) + "\n-----END CERTIFICATE REQUEST-----";
    const accepted = symantec();
    accepted.symantec = { ...accepted.symantec!, csr: garbled };
    const same = symantec();
    same.symantec = { ...same.symantec!, csr: garbled };
    expect(validateInputs(same, noAmbient, accepted)).to.deep.equal([]);
    expect(propertiesOf(same)).to.include("symantec.csr");
    // A changed value, or the same text under another property, is parsed.
    const changed = symantec();
    changed.symantec = { ...changed.symantec!, csr: garbled + "\n" };
    expect(validateInputs(changed, noAmbient, accepted).map((f) => f.property)).to.include("symantec.csr");
    const moved = symantec();
    moved.symantec = { ...moved.symantec!, originalCertificate: garbled };
    expect(validateInputs(moved, noAmbient, accepted).map((f) => f.property)).to.include(
      "symantec.originalCertificate",
    );
  });

  it("requires an expiry source for Symantec", () => {
    const s = symantec();
    delete s.symantec!.originalCertificate;
    expect(failuresOf(s)[0]).to.deep.include({ property: "notAfter" });
    expect(failuresOf({ ...s, notAfter: "2027-01-01T00:00:00Z" })).to.deep.equal([]);
  });

  it("checks ResellerClub enums and attributes", () => {
    const rc = {
      certificateId: "1",
      lifetimeMonths: 12,
      resellerclub: {
        authUserId: 1,
        apiKey: "k",
        api: "ssl",
        invoiceOption: "Free",
        additionalLicenses: -1,
        attributes: { org_name: 5 },
      },
    } as unknown as CertificateInputs;
    expect(propertiesOf(rc)).to.deep.equal([
      "resellerclub.api",
      "resellerclub.invoiceOption",
      "resellerclub.additionalLicenses",
      "resellerclub.attributes",
    ]);
  });

  it("tolerates unknown values during preview", () => {
    const preview = {
      certificateId: UNKNOWN,
      lifetimeMonths: UNKNOWN,
      renewBeforeDays: UNKNOWN,
      autodns: { user: UNKNOWN, password: UNKNOWN, context: UNKNOWN, csr: UNKNOWN },
    } as unknown as CertificateInputs;
    expect(failuresOf(preview)).to.deep.equal([]);
  });
});
