// The sandbox's VICE2 routes as strict as the vendor's publications: `Transaction_ID`, an end date
// strictly under two years, PKCS#7 for serverType Microsoft, 0xa00e for a renewal held for tokens,
// and 0x6000 for parameters or operations the vendor does not know.
import { expect } from "chai";
import * as https from "node:https";
import { X509Certificate } from "node:crypto";
import { SANDBOX_SEED, Sandbox, createCsr, startSandbox } from "../../sandbox";
import { sandboxClients } from "../../sandbox/sdkClients";
import { VendorRuleError } from "../../sdk/common/errors";
import { SymantecClient, SymantecRenewRequest, symantecRenewForm } from "../../sdk/symantec";
import { answerOf } from "../support/answerOf";
import { rejection } from "../support/fixtures";
import { sandboxServerRenewal } from "../support/symantecRequests";

const START = "2030-01-15T12:00:00.000Z";
const [SERVER_TX] = SANDBOX_SEED.symantec.transactions;

interface Answer {
  status: number;
  body: string;
}

/** A raw request with the registered demo client certificate, to see the wire form itself. */
function raw(sandbox: Sandbox, method: string, path: string, form?: URLSearchParams): Promise<Answer> {
  const { clientCertificate, clientKey } = sandbox.credentials.symantec;
  return new Promise((resolve, reject) => {
    const req = https.request(
      new URL(`${sandbox.urls.symantec}/${path}`),
      {
        method,
        ca: sandbox.caCertificate,
        cert: clientCertificate,
        key: clientKey,
        agent: false,
        headers: form ? { "content-type": "application/x-www-form-urlencoded" } : {},
      },
      (res) => answerOf(res).then(resolve, reject),
    );
    req.on("error", reject);
    req.end(form?.toString());
  });
}

describe("sandbox VICE2 routes, strict like the vendor", () => {
  let sandbox: Sandbox;
  let client: SymantecClient;
  let request: SymantecRenewRequest;

  before(async () => {
    sandbox = await startSandbox({ now: START });
    client = sandboxClients(sandbox).symantec;
    request = sandboxServerRenewal(await createCsr("www.example.net"));
  });
  beforeEach(async () => {
    await sandbox.admin.reset();
  });
  after(async () => {
    await sandbox.close();
  });

  it("names the new transaction in <Transaction_ID>, the vendor's element", async () => {
    const answer = await raw(sandbox, "POST", "renew", symantecRenewForm(request));
    expect(answer.status).to.equal(200);
    expect(answer.body).to.match(/<Transaction_ID>[0-9a-f]{32}<\/Transaction_ID>/);
    expect(answer.body).not.to.contain("<transaction_id>");
  });

  it("refuses an end date two years ahead with 0x0143 and accepts the day before (strictly under two years)", async () => {
    // Two years from 2030-01-15 is 01/15/2032.
    const error = await rejection(
      client.renew({ ...request, specificEndDate: "01/15/2032" }),
      VendorRuleError,
    );
    expect(error.vendorCode).to.equal("0x0143");
    const accepted = await client.renew({ ...request, specificEndDate: "01/14/2032" });
    // Accepted, and cut to the CA/B schedule at 2030 (46 days at DigiCert); it used to end Jan 14.
    expect(new X509Certificate(accepted.certificatePem!).validTo).to.contain("Mar  2");
  });

  it("refuses a parameter the renew form does not document with 0x6000 naming it, and renews nothing", async () => {
    const form = symantecRenewForm(request);
    form.append("options", "All");
    const answer = await raw(sandbox, "POST", "renew", form);
    expect(answer.body).to.contain("<Error>");
    expect(answer.body).to.contain("<StatusCode>0x6000</StatusCode>");
    expect(answer.body).to.contain("unknown parameter options");
    expect(sandbox.admin.renewalCount("symantec", SERVER_TX.id)).to.equal(0);
  });

  it("answers an operation it does not have with HTTP 404 and an <Error> 0x6000", async () => {
    const answer = await raw(sandbox, "GET", "getTransactionDetails");
    expect(answer.status).to.equal(404);
    expect(answer.body).to.contain("<StatusCode>0x6000</StatusCode>");
  });

  it("hands out a serverType Microsoft certificate as PKCS#7, which the client splits into leaf and chain", async () => {
    const renewal = await client.renew({ ...request, serverType: "Microsoft" });
    const answer = await raw(sandbox, "GET", `pickup?transaction_id=${renewal.transactionId}`);
    // The armour says CERTIFICATE, the content is a PKCS#7 SignedData (OID 1.2.840.113549.1.7.2).
    const armoured = /-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/.exec(answer.body);
    expect(armoured, "a CERTIFICATE block").to.not.equal(null);
    const der = Buffer.from(armoured![1].replace(/\s+/g, ""), "base64");
    expect(der.subarray(4, 15).toString("hex")).to.equal("06092a864886f70d010702");
    expect(renewal.certificateFormat).to.equal("pkcs7");
    const leaf = new X509Certificate(renewal.certificatePem!);
    const stored = sandbox.admin.certificate("symantec", renewal.transactionId!)!;
    expect(new Date(leaf.validTo).getTime()).to.be.closeTo(Date.parse(stored.notAfter), 1000);
    expect(renewal.chainPem).to.equal(sandbox.caCertificate.trim() + "\n");
    expect(leaf.checkIssued(new X509Certificate(renewal.chainPem!))).to.equal(true);
  });

  it("holds a renewal with no tokens left: 0xa00e with its Transaction_ID on renew and pickup, the certificate after approval", async () => {
    sandbox.admin.setSymantecTokens(0);
    const held = await client.renew(request);
    expect(held).to.include({ statusCode: "0xa00e", pending: true });
    expect(held.transactionId).to.match(/^[0-9a-f]{32}$/);
    expect(sandbox.admin.renewalCount("symantec", SERVER_TX.id)).to.equal(1);
    expect(await client.pickup(held.transactionId!)).to.include({ statusCode: "0xa00e", pending: true });
    await sandbox.admin.approve(held.transactionId!);
    const picked = await client.pickup(held.transactionId!);
    expect(picked.statusCode).to.equal("0x00");
    expect(picked.certificatePem).to.contain("BEGIN CERTIFICATE");
  });

  it("uses one token per renewal and holds the renewal after the last one", async () => {
    sandbox.admin.setSymantecTokens(1);
    expect((await client.renew(request)).statusCode).to.equal("0x00");
    const second = await client.renew({ ...request, originalChallenge: SERVER_TX.challenge });
    expect(second.statusCode).to.equal("0xa00e");
  });
});
