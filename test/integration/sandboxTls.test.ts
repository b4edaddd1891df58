// The Symantec routes demand a TLS client certificate issued by the sandbox CA and registered
// with the account; everything else is refused before (TLS) or at (0x3101) the application.
import { expect } from "chai";
import * as https from "node:https";
import { SANDBOX_SEED, Sandbox, startSandbox } from "../../sandbox";
import { SandboxCa } from "../../sandbox/ca";
import { sandboxClients } from "../../sandbox/sdkClients";
import { AuthenticationError, ConnectionError } from "../../sdk/common/errors";
import { answerOf } from "../support/answerOf";

interface Answer {
  status: number;
  body: string;
}

function pickup(sandbox: Sandbox, tls: https.RequestOptions): Promise<Answer> {
  const url = new URL(`${sandbox.urls.symantec}/pickup`);
  url.searchParams.set("transaction_id", SANDBOX_SEED.symantec.transactions[0].id);
  return new Promise((resolve, reject) => {
    const req = https.request(url, { ca: sandbox.caCertificate, agent: false, ...tls }, (res) =>
      answerOf(res).then(resolve, reject),
    );
    req.on("error", reject);
    req.end();
  });
}

describe("sandbox Symantec routes and TLS client certificates", () => {
  let sandbox: Sandbox;

  before(async () => {
    sandbox = await startSandbox();
  });
  after(async () => {
    await sandbox.close();
  });

  it("serves a registered client certificate", async () => {
    const { clientCertificate, clientKey } = sandbox.credentials.symantec;
    const answer = await pickup(sandbox, { cert: clientCertificate, key: clientKey });
    expect(answer.status).to.equal(200);
    expect(answer.body).to.contain("<StatusCode>0x00</StatusCode>");
  });

  it("refuses a request without a client certificate during the TLS handshake", async () => {
    const logged = sandbox.admin.requests({ vendor: "symantec" }).length;
    let failure: unknown;
    await pickup(sandbox, {}).catch((e: unknown) => (failure = e));
    expect(failure, "the request must fail").to.be.instanceOf(Error);
    expect(sandbox.admin.requests({ vendor: "symantec" })).to.have.length(logged);
  });

  it("refuses a client certificate from another CA at the TLS layer", async () => {
    const foreign = new SandboxCa().issueClient("Intruder");
    let failure: unknown;
    await pickup(sandbox, { cert: foreign.certificate, key: foreign.key }).catch(
      (e: unknown) => (failure = e),
    );
    expect(failure, "the request must fail").to.be.instanceOf(Error);
  });

  it("answers 0x3101 (missing admin role) to a sandbox-issued client certificate that is not registered", async () => {
    const stranger = await sandbox.admin.issueClientCertificate({
      commonName: "Stranger",
      registered: false,
    });
    const answer = await pickup(sandbox, { cert: stranger.certificate, key: stranger.key });
    expect(answer.body).to.contain("<StatusCode>0x3101</StatusCode>");
    const registered = await sandbox.admin.issueClientCertificate({ commonName: "Second RA" });
    expect((await pickup(sandbox, { cert: registered.certificate, key: registered.key })).body).to.contain(
      "0x00",
    );
  });

  it("makes the sdk client report a missing client certificate as an AuthenticationError", async () => {
    const client = sandboxClients(sandbox, {
      symantec: { clientCertificate: "", clientKey: "", maxRetries: 0 },
    }).symantec;
    let failure: unknown;
    await client.pickup(SANDBOX_SEED.symantec.transactions[0].id).catch((e: unknown) => (failure = e));
    expect(failure).to.be.instanceOf(AuthenticationError);
    expect((failure as Error).message).to.contain("CERTIFICATE_REQUIRED");
  });

  it("drops the connection of a client certificate from another CA (node sends no TLS alert)", async () => {
    const foreign = new SandboxCa().issueClient("Intruder");
    const client = sandboxClients(sandbox, {
      symantec: { clientCertificate: foreign.certificate, clientKey: foreign.key, maxRetries: 0 },
    }).symantec;
    let failure: unknown;
    await client.pickup(SANDBOX_SEED.symantec.transactions[0].id).catch((e: unknown) => (failure = e));
    expect(failure).to.be.instanceOf(ConnectionError).with.property("code", "ECONNRESET");
  });

  it("does not serve plain HTTP on the Symantec port", async () => {
    const logged = sandbox.admin.requests({ vendor: "symantec" }).length;
    const plain = sandbox.urls.symantec.replace("https:", "http:");
    const status = await fetch(`${plain}/pickup`).then(
      (r) => r.status,
      () => 0,
    );
    // Node's TLS server answers a plain-HTTP request with 400 or drops it; either way no VICE2 route runs.
    expect([0, 400]).to.include(status);
    expect(sandbox.admin.requests({ vendor: "symantec" })).to.have.length(logged);
  });
});
