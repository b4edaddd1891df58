// The sandbox clock, automatic job completion (by sandbox seconds or by polls), seeding and reset.
import { expect } from "chai";
import { X509Certificate } from "node:crypto";
import { once } from "node:events";
import { SANDBOX_SEED, Sandbox, SandboxJob, startSandbox } from "../../sandbox";
import { sandboxClients } from "../../sandbox/sdkClients";
import { NotFoundError } from "../../sdk/common/errors";
import { rejection } from "../support/fixtures";

const START = "2030-01-15T12:00:00.000Z";

describe("sandbox clock and job completion", () => {
  const open: Sandbox[] = [];
  const start = async (options: Parameters<typeof startSandbox>[0]) => {
    const sandbox = await startSandbox(options);
    open.push(sandbox);
    return sandbox;
  };
  afterEach(async () => {
    await Promise.all(open.splice(0).map((s) => s.close()));
  });

  it("starts at the `now` option, keeps running, and can be set and advanced", async () => {
    const sandbox = await start({ now: START });
    const { clock } = sandbox.admin;
    expect(clock.now().getTime() - Date.parse(START)).to.be.within(0, 5000);
    expect(clock.set("2031-06-01T00:00:00Z").toISOString()).to.match(/^2031-06-01T00:00:0/);
    const advanced = clock.advance({ days: 1, hours: 2, minutes: 3, seconds: 4 });
    expect(advanced.getTime() - Date.parse("2031-06-02T02:03:04Z")).to.be.within(0, 5000);
    expect(() => clock.set("yesterday")).to.throw(RangeError);
  });

  it("finishes a RUNNING job after 300 sandbox seconds by default and re-issues the certificate", async () => {
    const sandbox = await start({ now: START });
    const client = sandboxClients(sandbox).autodnsJson;
    const { jobId } = await client.renew("100");
    sandbox.admin.clock.advance({ seconds: 290 });
    expect((await client.jobInfo(jobId)).status).to.equal("RUNNING");
    sandbox.admin.clock.advance({ seconds: 20 });
    // Finished, so (as at AutoDNS) it has left job info for the job history.
    await rejection(client.jobInfo(jobId), NotFoundError);
    expect((await client.jobHistoryInfo(jobId)).status).to.equal("SUCCESS");
    const cert = await client.certificateInfo("100");
    // The term moved a year; the certificate is cut to 47 days (CA/B at 2030; it was 2031-02-04).
    expect(cert.coverageEndsAt).to.equal("2031-02-04T23:59:59.000Z");
    expect(cert.notAfter).to.equal("2030-03-02T23:59:59.000Z");
    expect(new Date(new X509Certificate(cert.pem!).validTo).toISOString()).to.equal(cert.notAfter);
  });

  it("shows clock-completed jobs in admin reads without any vendor request", async () => {
    const sandbox = await start({ now: START, jobCompletion: { afterSeconds: 60 } });
    const { jobId } = await sandboxClients(sandbox).autodnsJson.renew("100");
    sandbox.admin.clock.advance({ minutes: 2 });
    expect(sandbox.admin.job(jobId)).to.include({ state: "succeeded", vendorStatus: "SUCCESS" });
    expect(sandbox.admin.certificate("autodns", "100")).to.include({
      coverageEndsAt: "2031-02-04T23:59:59.000Z",
      notAfter: "2030-03-02T23:59:59.000Z",
    });
  });

  it("finishes a job at its Nth poll with afterPolls", async () => {
    const sandbox = await start({ now: START, jobCompletion: { afterPolls: 2 } });
    const client = sandboxClients(sandbox).autodnsXml;
    const { jobId } = await client.renew("101");
    expect((await client.jobInfo(jobId)).status).to.equal("RUNNING");
    // The second poll finishes it: the job has moved to the history (EF300101), as at AutoDNS.
    await rejection(client.jobInfo(jobId), NotFoundError);
    expect(sandbox.admin.job(jobId)).to.include({ polls: 2, state: "succeeded" });
    const [finished] = await client.finishedRenewJobs({ id: "101", name: "shop.example.com" });
    expect(finished).to.include({ id: jobId, status: "SUCCESS" });
  });

  it("never finishes pending ResellerClub actions by itself", async () => {
    const sandbox = await start({ now: START, jobCompletion: { afterSeconds: 1, afterPolls: 1 } });
    const client = sandboxClients(sandbox).resellerclub;
    const order = SANDBOX_SEED.resellerclub.orders[1].id;
    const { eaqId } = await client.renewSslCert({ orderId: order, months: 12, invoiceOption: "OnlyAdd" });
    sandbox.admin.clock.advance({ days: 10 });
    expect((await client.currentActions({ eaqIds: [eaqId] }))[0].actionStatus).to.equal(
      "InvoicePaymentPending",
    );
    expect(sandbox.admin.job(eaqId)!.state).to.equal("pending");
  });

  it("with jobCompletion {} finishes jobs only through the admin, announcing each change", async () => {
    const sandbox = await start({ now: START, jobCompletion: {} });
    const { jobId } = await sandboxClients(sandbox).autodnsJson.renew("100");
    sandbox.admin.clock.advance({ days: 400 });
    expect(sandbox.admin.job(jobId)!.state).to.equal("running");
    const announced = once(sandbox.admin.events, "job") as Promise<[SandboxJob]>;
    await sandbox.admin.completeJob(jobId);
    const [job] = await announced;
    expect(job).to.include({ id: jobId, state: "succeeded" });
    let failure: unknown;
    await sandbox.admin.completeJob(jobId).catch((e: unknown) => (failure = e));
    expect(failure).to.be.instanceOf(Error);
  });

  // How fast seeding is belongs to `npm run bench` (it seeds 1000), never to a timed assertion.
  it("seeds many certificates with distinct ids, AutoDNS ones expiring at 23:59:59 UTC", async () => {
    const sandbox = await start({ now: START, seed: false });
    const ids = new Set<string>();
    for (let i = 0; i < 1000; i++) {
      const c = await sandbox.admin.seedCertificate({ vendor: "autodns", notAfter: "2030-03-01T08:00:00Z" });
      ids.add(c.id);
    }
    expect(ids.size).to.equal(1000);
    const seeded = await sandbox.admin.seedCertificate({
      vendor: "autodns",
      id: "7",
      notAfter: "2030-03-01T08:00:00Z",
    });
    expect(seeded.notAfter).to.equal("2030-03-01T23:59:59.000Z");
    expect(new Date(new X509Certificate(seeded.pem).validTo).toISOString()).to.equal(seeded.notAfter);
    const rc = await sandbox.admin.seedCertificate({
      vendor: "resellerclub",
      notAfter: "2030-03-01T08:00:00Z",
      api: "sslcert",
    });
    expect(rc).to.include({ api: "sslcert", notAfter: "2030-03-01T08:00:00.000Z" });
    const sym = await sandbox.admin.seedCertificate({
      vendor: "symantec",
      notAfter: "2030-03-01T08:00:00Z",
      challenge: "c",
    });
    expect(sym.id).to.match(/^[0-9a-f]{32}$/);
    expect(sandbox.admin.certificates("autodns")).to.have.length(1001);
  });

  it("resets data, jobs, counts, log and clock to the seeded state", async () => {
    const sandbox = await start({ now: START });
    await sandboxClients(sandbox).autodnsJson.renew("100");
    sandbox.admin.clock.advance({ days: 100 });
    await sandbox.admin.reset();
    expect(sandbox.admin.renewalCount("autodns", "100")).to.equal(0);
    expect(sandbox.admin.jobs()).to.deep.equal([]);
    expect(sandbox.admin.requests()).to.deep.equal([]);
    expect(sandbox.admin.clock.now().getTime() - Date.parse(START)).to.be.within(0, 5000);
    const ids = sandbox.admin.certificates().map((c) => `${c.vendor}:${c.id}`);
    expect(ids).to.include.members([
      "autodns:100",
      "resellerclub:85547813",
      `symantec:${SANDBOX_SEED.symantec.transactions[0].id}`,
    ]);
  });
});
