// Every AutoDNS JSON request the provider can send is a documented operation of InterNetX's
// published spec, with a body that validates against the spec's model — and the sandbox refuses,
// with the vendor's envelope, what the spec does not document (the guesses the project used to send).
import { expect } from "chai";
import * as http from "node:http";
import { Sandbox, startSandbox } from "../../sandbox";
import { AUTODNS_OPERATIONS } from "../../sandbox/autodns/contract";
import { sandboxClients } from "../../sandbox/sdkClients";
import { AutodnsBackend } from "../../provider/backends/autodnsBackend";
import { NotFoundError } from "../../sdk/common/errors";
import { rejection } from "../support/fixtures";

const START = "2030-01-15T12:00:00.000Z";

/** Sends one raw request to the sandbox's AutoDNS JSON API. */
function send(
  sandbox: Sandbox,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; json: Record<string, unknown> }> {
  const { user, password, context } = sandbox.credentials.autodns;
  const url = new URL(`${sandbox.urls.autodnsJson}/${path}`);
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method,
        headers: {
          authorization: `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`,
          "x-domainrobot-context": String(context),
          "user-agent": "contract-test",
          ...(payload ? { "content-type": "application/json" } : {}),
        },
      },
      (res) => {
        let text = "";
        res.on("data", (c: Buffer) => (text += c.toString("utf8")));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, json: JSON.parse(text) as Record<string, unknown> }),
        );
      },
    );
    req.on("error", reject);
    req.end(payload);
  });
}

