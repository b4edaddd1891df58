// The Symantec VICE2 client against the sandbox's HTTPS routes (TLS client certificate from the
// sandbox CA): renew, pickup, renewal chains, and every rule as a typed error with its code.
import { expect } from "chai";
import { X509Certificate } from "node:crypto";
import { SANDBOX_SEED, Sandbox, createCsr } from "../../sandbox";
import { sandboxClients } from "../../sandbox/sdkClients";
import { AuthenticationError, NotFoundError, VendorError, VendorRuleError } from "../../sdk/common/errors";
import { SYMANTEC_CODES, SymantecClient, SymantecRenewRequest } from "../../sdk/symantec";
import { SYMANTEC_WIRE } from "../../sandbox/symantec/validation";
import { rejection } from "../support/fixtures";
import { sandboxServerRenewal } from "../support/symantecRequests";
import { sandboxPerSuite } from "../support/sandboxSuite";

const START = "2030-01-15T12:00:00.000Z";
const [SERVER_TX, PRIVATE_TX] = SANDBOX_SEED.symantec.transactions;

/** The vendor's code, and its text (0x6000 adds which parameter after a colon). */
function expectCode(error: VendorError, code: keyof typeof SYMANTEC_WIRE, detail?: string): void {
  expect(error.vendor).to.equal("symantec");
  expect(error.vendorCode).to.equal(code);
  expect(error.vendorText).to.equal(detail ? `${SYMANTEC_WIRE[code]}: ${detail}` : SYMANTEC_WIRE[code]);
}

