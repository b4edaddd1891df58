// VICE2 answers as the public sources show them (../shared/reference VENDOR-FIDELITY §3, F10/F11):
// the documented "Pending" codes are a held renewal, a PKCS#7 <Certificate> is split into leaf and
// chain, and Transaction_ID is the id. Each of these failed before the vendor-contract fixes.
import { expect } from "chai";
import { X509Certificate } from "node:crypto";
import {
  SYMANTEC_CODE_TABLE,
  SymantecClient,
  isSymantecPendingCode,
  readVice2Certificate,
} from "../../../sdk/symantec";
import { noSleep, useFixtureReplay } from "../../support/fixtureReplay";
import { loadFixture } from "../../support/fixtures";
import { SEED_RENEWAL } from "../../support/symantecRequests";

describe("Symantec/DigiCert VICE2 contract as published", () => {
  // Over http:// the client certificate and key are never read.
  const keys = { clientCertificate: "unused for http", clientKey: "unused for http" };
  const { replay, clientFor } = useFixtureReplay(
    (url) => new SymantecClient({ endpoint: `${url}/vswebservices/rest/services`, ...keys, sleep: noSleep }),
  );

  it("a renew answered 0xa00e 'Pending. (Insufficient number of tokens.)' is a held renewal with its Transaction_ID, not a refusal", async () => {
    const { result } = await replay("symantec", "renew-pending-0xa00e", (c) => c.renew(SEED_RENEWAL));
    expect(result).to.deep.equal({
      statusCode: "0xa00e",
      message: "Pending. (Insufficient number of tokens.)",
      transactionId: "5c1e9d2b7a3f40e68b0d4f2a9c7e1b35",
      pending: true,
    });
  });

  it("a pickup answered with an <Error> 0x8134 'Pending. (Domain failed CAA validation.)' is still pending", async () => {
    const { result } = await replay("symantec", "pickup-pending-0x8134", (c) =>
      c.pickup("5c1e9d2b7a3f40e68b0d4f2a9c7e1b35"),
    );
    expect(result).to.include({ statusCode: "0x8134", pending: true });
    expect(result.certificatePem).to.equal(undefined);
  });

  it("a PKCS#7 <Certificate> (DigiCert's approve sample form, serverType Microsoft) yields the leaf PEM and the chain PEM", async () => {
    const { fx, result } = await replay("symantec", "pickup-pkcs7-microsoft", (c) =>
      c.pickup("98345f3ebc1ba8d743ab5616051d4ff3"),
    );
    expect(result.transactionId).to.equal("98345f3ebc1ba8d743ab5616051d4ff3");
    expect(result.certificateFormat).to.equal("pkcs7");
    expect(result.certificatePem).to.equal(fx.file("leaf.pem"));
    expect(result.chainPem).to.equal(fx.file("chain.pem"));
    const leaf = new X509Certificate(result.certificatePem!);
    expect(new Date(leaf.validTo).toISOString()).to.equal("2027-06-08T23:59:59.000Z");
    expect(leaf.checkIssued(new X509Certificate(result.chainPem!))).to.equal(true);
  });

  it("a plain PEM <Certificate> is handed on unchanged, without a chain", () => {
    const fx = loadFixture("symantec", "pickup-pkcs7-microsoft");
    const leaf = fx.file("leaf.pem");
    expect(readVice2Certificate(leaf, "pickup", "")).to.deep.equal({ certificatePem: leaf, format: "x509" });
  });

  it("F11: a success answer under an xmlns:tns prefix (go-vice's getTokenCount sample) reads as 0x00 without a certificate", async () => {
    const client = await clientFor(loadFixture("symantec", "token-count-f11").reply);
    const result = await client.pickup("98345f3ebc1ba8d743ab5616051d4ff3");
    expect(result).to.deep.equal({
      statusCode: "0x00",
      message: "success",
      transactionId: undefined,
      certificatePem: undefined,
    });
  });

  it("classifies the real codes: 0xa00e and 0x8134 pending, 0x3101 authentication, 0x3301 not found, 0x4101 server, case-insensitively", () => {
    expect(isSymantecPendingCode("0xa00e")).to.equal(true);
    expect(isSymantecPendingCode("0xA00E")).to.equal(true);
    expect(isSymantecPendingCode("0x8134")).to.equal(true);
    expect(isSymantecPendingCode("0x3301")).to.equal(false);
    expect(SYMANTEC_CODE_TABLE["0x3101"].class).to.equal("authentication");
    expect(SYMANTEC_CODE_TABLE["0x3301"].class).to.equal("notFound");
    expect(SYMANTEC_CODE_TABLE["0x4101"].class).to.equal("server");
    expect(SYMANTEC_CODE_TABLE["0x3069"].meaning).to.equal("Challenge phrase mismatch");
    // What to change for a code is the provider's advice now (test/unit/provider/errorAdvice.test.ts).
    expect(SYMANTEC_CODE_TABLE["0x3069"].fix).to.equal(undefined);
    // The invented codes of earlier versions are gone.
    expect(Object.keys(SYMANTEC_CODE_TABLE).filter((c) => /^0x010\d$/.test(c))).to.deep.equal([]);
  });
});