describe("AutoDNS JSON: the published contract", () => {
  let sandbox: Sandbox;

  before(async () => {
    sandbox = await startSandbox({ now: START, jobCompletion: {} });
  });
  beforeEach(async () => {
    await sandbox.admin.reset();
  });
  after(async () => {
    await sandbox.close();
  });

  it("serves exactly the spec's operations the project uses, each with its documented method and path", () => {
    expect(AUTODNS_OPERATIONS.map((o) => `${o.method} ${o.path} ${o.operationId}`).sort()).to.deep.equal([
      "GET /certificate/{id} certificateinfo",
      "GET /job/history/{id} jobHistoryInfo",
      "GET /job/{id} jobInfo",
      "POST /certificate/_search certificateList",
      "POST /job/_search jobList",
      "POST /job/history/_search jobHistoryList",
      "PUT /certificate/{id} certificateReissue",
      "PUT /certificate/{id}/_renew certificateRenew",
    ]);
    const jobList = AUTODNS_OPERATIONS.find((o) => o.operationId === "jobList")!;
    expect(jobList.searchKeys).to.deep.equal([
      "parent",
      "execution",
      "subStatus",
      "type",
      "created",
      "id",
      "updated",
      "status",
      "object",
      "action",
    ]);
  });

  it("every request the provider's AutoDNS JSON adapter and client send is documented and schema-valid", async () => {
    const { autodns } = sandbox.credentials;
    const backend = new AutodnsBackend({
      protocol: "json",
      endpoint: sandbox.urls.autodnsJson,
      user: autodns.user,
      password: autodns.password,
      context: autodns.context,
      product: "QUICKSSLPREMIUM",
      software: "APACHE2",
      name: "example.com",
      adminContactId: "100",
      technicalContactId: "100",
      subjectAlternativeNames: ["www.example.com"],
      authentication: { method: "DNS", dns: "_dnsauth.example.com", provisioning: true },
      requestsPerSecond: 50,
    });
    const client = sandboxClients(sandbox).autodnsJson;
    // Every operation: info, pending search (and the job info that confirms a hit), renew, poll
    // while running, the history once finished, the history search, reissue, and the certificate
    // search.
    await backend.inspect("100");
    expect(await backend.findPendingRenewal("100")).to.equal(undefined);
    const accepted = await backend.renew({ certificateId: "100", lifetimeMonths: 12, ctid: "contract-1" });
    expect(await backend.findPendingRenewal("100", { certificateName: "example.com" })).to.include({
      jobId: accepted.jobId,
      status: "pending",
    });
    expect(await backend.poll({ jobId: accepted.jobId }, "100")).to.include({ status: "pending" });
    await sandbox.admin.failJob(accepted.jobId!, "DCV failed");
    expect(await backend.poll({ jobId: accepted.jobId }, "100")).to.include({ status: "failed" });
    expect(await backend.latestRenewal("100")).to.include({ jobId: accepted.jobId, status: "failed" });
    // The reissue (400102) inside the paid term, and its own pending-job search.
    const reissue = await backend.reissue({ certificateId: "100", lifetimeMonths: 12, ctid: "contract-2" });
    expect(await backend.findPendingRenewal("100", undefined, "reissue")).to.include({
      jobId: reissue.jobId,
      status: "pending",
    });
    await client.certificateSearch(["100", "101"]);

    const log = sandbox.admin.requests({ vendor: "autodns" });
    const routes = new Set(log.map((r) => r.route));
    for (const operation of AUTODNS_OPERATIONS) expect(routes, operation.route).to.include(operation.route);
    expect(log.filter((r) => r.contractViolation)).to.deep.equal([]);
    // The poll after the job finished met EF300101 once and went to the history.
    expect(log.filter((r) => r.route === "autodns.json.jobInfo" && r.status === 404)).to.have.length(1);
  });

  it("refuses the pending-job search the project used to send (objectId, ordering) with EF01000", async () => {
    const old = {
      filters: [
        { key: "action", value: "renew", operator: "EQUAL", link: "AND" },
        { key: "objectId", value: "100", operator: "EQUAL", link: "AND" },
      ],
      orders: [{ key: "created", ordering: "DESC" }],
      view: { limit: 50, offset: 0 },
    };
    const { status, json } = await send(sandbox, "POST", "job/_search", old);
    expect(status).to.equal(400);
    expect(json.status).to.include({ code: "E00000", type: "ERROR" });
    const [message] = json.messages as { code: string; objects: { type: string; value: string }[] }[];
    expect(message.code).to.equal("EF01000");
    expect(message.objects[0].value).to.contain('body.filters[1].key "objectId" is not a documented key');
    expect(message.objects[0].value).to.contain("body.orders[0].ordering is not a property of the model");
    const [logged] = sandbox.admin.requests({ route: "autodns.json.jobSearch" });
    expect(logged.contractViolation).to.contain("objectId");
  });

  it("takes an IN list only as values[] (the form the client sends), and lists only the keys[] asked for", async () => {
    const joined = await send(sandbox, "POST", "certificate/_search", {
      filters: [{ key: "id", value: "100,101", operator: "IN" }],
    });
    expect(joined.status).to.equal(400);
    expect(JSON.stringify(joined.json)).to.contain("body.filters[0].value must be values[] for IN");
    const listed = await send(sandbox, "POST", "certificate/_search?keys[]=expire", {
      filters: [{ key: "id", values: ["100"], operator: "IN" }],
    });
    expect(listed.status).to.equal(200);
    const [item] = listed.json.data as Record<string, unknown>[];
    expect(Object.keys(item).sort()).to.deep.equal(["expire", "id"]);
  });

  it("refuses ids sent as strings, undocumented operators, order types and unknown routes", async () => {
    const stringIds = await send(sandbox, "PUT", "certificate/100/_renew", {
      id: "100",
      adminContact: { id: "100" },
    });
    expect(stringIds.status).to.equal(400);
    expect(JSON.stringify(stringIds.json)).to.contain("body.id must be an integer");
    expect(JSON.stringify(stringIds.json)).to.contain("body.adminContact.id must be an integer");
    expect(sandbox.admin.renewalCount("autodns", "100")).to.equal(0);

    const operator = await send(sandbox, "POST", "job/_search", {
      filters: [{ key: "object", value: "example.com", operator: "MATCHES" }],
    });
    expect(operator.status).to.equal(400);
    expect(JSON.stringify(operator.json)).to.contain("body.filters[0].operator must be one of");

    const orderType = await send(sandbox, "POST", "job/history/_search", {
      orders: [{ key: "created", type: "NEWEST" }],
    });
    expect(orderType.status).to.equal(400);

    const route = await send(sandbox, "GET", "job/100/history");
    expect(route.status).to.equal(404);
    expect(sandbox.admin.requests({ route: "autodns.json.unknown" })[0].contractViolation).to.contain(
      "is not an operation of the AutoDNS JSON API",
    );
    // `GET /job/{id}` with an id that is not an int64 (here the missing history id).
    const nonNumeric = await send(sandbox, "GET", "job/history");
    expect(nonNumeric.status).to.equal(400);
  });

  it("finds jobs with % wildcards and lists finished ones only in the history", async () => {
    const client = sandboxClients(sandbox).autodnsJson;
    const { jobId } = await client.renew("100");
    const like = await send(sandbox, "POST", "job/_search", {
      filters: [{ key: "object", value: "exa%.com", operator: "LIKE" }],
    });
    expect(like.json.status).to.include({ code: "S300115" });
    expect((like.json.data as { job: { id: number } }[]).map((d) => String(d.job.id))).to.deep.equal([jobId]);
    await sandbox.admin.completeJob(jobId);
    await rejection(client.jobInfo(jobId), NotFoundError);
    const running = await send(sandbox, "POST", "job/_search", {});
    expect(running.json.data).to.deep.equal([]);
    const history = await send(sandbox, "GET", `job/history/${jobId}`);
    expect(history.json.status).to.include({ code: "S300134" });
    const [item] = history.json.data as {
      job: { status: string };
      object: { value: string; data: { id: number } };
    }[];
    expect(item.job.status).to.equal("SUCCESS");
    expect(item.object).to.deep.include({ type: "Certificate", value: "example.com", data: { id: 100 } });
  });
});