describe("Symantec VICE2 client against the sandbox", () => {
  let sandbox: Sandbox;
  let client: SymantecClient;
  let csr: string;
  let request: SymantecRenewRequest;

  sandboxPerSuite({ now: START }, (s) => {
    sandbox = s;
    client = sandboxClients(s).symantec;
  });
  before(async () => {
    csr = await createCsr("www.example.net", ["mail.example.net"]);
  });
  beforeEach(async () => {
    request = sandboxServerRenewal(csr);
  });

  it("renews and returns a 32-hex transaction id with the new certificate at once", async () => {
    const result = await client.renew({ ...request, subjectAlternativeNames: ["mail.example.net"] });
    expect(result).to.include({ statusCode: "0x00", message: "success" });
    expect(result.transactionId).to.match(/^[0-9a-f]{32}$/);
    const cert = new X509Certificate(result.certificatePem!);
    expect(cert.checkIssued(new X509Certificate(sandbox.caCertificate))).to.equal(true);
    // One year from the old expiry (2030-02-04) was asked; DigiCert cuts a public certificate to
    // one day under the CA/B schedule at its issue date (47 days from 2029-03-15): 46 days from now.
    // It used to be 2031-02-04.
    expect(new Date(cert.validTo).toISOString().slice(0, 10)).to.equal("2030-03-02");
    expect(cert.subjectAltName).to.contain("mail.example.net");
    expect(sandbox.admin.renewalCount("symantec", SERVER_TX.id)).to.equal(1);
  });

  it("picks up the certificate of a transaction", async () => {
    const { transactionId, certificatePem } = await client.renew(request);
    const picked = await client.pickup(transactionId!);
    expect(picked).to.include({ statusCode: "0x00", transactionId, certificatePem });
  });

  it("renews a renewal with its transaction id and new challenge, counting the whole chain", async () => {
    const first = await client.renew(request);
    const second = await client.renew({
      ...request,
      originalTransactionId: first.transactionId,
      originalChallenge: "next-challenge",
      challenge: "third-challenge",
    });
    expect(second.transactionId).to.not.equal(first.transactionId);
    // A renewal of a renewal is cut the same way (it used to reach 2032).
    expect(new Date(new X509Certificate(second.certificatePem!).validTo).toISOString().slice(0, 10)).to.equal(
      "2030-03-02",
    );
    expect(sandbox.admin.renewalCount("symantec", SERVER_TX.id)).to.equal(2);
  });

  it("finds the original by its certificate instead of its transaction id", async () => {
    const original = sandbox.admin.certificate("symantec", SERVER_TX.id)!.pem;
    const result = await client.renew({
      ...request,
      originalTransactionId: undefined,
      originalCertificate: original,
    });
    expect(result.transactionId).to.match(/^[0-9a-f]{32}$/);
  });

  it("without auto-approval returns no certificate until the admin approves", async () => {
    sandbox.admin.setSymantecAutoApprove(false);
    const { transactionId, certificatePem } = await client.renew(request);
    expect(certificatePem).to.equal(undefined);
    expect((await client.pickup(transactionId!)).certificatePem).to.equal(undefined);
    await sandbox.admin.approve(transactionId!);
    expect((await client.pickup(transactionId!)).certificatePem).to.contain("BEGIN CERTIFICATE");
  });

  it("refuses a wrong original challenge with 0x3069", async () => {
    const error = await rejection(client.renew({ ...request, originalChallenge: "wrong" }), VendorRuleError);
    expectCode(error, SYMANTEC_CODES.challengeMismatch);
    expect(sandbox.admin.renewalCount("symantec", SERVER_TX.id)).to.equal(0);
  });

  it("reports an unknown original transaction as NotFoundError 0x3301 on renew, and 0x6000 'invalid transaction id' on pickup", async () => {
    const unknown = "0".repeat(32);
    expectCode(
      await rejection(client.renew({ ...request, originalTransactionId: unknown }), NotFoundError),
      SYMANTEC_CODES.badTransaction,
    );
    expectCode(
      await rejection(client.pickup(unknown), VendorRuleError),
      SYMANTEC_CODES.parameter,
      "invalid transaction id",
    );
  });

  it("refuses 3Y for a public server certificate with 0x4828 and accepts it for PrivateServer", async () => {
    const error = await rejection(client.renew({ ...request, validityPeriod: "3Y" }), VendorRuleError);
    expectCode(error, SYMANTEC_CODES.maxTwoYears);
    const privateRenewal = await client.renew({
      ...request,
      validityPeriod: "3Y",
      certProductType: "PrivateServer",
      originalTransactionId: PRIVATE_TX.id,
      originalChallenge: PRIVATE_TX.challenge,
    });
    expect(new X509Certificate(privateRenewal.certificatePem!).validTo).to.contain("2033");
  });

  it("refuses more than 100 SANs with 0x6000 naming subject_alt_names", async () => {
    const sans = Array.from({ length: 101 }, (_, i) => `san${i}.example.net`);
    const error = await rejection(
      client.renew({ ...request, subjectAlternativeNames: sans }),
      VendorRuleError,
    );
    expectCode(error, SYMANTEC_CODES.parameter, "more than 100 subject_alt_names");
  });

  it("refuses a request without a required field with 0x6000 naming the field", async () => {
    const error = await rejection(client.renew({ ...request, lastName: "" }), VendorRuleError);
    expectCode(error, SYMANTEC_CODES.parameter, "lastName is missing");
  });

  it("refuses an unparsable CSR with 0x9511 (corrupted CSR)", async () => {
    const error = await rejection(client.renew({ ...request, csr: "MIIB-not-a-csr" }), VendorRuleError);
    expectCode(error, SYMANTEC_CODES.corruptedCsr);
  });

  it("refuses a specific end date beyond two years with 0x0143", async () => {
    const error = await rejection(
      client.renew({ ...request, specificEndDate: "01/15/2035" }),
      VendorRuleError,
    );
    expectCode(error, SYMANTEC_CODES.endDate);
  });

  it("refuses a sandbox-issued but unregistered client certificate with 0x3101 (missing admin role)", async () => {
    const stranger = await sandbox.admin.issueClientCertificate({ registered: false });
    const other = sandboxClients(sandbox, {
      symantec: { clientCertificate: stranger.certificate, clientKey: stranger.key },
    }).symantec;
    const error = await rejection(other.renew(request), AuthenticationError);
    expectCode(error, SYMANTEC_CODES.missingAdminRole);
    expect(sandbox.admin.renewalCount("symantec", SERVER_TX.id)).to.equal(0);
  });
});
