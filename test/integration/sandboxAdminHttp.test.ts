// The admin API over HTTP (`/_sandbox/...`), for processes that cannot hold the in-process handle.
import { expect } from "chai";
import axios, { AxiosInstance } from "axios";
import {
  SANDBOX_ROUTES,
  SANDBOX_SEED,
  Sandbox,
  SandboxCertificate,
  SandboxJob,
  SandboxRequest,
  startSandbox,
} from "../../sandbox";
import { sandboxClients } from "../../sandbox/sdkClients";

describe("sandbox admin API over HTTP", () => {
  let sandbox: Sandbox;
  let admin: AxiosInstance;

  before(async () => {
    sandbox = await startSandbox({ now: "2030-01-15T12:00:00.000Z", jobCompletion: {} });
    admin = axios.create({ baseURL: `${sandbox.urls.admin}/`, validateStatus: () => true });
  });
  beforeEach(async () => {
    expect((await admin.post("reset")).status).to.equal(200);
  });
  after(async () => {
    await sandbox.close();
  });

  it("describes itself: URLs, credentials, routes and the seed", async () => {
    const { data } = await admin.get("");
    expect(data.urls).to.deep.equal(sandbox.urls);
    expect(data.credentials.autodns).to.deep.equal(SANDBOX_SEED.credentials.autodns);
    expect(data.routes).to.deep.equal([...SANDBOX_ROUTES]);
    expect(data.seed.autodns.certificates[0].id).to.equal("100");
  });

  it("reads, sets and advances the clock", async () => {
    expect((await admin.get("clock")).data.now).to.match(/^2030-01-15T12:00/);
    expect((await admin.post("clock", { now: "2030-05-01T00:00:00Z" })).data.now).to.match(
      /^2030-05-01T00:00:0/,
    );
    expect((await admin.post("clock", { advance: { days: 2 } })).data.now).to.match(/^2030-05-03T00:00:0/);
    expect(sandbox.admin.clock.now().toISOString()).to.match(/^2030-05-03/);
  });

  it("seeds and reads certificates", async () => {
    const created = await admin.post<SandboxCertificate>("certificates", {
      vendor: "resellerclub",
      notAfter: "2030-04-01T00:00:00Z",
      api: "sslcert",
    });
    expect(created.status).to.equal(201);
    const read = await admin.get<SandboxCertificate>(`certificates/resellerclub/${created.data.id}`);
    expect(read.data).to.deep.equal(created.data);
    expect((await admin.get("certificates/autodns/4711")).status).to.equal(404);
    expect((await admin.get("certificates", { params: { vendor: "symantec" } })).data).to.have.length(2);
    expect((await admin.post("certificates", { vendor: "nobody", notAfter: "2030-01-01" })).status).to.equal(
      400,
    );
  });

  it("lists, completes and fails jobs", async () => {
    const client = sandboxClients(sandbox).autodnsJson;
    const { jobId } = await client.renew("100");
    const { jobId: second } = await client.renew("101");
    const jobs = await admin.get<SandboxJob[]>("jobs", {
      params: { vendor: "autodns", certificateId: "100" },
    });
    expect(jobs.data.map((j) => j.id)).to.deep.equal([jobId]);
    expect((await admin.post<SandboxJob>(`jobs/${jobId}/complete`)).data).to.include({
      state: "succeeded",
      vendorStatus: "SUCCESS",
    });
    const failed = await admin.post<SandboxJob>(`jobs/${second}/fail`, {
      reason: "CAA record forbids issuance",
    });
    expect(failed.data).to.include({ state: "failed", reason: "CAA record forbids issuance" });
    expect((await admin.post(`jobs/${second}/complete`)).status).to.equal(400);
    expect((await admin.post("jobs/1/complete")).status).to.equal(404);
  });

  it("injects and clears faults, and shows requests and renewal counts", async () => {
    const fault = await admin.post("faults", {
      route: "autodns.json.certificateInfo",
      kind: "status",
      times: "always",
    });
    expect(fault.data).to.include({ route: "autodns.json.certificateInfo", remaining: "always" });
    expect((await admin.get("faults")).data).to.have.length(1);
    expect((await admin.delete("faults")).data).to.deep.equal([]);
    await sandboxClients(sandbox).autodnsJson.renew("100");
    const requests = await admin.get<SandboxRequest[]>("requests", { params: { certificateId: "100" } });
    expect(requests.data.map((r) => [r.route, r.method, r.path, r.status])).to.deep.equal([
      ["autodns.json.renew", "PUT", "/autodns/v1/certificate/100/_renew", 200],
    ]);
    expect((await admin.get("renewals/autodns/100")).data).to.deep.equal({
      vendor: "autodns",
      id: "100",
      count: 1,
    });
    expect((await admin.post("faults", { route: "x", kind: "nope" })).status).to.equal(400);
  });

  it("sets the ResellerClub balance and Symantec auto-approval, and issues client certificates", async () => {
    expect((await admin.post("balance", { amount: 3.5 })).data).to.deep.equal({ balance: 3.5 });
    expect(sandbox.admin.balance()).to.equal(3.5);
    expect((await admin.post("symantec/auto-approve", { on: false })).data).to.deep.equal({
      autoApprove: false,
    });
    const issued = await admin.post("client-certificates", { commonName: "Another RA", registered: false });
    expect(issued.data).to.include({ registered: false });
    expect(issued.data.certificate).to.contain("BEGIN CERTIFICATE");
  });

  it("answers unknown admin routes with 404", async () => {
    expect((await admin.get("nothing-here")).status).to.equal(404);
  });
});
