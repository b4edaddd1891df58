// Fault injection: each kind's effect on the wire and on the renewal count (whether the vendor
// acted), route globs, hit counts, and what the sdk clients make of it.
import { expect } from "chai";
import axios, { AxiosRequestConfig } from "axios";
import { SANDBOX_SEED, Sandbox, createCsr, startSandbox } from "../../sandbox";
import { SandboxClients, sandboxClients } from "../../sandbox/sdkClients";
import { ConnectionError, DecodeError, VendorError } from "../../sdk/common/errors";
import { rejection } from "../support/fixtures";

describe("sandbox fault injection", () => {
  let sandbox: Sandbox;
  let clients: SandboxClients;
  let raw: AxiosRequestConfig;
  const noSleep = async () => undefined;

  before(async () => {
    sandbox = await startSandbox({ jobCompletion: {} });
    clients = sandboxClients(sandbox, { autodns: { sleep: noSleep }, resellerclub: { sleep: noSleep } });
    const { user, password, context } = sandbox.credentials.autodns;
    raw = {
      auth: { username: user, password },
      headers: { "X-Domainrobot-Context": String(context) },
      responseType: "text",
      transformResponse: (d: string) => d,
      validateStatus: () => true,
    };
  });
  beforeEach(async () => {
    await sandbox.admin.reset();
  });
  after(async () => {
    await sandbox.close();
  });

  it("status: answers an HTML error page without acting, once", async () => {
    sandbox.admin.injectFault({ route: "autodns.json.renew", kind: "status", status: 502 });
    const first = await axios.put(`${sandbox.urls.autodnsJson}/certificate/100/_renew`, "", raw);
    expect(first.status).to.equal(502);
    expect(first.headers["content-type"]).to.match(/^text\/html/);
    expect(sandbox.admin.renewalCount("autodns", "100")).to.equal(0);
    expect((await axios.put(`${sandbox.urls.autodnsJson}/certificate/100/_renew`, "", raw)).status).to.equal(
      200,
    );
    expect(
      sandbox.admin.requests({ route: "autodns.json.renew" }).map((r) => [r.status, r.fault]),
    ).to.deep.equal([
      [502, "status"],
      [200, undefined],
    ]);
  });

  it("status: a read retried by the client succeeds", async () => {
    sandbox.admin.injectFault({ route: "autodns.json.certificateInfo", kind: "status", status: 503 });
    expect((await clients.autodnsJson.certificateInfo("100")).id).to.equal("100");
    expect(
      sandbox.admin.requests({ route: "autodns.json.certificateInfo" }).map((r) => r.status),
    ).to.deep.equal([503, 200]);
  });

  it("rateLimit: 429 with Retry-After, which the client honours even for a renewal", async () => {
    sandbox.admin.injectFault({ route: "autodns.json.renew", kind: "rateLimit", retryAfterSeconds: 7 });
    const limited = await axios.put(`${sandbox.urls.autodnsJson}/certificate/100/_renew`, "", raw);
    expect(limited.status).to.equal(429);
    expect(limited.headers["retry-after"]).to.equal("7");
    sandbox.admin.injectFault({ route: "autodns.json.renew", kind: "rateLimit" });
    await clients.autodnsJson.renew("100");
    expect(sandbox.admin.renewalCount("autodns", "100")).to.equal(1);
  });

  it("delay: answers normally after the delay", async () => {
    sandbox.admin.injectFault({ route: "resellerclub.details", kind: "delay", delayMs: 120 });
    const started = Date.now();
    const order = await clients.resellerclub.orderDetails(
      SANDBOX_SEED.resellerclub.orders[0].id,
      "digitalcertificate",
    );
    expect(Date.now() - started).to.be.at.least(100);
    expect(order.currentStatus).to.equal("Active");
  });

  it("reset: destroys the socket before acting", async () => {
    sandbox.admin.injectFault({ route: "autodns.json.renew", kind: "reset" });
    const error = await rejection(clients.autodnsJson.renew("100"), ConnectionError);
    expect(error.requestSent).to.equal(true);
    expect(sandbox.admin.renewalCount("autodns", "100")).to.equal(0);
    expect(sandbox.admin.requests({ route: "autodns.json.renew" })[0]).to.include({
      status: 0,
      fault: "reset",
    });
  });

  it("acceptThenDrop: performs the renewal, then destroys the socket; the job is there to be found", async () => {
    sandbox.admin.injectFault({ route: "autodns.json.renew", kind: "acceptThenDrop" });
    await rejection(clients.autodnsJson.renew("100"), ConnectionError);
    expect(sandbox.admin.renewalCount("autodns", "100")).to.equal(1);
    expect(await clients.autodnsJson.pendingRenewJobs({ id: "100", name: "example.com" })).to.have.length(1);
  });

  it("acceptThenDrop on Symantec: the transaction exists although the client saw no answer", async () => {
    sandbox.admin.injectFault({ route: "symantec.renew", kind: "acceptThenDrop" });
    const tx = SANDBOX_SEED.symantec.transactions[0];
    const request = {
      ...SANDBOX_SEED.symantec.subscriber,
      csr: await createCsr(tx.commonName),
      certProductType: "Server",
      serverType: "Apache",
      validityPeriod: "1Y",
      originalTransactionId: tx.id,
      originalChallenge: tx.challenge,
      challenge: "next",
    };
    await rejection(clients.symantec.renew(request), ConnectionError);
    expect(sandbox.admin.renewalCount("symantec", tx.id)).to.equal(1);
  });

  it("malformed: a garbage body, without acting", async () => {
    sandbox.admin.injectFault({ route: "autodns.xml.400106", kind: "malformed" });
    await rejection(clients.autodnsXml.renew("100"), DecodeError);
    expect(sandbox.admin.renewalCount("autodns", "100")).to.equal(0);
  });

  it("truncated: half the real body, after acting", async () => {
    sandbox.admin.injectFault({ route: "autodns.json.renew", kind: "truncated" });
    const res = await axios.put(`${sandbox.urls.autodnsJson}/certificate/100/_renew`, "", raw);
    expect(res.status).to.equal(200);
    expect(() => JSON.parse(res.data as string)).to.throw(SyntaxError);
    sandbox.admin.injectFault({ route: "autodns.json.renew", kind: "truncated" });
    await rejection(clients.autodnsJson.renew("101"), DecodeError);
    expect(sandbox.admin.renewalCount("autodns", "100")).to.equal(1);
    expect(sandbox.admin.renewalCount("autodns", "101")).to.equal(1);
  });

  it("hits routes by prefix glob for the given number of times, or always until cleared", async () => {
    sandbox.admin.injectFault({ route: "autodns.xml.*", kind: "status", times: 2 });
    const status = () =>
      clients.autodnsXml.certificateInfo("100").then(
        () => 200,
        (e: VendorError) => e.status,
      );
    sandbox.admin.injectFault({ route: "resellerclub.*", kind: "status", times: "always" });
    expect(sandbox.admin.faults().map((f) => f.remaining)).to.deep.equal([2, "always"]);
    expect(await status()).to.equal(200); // the client retried through both hits
    expect(sandbox.admin.requests({ route: "autodns.xml.400104" }).map((r) => r.status)).to.deep.equal([
      503, 503, 200,
    ]);
    const order = SANDBOX_SEED.resellerclub.orders[0].id;
    await rejection(clients.resellerclub.orderDetails(order, "digitalcertificate"), VendorError);
    sandbox.admin.clearFaults();
    expect((await clients.resellerclub.orderDetails(order, "digitalcertificate")).orderId).to.equal(order);
  });

  it("refuses a fault it cannot apply", () => {
    expect(() =>
      sandbox.admin.injectFault({ route: "autodns.json.renew", kind: "explode" as "reset" }),
    ).to.throw(RangeError);
    expect(() => sandbox.admin.injectFault({ route: "", kind: "reset" })).to.throw(RangeError);
    expect(() => sandbox.admin.injectFault({ route: "*", kind: "status", status: 200 })).to.throw(RangeError);
  });
});
