// check's strict side: unknown fields refused by name with the closest known one, numeric strings
// refused saying a string arrived, nested failures that show the value given (credentials masked),
// and credentials returned marked secret.
import { expect } from "chai";
import { withSecretCredentials } from "../../../provider/credentials";
import { CertificateInputs, ProviderInputs } from "../../../provider/inputs";
import { closestName, KNOWN_FIELDS } from "../../../provider/knownFields";
import { check } from "../../../provider/lifecycle";
import { UNKNOWN } from "../../../provider/unknowns";
import { validateInputs } from "../../../provider/validation";
import { makeCertificate } from "../../support/pki";

const autodns = (extra: Record<string, unknown> = {}, top: Record<string, unknown> = {}) =>
  ({
    certificateId: "100",
    lifetimeMonths: 12,
    ...top,
    autodns: { user: "u", password: "p", context: 4, ...extra },
  }) as unknown as CertificateInputs;

function reasons(inputs: CertificateInputs): Record<string, string> {
  return Object.fromEntries(validateInputs(inputs, () => false).map((f) => [f.property, f.reason]));
}

describe("check: strict inputs", () => {
  it("refuses a misspelled top-level input by name and suggests the known one", () => {
    const r = reasons(autodns({}, { renewBeforeDay: 10 }));
    expect(r["renewBeforeDay (not an input)"]).to.match(
      /^renewBeforeDay is not an input of RenewedCertificate: did you mean renewBeforeDays\?/,
    );
  });

  it("refuses misspelled fields inside vendor blocks and the authentication block", () => {
    const r = reasons(
      autodns({ pasword: "p", protcol: "xml", authentication: { method: "DNS", provisionin: true } }),
    );
    expect(r["autodns.pasword"]).to.match(/not an input of the autodns block: did you mean password\?/);
    expect(r["autodns.protcol"]).to.match(/did you mean protocol\?/);
    expect(r["autodns.authentication.provisionin"]).to.match(/did you mean provisioning\?/);
    const rc = reasons({
      certificateId: "1",
      lifetimeMonths: 12,
      resellerclub: { authUserId: 1, apiKey: "k", apikey: "k" },
    } as unknown as CertificateInputs);
    expect(rc["resellerclub.apikey"]).to.match(/did you mean apiKey\?/);
  });

  it("lists the known names when nothing is close, and ignores unset extras", () => {
    const r = reasons(autodns({ colour: "blue", unsetThing: undefined }, { jobId: null }));
    expect(r["autodns.colour"]).to.match(/remove it \(known: protocol, endpoint, user, password/);
    expect(Object.keys(r)).to.deep.equal(["autodns.colour"]);
    expect(closestName("xyz", KNOWN_FIELDS[""])).to.equal(undefined);
  });

  it("refuses numeric strings saying a string was given", () => {
    const r = reasons(autodns({}, { lifetimeMonths: "12", renewBeforeDays: "30", waitTimeoutSeconds: "5" }));
    expect(r.lifetimeMonths).to.equal(
      'lifetimeMonths must be a number, but the string "12" was given: pass a number (config.requireNumber("…") or Number(…) for a config value)',
    );
    expect(r.renewBeforeDays).to.match(/the string "30" was given/);
    expect(r.waitTimeoutSeconds).to.match(/the string "5" was given/);
    expect(reasons(autodns({}, { lifetimeMonths: "twelve" })).lifetimeMonths).to.equal(
      "lifetimeMonths must be a whole number of months, e.g. 12",
    );
  });

  it("shows the value of a nested property, masks credentials and says a certificate is not a request", async () => {
    const cert = await makeCertificate("shop.example.com", new Date("2027-01-01T00:00:00Z"));
    const r = reasons(autodns({ csr: cert, endpoint: "api.autodns.com/v1" }));
    expect(r["autodns.csr"]).to.match(
      /it is a CERTIFICATE \(BEGIN CERTIFICATE\), not a certificate request: .*\(was a CERTIFICATE PEM block of \d+ characters\)$/,
    );
    expect(r["autodns.endpoint"]).to.equal(
      'autodns.endpoint must be an http(s) URL (was "api.autodns.com/v1")',
    );
    const garbage = reasons(
      autodns({ csr: "-----BEGIN CERTIFICATE REQUEST-----\nnope\n-----END CERTIFICATE REQUEST-----" }),
    );
    expect(garbage["autodns.csr"]).to.match(
      /its BEGIN CERTIFICATE REQUEST block does not hold a valid PKCS#10 request/,
    );
    const sym = reasons({
      certificateId: "t",
      lifetimeMonths: 12,
      notAfter: "2027-01-01T00:00:00Z",
      symantec: { challenge: "c".repeat(40), originalChallenge: "o" },
    } as unknown as CertificateInputs);
    expect(sym["symantec.challenge"]).to.equal(
      "symantec.challenge must be at most 32 characters (was [secret])",
    );
  });

  it("check sees every field the engine sent (not only the known ones) but the serialized provider", async () => {
    const news = { ...autodns({}, { renewBeforeDay: 10 }), __provider: "exports.handler = …" };
    const { failures, inputs } = await check({} as ProviderInputs, news as unknown as ProviderInputs);
    expect(failures.map((f) => f.property)).to.deep.equal(["renewBeforeDay (not an input)"]);
    expect((inputs.autodns as Record<string, unknown>).password).to.have.property("value", "p");
  });

  it("returns every credential marked secret, leaving other fields and marked values alone", () => {
    const marked = { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value: "x" };
    const out = withSecretCredentials({
      certificateId: "1",
      autodns: { user: "u", password: "p" },
      symantec: { clientKey: "k", challenge: marked },
      resellerclub: { apiKey: UNKNOWN },
    });
    expect(out.resellerclub).to.deep.equal({ apiKey: UNKNOWN });
    expect(out.autodns).to.deep.equal({ user: "u", password: { ...marked, value: "p" } });
    expect(out.symantec).to.deep.equal({ clientKey: { ...marked, value: "k" }, challenge: marked });
    expect(out.certificateId).to.equal("1");
  });
});
