// The CA/Browser Forum schedule (ballot SC-081v3) as the sandbox applies it: every certificate it
// issues — seeded, renewed, reissued, by any vendor — is valid for at most 398 days before
// 2026-03-15, 200 from then, 100 from 2027-03-15 and 47 from 2029-03-15.
import { expect } from "chai";
import { X509Certificate } from "node:crypto";
import { SANDBOX_SEED, Sandbox, createCsr } from "../../sandbox";
import { sandboxClients } from "../../sandbox/sdkClients";
import { sandboxPerSuite } from "../support/sandboxSuite";

const DAY = 86_400_000;
const SERVER_TX = SANDBOX_SEED.symantec.transactions[0];

/** The schedule written out once more, independently of sandbox/issuanceSchedule.ts. */
function allowedDays(issued: Date): number {
  const t = issued.getTime();
  if (t >= Date.parse("2029-03-15T00:00:00Z")) return 47;
  if (t >= Date.parse("2027-03-15T00:00:00Z")) return 100;
  if (t >= Date.parse("2026-03-15T00:00:00Z")) return 200;
  return 398;
}

/** Validity of a PEM certificate in days, and its notBefore. */
function validity(pem: string): { days: number; notBefore: Date } {
  const cert = new X509Certificate(pem);
  const notBefore = new Date(cert.validFrom);
  return { days: (Date.parse(cert.validTo) - notBefore.getTime()) / DAY, notBefore };
}

describe("sandbox issuance under the CA/B validity schedule", function () {
  this.timeout(60_000);
  let sandbox: Sandbox;
  let csr: string;
  sandboxPerSuite({ now: "2026-03-10T12:00:00.000Z", jobCompletion: {} }, (s) => (sandbox = s));
  before(async () => {
    csr = await createCsr("www.example.net");
  });

  /** Renews and reissues at AutoDNS, renews at Symantec and ResellerClub: the issued PEMs. */
  async function issueEverywhere(): Promise<string[]> {
    const clients = sandboxClients(sandbox);
    // Seeded now, expiring later than any certificate issued now may: seeded as issued later.
    await sandbox.admin.seedCertificate({
      vendor: "autodns",
      notAfter: new Date(sandbox.admin.clock.now().getTime() + 300 * DAY).toISOString(),
      lifetimeMonths: 24,
    });
    const seeded = sandbox.admin.certificates().map((c) => c.pem);
    const term = new Date(sandbox.admin.clock.now().getTime() + 700 * DAY).toISOString();
    const { id } = await sandbox.admin.seedCertificate({
      vendor: "autodns",
      notAfter: new Date(sandbox.admin.clock.now().getTime() + 20 * DAY).toISOString(),
      coverageEndsAt: term,
    });
    const reissue = await clients.autodnsJson.reissue(id, { csr });
    await sandbox.admin.completeJob(reissue.jobId);
    const renewal = await clients.autodnsJson.renew("100", { lifetimeMonths: 36 });
    await sandbox.admin.completeJob(renewal.jobId);
    const symantec = await clients.symantec.renew({
      ...SANDBOX_SEED.symantec.subscriber,
      csr,
      certProductType: "Server",
      serverType: "Apache",
      validityPeriod: "2Y",
      originalTransactionId: SERVER_TX.id,
      originalChallenge: SERVER_TX.challenge,
      challenge: "next-challenge",
    });
    const { eaqId } = await clients.resellerclub.renewSslCert({
      orderId: SANDBOX_SEED.resellerclub.orders[1].id,
      months: 24,
      invoiceOption: "NoInvoice",
    });
    await sandbox.admin.completeJob(eaqId);
    return [
      ...seeded,
      sandbox.admin.certificate("autodns", id)!.pem,
      sandbox.admin.certificate("autodns", "100")!.pem,
      symantec.certificatePem!,
      sandbox.admin.certificate("resellerclub", SANDBOX_SEED.resellerclub.orders[1].id)!.pem,
    ];
  }

  for (const at of [
    "2026-03-14T12:00:00Z",
    "2026-03-15T00:00:00Z",
    "2027-03-14T23:00:00Z",
    "2027-03-15T00:00:00Z",
    "2029-03-15T00:00:00Z",
  ]) {
    it(`issues nothing longer than the schedule allows on ${at}`, async () => {
      sandbox.admin.clock.set(at);
      await sandbox.admin.reset();
      sandbox.admin.clock.set(at);
      const pems = await issueEverywhere();
      expect(pems.length).to.be.greaterThan(10);
      for (const pem of pems) {
        const { days, notBefore } = validity(pem);
        expect(days, `issued ${notBefore.toISOString()}`).to.be.at.most(allowedDays(notBefore));
      }
    });
  }

  it("keeps certificates issued on or after 2026-03-15 to 200 days, and from 2027-03-15 to 100", async () => {
    for (const [from, limit] of [
      ["2026-03-15", 200],
      ["2027-03-15", 100],
    ] as const) {
      await sandbox.admin.reset();
      sandbox.admin.clock.set(`${from}T00:00:00Z`);
      const issued = (await issueEverywhere()).map(validity).filter((v) => v.notBefore >= new Date(from));
      expect(issued.length, from).to.be.greaterThan(3);
      for (const v of issued) expect(v.days, from).to.be.at.most(limit);
    }
  });
});
