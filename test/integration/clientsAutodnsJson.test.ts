// The AutoDNS JSON client against the sandbox: every operation, and every vendor rule arriving
// as the right typed error with the vendor's code and text.
import { expect } from "chai";
import * as http from "node:http";
import { Sandbox, createCsr, startSandbox } from "../../sandbox";
import { sandboxClients } from "../../sandbox/sdkClients";
import { AUTODNS_CODES, AUTODNS_TEXTS, AutodnsJsonClient } from "../../sdk/autodns";
import { AuthenticationError, NotFoundError, VendorError, VendorRuleError } from "../../sdk/common/errors";
import { rejection } from "../support/fixtures";
import { sandboxPerSuite } from "../support/sandboxSuite";

const START = "2030-01-15T12:00:00.000Z";
const JOB_SEARCH = "autodns.json.jobSearch";
const CERT_100 = { id: "100", name: "example.com" };
const CERT_101 = { id: "101", name: "shop.example.com" };

function expectVendorCode(error: VendorError, code: string): void {
  expect(error.vendor).to.equal("autodns");
  expect(error.vendorCode).to.equal(code);
  expect(error.vendorText).to.equal(AUTODNS_TEXTS[code]);
}

describe("AutoDNS JSON client against the sandbox", () => {
  let sandbox: Sandbox;
  let client: AutodnsJsonClient;

  sandboxPerSuite({ now: START, jobCompletion: {} }, (s) => {
    sandbox = s;
    client = sandboxClients(s).autodnsJson;
  });

  it("reads the seeded certificate 100 with its end-of-day expiry and real PEM", async () => {
    const cert = await client.certificateInfo("100");
    expect(cert).to.include({
      id: "100",
      name: "example.com",
      product: "QUICKSSLPREMIUM",
      lifetimeMonths: 12,
    });
    expect(cert).to.include({ adminContactId: "100", technicalContactId: "100" });
    expect(cert.notAfter).to.equal("2030-02-04T23:59:59.000Z");
    expect(cert.pem).to.equal(sandbox.admin.certificate("autodns", "100")!.pem);
  });

  it("renews with an empty body (the seed) and returns the new job id", async () => {
    const result = await client.renew("100");
    expect(result.jobId).to.match(/^\d{10}$/);
    expect(result).to.include({ statusCode: AUTODNS_CODES.renewStarted, statusText: AUTODNS_TEXTS.N400106 });
    expect(result.stid).to.match(/^\d{8}-app\d-\d+$/);
    expect(sandbox.admin.renewalCount("autodns", "100")).to.equal(1);
  });

  it("gives increasing job ids and echoes the ctid", async () => {
    const first = await client.renew("100", {}, "ctid-1");
    const second = await client.renew("101", {}, "ctid-2");
    expect(first.ctid).to.equal("ctid-1");
    expect(second.ctid).to.equal("ctid-2");
    expect(Number(second.jobId)).to.be.greaterThan(Number(first.jobId));
  });

  it("reports the job RUNNING, lists it as pending, and after completion only in the history as SUCCESS", async () => {
    const { jobId } = await client.renew("100");
    expect(await client.jobInfo(jobId)).to.include({
      id: jobId,
      status: "RUNNING",
      action: "renew",
      objectValue: "example.com",
      objectId: "100",
    });
    expect((await client.pendingRenewJobs(CERT_100)).map((j) => j.id)).to.deep.equal([jobId]);
    expect(await client.pendingRenewJobs(CERT_101)).to.deep.equal([]);
    await sandbox.admin.completeJob(jobId);
    // The vendor moves finished jobs to the history: job info answers EF300101.
    const gone = await rejection(client.jobInfo(jobId), NotFoundError);
    expectVendorCode(gone, AUTODNS_CODES.jobNotFound);
    expect((await client.jobHistoryInfo(jobId)).status).to.equal("SUCCESS");
    expect(await client.pendingRenewJobs(CERT_100)).to.deep.equal([]);
    expect((await client.finishedRenewJobs(CERT_100)).map((j) => [j.id, j.status])).to.deep.equal([
      [jobId, "SUCCESS"],
    ]);
  });

  it("re-issues the certificate on success with the requested lifetime from the old expiry", async () => {
    const csr = await createCsr("example.com");
    const { jobId } = await client.renew("100", { lifetimeMonths: 24, csr });
    await sandbox.admin.completeJob(jobId);
    const cert = await client.certificateInfo("100");
    // The paid term (`payable`) moves by the lifetime; the certificate itself is cut to the CA/B
    // schedule at the issue date (47 days from 2029-03-15): it used to run to the term's end.
    expect(cert.coverageEndsAt).to.equal("2032-02-04T23:59:59.000Z");
    expect(cert.notAfter).to.equal("2030-03-02T23:59:59.000Z");
    expect(cert.lifetimeMonths).to.equal(24);
    expect(cert.csr).to.equal(csr);
    expect(cert.pem).to.contain("BEGIN CERTIFICATE");
  });

  it("reissues inside the paid term (400102) without moving the term, and refuses one after it", async () => {
    const renewal = await client.renew("100", { lifetimeMonths: 24 });
    await sandbox.admin.completeJob(renewal.jobId);
    sandbox.admin.clock.set("2030-02-20T12:00:00.000Z");
    const csr = await createCsr("example.com");
    const reissue = await client.reissue("100", { csr, lifetimeMonths: 36 });
    expect(reissue.statusCode).to.equal("N400102");
    expect(await client.jobInfo(reissue.jobId)).to.include({ action: "reissue", status: "RUNNING" });
    await sandbox.admin.completeJob(reissue.jobId);
    const cert = await client.certificateInfo("100");
    expect(cert.coverageEndsAt).to.equal("2032-02-04T23:59:59.000Z");
    expect(cert.notAfter).to.equal("2030-04-07T23:59:59.000Z");
    expect(cert.lifetimeMonths).to.equal(24);
    expect(sandbox.admin.reissueCount("autodns", "100")).to.equal(1);
    expect(sandbox.admin.renewalCount("autodns", "100")).to.equal(1);
    sandbox.admin.clock.set("2032-02-05T00:00:00.000Z");
    const error = await rejection(client.reissue("100"), VendorRuleError);
    expect(error.message).to.contain("EF4001013");
  });

  it("reports a failed job, from the history, as FAILED with the reason", async () => {
    const { jobId } = await client.renew("100");
    await sandbox.admin.failJob(jobId, "DCV_FAILED");
    await rejection(client.jobInfo(jobId), NotFoundError);
    const failed = await client.jobHistoryInfo(jobId);
    expect(failed).to.include({ status: "FAILED", subStatus: "CA_REJECTED" });
    expect(failed.notes).to.deep.equal(["DCV_FAILED"]);
    expect((await client.certificateInfo("100")).notAfter).to.equal("2030-02-04T23:59:59.000Z");
  });

  it("searches certificates by id list, leaving unknown ids out", async () => {
    const found = await client.certificateSearch(["100", "102", "999"]);
    expect(found.map((c) => c.id)).to.deep.equal(["100", "102"]);
    expect(found[1].notAfter).to.equal("2030-11-11T23:59:59.000Z");
  });

  it("pages through the account's certificates in id order with the list's summary", async () => {
    const all = await client.certificatePage({ offset: 0, limit: 1000 });
    const first = await client.certificatePage({ offset: 0, limit: 2 });
    const rest = await client.certificatePage({ offset: first.received, limit: 1000 });
    expect(first).to.include({ received: 2, summary: all.summary });
    expect(all.summary).to.equal(all.received);
    expect([...first.certificates, ...rest.certificates].map((c) => c.id)).to.deep.equal(
      all.certificates.map((c) => c.id),
    );
    for (const request of sandbox.admin.requests({ route: "autodns.json.certificateSearch" })) {
      expect(request.contractViolation).to.equal(undefined);
    }
  });

  it("lists jobs by id: running ones, then, once finished, from the history", async () => {
    const { jobId } = await client.renew("100");
    expect((await client.jobsById([jobId, "999999"], false)).map((j) => [j.id, j.status])).to.deep.equal([
      [jobId, "RUNNING"],
    ]);
    expect(await client.jobsById([jobId], true)).to.deep.equal([]);
    await sandbox.admin.completeJob(jobId);
    expect(await client.jobsById([jobId], false)).to.deep.equal([]);
    expect((await client.jobsById([jobId], true)).map((j) => j.status)).to.deep.equal(["SUCCESS"]);
  });

  it("lists the running jobs of many certificates by name in one search, every name answered", async () => {
    const [renewed, idle] = await Promise.all(
      ["100", "101"].map(async (id) => (await client.certificateInfo(id)).name!),
    );
    const { jobId } = await client.renew("100");
    const before = sandbox.admin.requests({ route: JOB_SEARCH }).length;
    const running = await client.runningJobsOf([renewed, idle]);
    expect(sandbox.admin.requests({ route: JOB_SEARCH })).to.have.length(before + 1);
    expect([...running!].map(([name, jobs]) => [name, jobs.map((j) => j.id)])).to.deep.equal([
      [renewed.toLowerCase(), [jobId]],
      [idle.toLowerCase(), []],
    ]);
    await sandbox.admin.completeJob(jobId);
    expect((await client.runningJobsOf([renewed]))!.get(renewed.toLowerCase())).to.deep.equal([]);
  });

  it("refuses a renewal more than 90 days before expiry with EF4001012", async () => {
    const error = await rejection(client.renew("102"), VendorRuleError);
    expectVendorCode(error, AUTODNS_CODES.renewWindow);
    expect(error.status).to.equal(400);
    expect(sandbox.admin.renewalCount("autodns", "102")).to.equal(0);
  });

  it("accepts the renewal once the sandbox clock reaches the 90-day window", async () => {
    sandbox.admin.clock.set("2030-08-14T00:00:00Z"); // 90 days before 2030-11-11T23:59:59Z has passed
    expect((await client.renew("102")).jobId).to.match(/^\d+$/);
  });

  it("refuses an unknown admin contact with EF4001006", async () => {
    const error = await rejection(client.renew("100", { adminContactId: "999" }), VendorRuleError);
    expectVendorCode(error, AUTODNS_CODES.adminContactInvalid);
  });

  it("refuses an unknown technical contact with EF4001010", async () => {
    const error = await rejection(client.renew("100", { technicalContactId: "998" }), VendorRuleError);
    expectVendorCode(error, AUTODNS_CODES.technicalContactInvalid);
  });

  it("refuses a wrong password with E01003 on HTTP 401", async () => {
    const bad = sandboxClients(sandbox, {
      autodns: { credentials: { ...sandbox.credentials.autodns, password: "wrong" } },
    }).autodnsJson;
    const error = await rejection(bad.certificateInfo("100"), AuthenticationError);
    expectVendorCode(error, AUTODNS_CODES.authentication);
    expect(error.status).to.equal(401);
  });

  it("refuses a wrong context with E01004 on HTTP 401", async () => {
    const bad = sandboxClients(sandbox, {
      autodns: { credentials: { ...sandbox.credentials.autodns, context: 1 } },
    });
    const error = await rejection(bad.autodnsJson.renew("100"), AuthenticationError);
    expectVendorCode(error, AUTODNS_CODES.contextInvalid);
    expect(sandbox.admin.renewalCount("autodns", "100")).to.equal(0);
  });

  it("reports an unknown certificate as NotFoundError EF4001001, for reads and renewals", async () => {
    expectVendorCode(
      await rejection(client.certificateInfo("4711"), NotFoundError),
      AUTODNS_CODES.certificateNotFound,
    );
    expectVendorCode(await rejection(client.renew("4711"), NotFoundError), AUTODNS_CODES.certificateNotFound);
  });

  it("reports an unknown job as NotFoundError EF300101", async () => {
    const error = await rejection(client.jobInfo("1"), NotFoundError);
    expectVendorCode(error, AUTODNS_CODES.jobNotFound);
  });

  it("refuses an unreadable CSR with EF01000", async () => {
    const error = await rejection(client.renew("100", { csr: "not a csr" }), VendorRuleError);
    expectVendorCode(error, AUTODNS_CODES.missingValue);
  });
});

describe("AutoDNS User-Agent requirement (requireUserAgent)", () => {
  let sandbox: Sandbox;

  before(async () => {
    sandbox = await startSandbox({ requireUserAgent: true });
  });
  after(async () => {
    await sandbox.close();
  });

  it("accepts the sdk client, which always sends its User-Agent", async () => {
    expect((await sandboxClients(sandbox).autodnsJson.certificateInfo("100")).id).to.equal("100");
  });

  it("refuses a request without a User-Agent with EF01000 naming the header", async () => {
    const { user, password, context } = sandbox.credentials.autodns;
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request(`${sandbox.urls.autodnsJson}/certificate/100`, {
        auth: `${user}:${password}`,
        headers: { "X-Domainrobot-Context": String(context) },
      });
      req.on("response", (res) => {
        let body = "";
        res.on("data", (chunk: Buffer) => (body += chunk.toString()));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on("error", reject);
      req.end();
    });
    expect(answer.status).to.equal(400);
    const body = JSON.parse(answer.body) as { messages: { code: string; objects: unknown[] }[] };
    expect(body.messages[0].code).to.equal(AUTODNS_CODES.missingValue);
    expect(body.messages[0].objects).to.deep.equal([{ type: "header", value: "User-Agent" }]);
  });
});
