// The AutoDNS XML gateway client against the sandbox: tasks 400106, 400104, 400105 and 400114, and the
// vendor rules arriving as typed errors although the gateway answers HTTP 200.
import { expect } from "chai";
import { Sandbox } from "../../sandbox";
import { sandboxClients } from "../../sandbox/sdkClients";
import { AUTODNS_CODES, AUTODNS_TEXTS, AutodnsXmlClient } from "../../sdk/autodns";
import { AuthenticationError, NotFoundError, VendorError, VendorRuleError } from "../../sdk/common/errors";
import { rejection } from "../support/fixtures";
import { sandboxPerSuite } from "../support/sandboxSuite";

const START = "2030-01-15T12:00:00.000Z";
const JOB_SEARCH = "autodns.xml.400115";

function expectGatewayError(error: VendorError, code: string): void {
  expect(error.vendorCode).to.equal(code);
  expect(error.vendorText).to.equal(AUTODNS_TEXTS[code]);
  expect(error.status).to.equal(200);
  expect(error.requestId).to.match(/^\d{8}-app\d-\d+$/);
}

describe("AutoDNS XML gateway client against the sandbox", () => {
  let sandbox: Sandbox;
  let client: AutodnsXmlClient;

  sandboxPerSuite({ now: START, jobCompletion: {} }, (s) => {
    [sandbox, client] = [s, sandboxClients(s).autodnsXml];
  });

  it("renews (400106) and returns the RUNNING job with the ctid echoed", async () => {
    const result = await client.renew("100", { lifetimeMonths: 12, adminContactId: "100" }, "request-100001");
    expect(result).to.include({ jobStatus: "RUNNING", statusCode: "N400106", ctid: "request-100001" });
    expect(result.statusText).to.equal(AUTODNS_TEXTS.N400106);
    expect(result.jobId).to.match(/^\d{10}$/);
    expect(sandbox.admin.renewalCount("autodns", "100")).to.equal(1);
  });

  it("reads a certificate (400104) with expiry, PEM and contacts", async () => {
    const cert = await client.certificateInfo("101");
    expect(cert).to.include({
      id: "101",
      name: "shop.example.com",
      lifetimeMonths: 12,
      adminContactId: "100",
    });
    expect(cert.notAfter).to.equal("2030-03-16T23:59:59.000Z");
    expect(cert.pem).to.equal(sandbox.admin.certificate("autodns", "101")!.pem);
  });

  it("lists certificates by id (400105): the name and expiry asked for, no PEM, unknown ids left out", async () => {
    const listed = await client.certificateSearch(["100", "101", "4711"]);
    expect(listed.map((c) => c.id)).to.deep.equal(["100", "101"]);
    expect(listed[1]).to.include({ name: "shop.example.com", notAfter: "2030-03-16T23:59:59.000Z" });
    expect(listed[1].pem).to.equal(undefined);
    expect(listed[1].coverageEndsAt).to.equal(undefined);
    const [request] = sandbox.admin.requests({ route: "autodns.xml.400105" });
    expect(request.contractViolation).to.equal(undefined);
  });

  it("pages through the account's certificates (400105 without where) with the list's summary", async () => {
    const all = await client.certificatePage({ offset: 0, limit: 1000 });
    const first = await client.certificatePage({ offset: 0, limit: 1 });
    const rest = await client.certificatePage({ offset: 1, limit: 1000 });
    expect(first).to.include({ received: 1, summary: all.summary });
    expect(all.summary).to.equal(all.received).and.to.be.above(1);
    expect([...first.certificates, ...rest.certificates].map((c) => c.id)).to.deep.equal(
      all.certificates.map((c) => c.id),
    );
  });

  it("lists jobs by id (400115 running, 400135 finished)", async () => {
    const { jobId } = await client.renew("100");
    expect((await client.jobsById([jobId, "999999"], false)).map((j) => j.id)).to.deep.equal([jobId]);
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

  it("refuses a certificate list (400105) asking a key the list does not document", async () => {
    const error = await rejection(client.certificateSearch(["100"], ["payable"]), VendorError);
    expect(error.vendorCode).to.equal("EF01000");
    const [request] = sandbox.admin.requests({ route: "autodns.xml.400105" });
    expect(request.contractViolation).to.contain("payable");
  });

  it("reissues inside the paid term (400102): a job with action reissue, found by its own list, the term kept", async () => {
    const ref = { id: "101", name: "shop.example.com" };
    const term = sandbox.admin.certificate("autodns", "101")!.coverageEndsAt;
    const { jobId, statusCode } = await client.reissue("101", { lifetimeMonths: 24 });
    expect(statusCode).to.equal("N400102");
    expect(await client.jobInfo(jobId)).to.include({ id: jobId, status: "RUNNING", action: "reissue" });
    expect((await client.pendingRenewJobs(ref, "reissue")).map((j) => j.id)).to.deep.equal([jobId]);
    expect(await client.pendingRenewJobs(ref)).to.deep.equal([]);
    await sandbox.admin.completeJob(jobId);
    expect((await client.finishedRenewJobs(ref, "reissue")).map((j) => j.id)).to.deep.equal([jobId]);
    const cert = await client.certificateInfo("101");
    expect(cert.coverageEndsAt).to.equal(term);
    expect(cert.lifetimeMonths).to.equal(12);
    expect(sandbox.admin.reissueCount("autodns", "101")).to.equal(1);
  });

  it("reads a job (400114) while it runs, lists it (400115), then finds it only in the history (400135)", async () => {
    const ref = { id: "101", name: "shop.example.com" };
    const { jobId } = await client.renew("101", { lifetimeMonths: 12 });
    expect(await client.jobInfo(jobId)).to.include({ id: jobId, status: "RUNNING", action: "renew" });
    expect((await client.pendingRenewJobs(ref)).map((j) => j.id)).to.deep.equal([jobId]);
    expect(await client.pendingRenewJobs({ id: "100", name: "example.com" })).to.deep.equal([]);
    await sandbox.admin.completeJob(jobId);
    const gone = await rejection(client.jobInfo(jobId), NotFoundError);
    expect(gone.vendorCode).to.equal(AUTODNS_CODES.jobNotFound);
    expect(await client.pendingRenewJobs(ref)).to.deep.equal([]);
    expect((await client.finishedRenewJobs(ref)).map((j) => [j.id, j.status])).to.deep.equal([
      [jobId, "SUCCESS"],
    ]);
    // The term (`payable`) moved by 12 months; the certificate is cut to 47 days (CA/B, 2030).
    const renewed = await client.certificateInfo("101");
    expect(renewed.coverageEndsAt).to.equal("2031-03-16T23:59:59.000Z");
    expect(renewed.notAfter).to.equal("2030-03-02T23:59:59.000Z");
  });

  it("refuses a renewal outside the 90-day window with EF4001012", async () => {
    expectGatewayError(await rejection(client.renew("102"), VendorRuleError), AUTODNS_CODES.renewWindow);
  });

  it("refuses invalid admin and technical contacts with EF4001006 and EF4001010", async () => {
    const admin = await rejection(client.renew("100", { adminContactId: "999" }), VendorRuleError);
    expectGatewayError(admin, AUTODNS_CODES.adminContactInvalid);
    const tech = await rejection(client.renew("100", { technicalContactId: "999" }), VendorRuleError);
    expectGatewayError(tech, AUTODNS_CODES.technicalContactInvalid);
  });

  it("refuses bad credentials with E01003 and a bad context with E01004, on HTTP 200", async () => {
    const { credentials } = sandbox;
    const badUser = sandboxClients(sandbox, {
      autodns: { credentials: { ...credentials.autodns, user: "x" } },
    });
    const e1 = await rejection(badUser.autodnsXml.certificateInfo("100"), AuthenticationError);
    expectGatewayError(e1, AUTODNS_CODES.authentication);
    const badContext = sandboxClients(sandbox, {
      autodns: { credentials: { ...credentials.autodns, context: 9 } },
    });
    const e2 = await rejection(badContext.autodnsXml.renew("100"), AuthenticationError);
    expectGatewayError(e2, AUTODNS_CODES.contextInvalid);
  });

  it("reports unknown certificates and jobs as NotFoundError", async () => {
    expectGatewayError(
      await rejection(client.certificateInfo("4711"), NotFoundError),
      AUTODNS_CODES.certificateNotFound,
    );
    expectGatewayError(await rejection(client.jobInfo("1"), NotFoundError), AUTODNS_CODES.jobNotFound);
  });
});
