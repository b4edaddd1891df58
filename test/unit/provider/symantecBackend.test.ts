// The VICE2 adapter over a throwaway server on port 0: what a "Pending" code and a PKCS#7
// certificate become for the provider.
import { expect } from "chai";
import { SymantecBackend } from "../../../provider/backends/symantecBackend";
import { FixtureServer, Reply, startFixtureServer } from "../../support/fixtureServer";
import { loadFixture } from "../../support/fixtures";

const CONTEXT = { certificateId: "6b671d141321a8d743ab5616051d4ec", lifetimeMonths: 12 };

describe("SymantecBackend", () => {
  let server: FixtureServer | undefined;

  async function backendFor(reply: Reply) {
    server = await startFixtureServer(reply);
    return new SymantecBackend(
      {
        endpoint: `${server.url}/vswebservices/rest/services`,
        clientCertificate: "unused for http",
        clientKey: "unused for http",
        firstName: "John",
        lastName: "Doe",
        email: "johndoe@aaa.com",
        csr: "MIIBszCCARwCAQAwczELMAkGA1UEBhMCREUx",
        certProductType: "Server",
        serverType: "Microsoft",
        originalChallenge: "old",
        challenge: "new",
      },
      { sleep: async () => {} },
    );
  }

  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it("a renewal held with 0xa00e is pending under its transaction id (followed, not refused)", async () => {
    const backend = await backendFor(loadFixture("symantec", "renew-pending-0xa00e").reply);
    const progress = await backend.renew(CONTEXT);
    expect(progress).to.deep.include({
      status: "pending",
      vendorStatus: "0xa00e",
      transactionId: "5c1e9d2b7a3f40e68b0d4f2a9c7e1b35",
    });
    expect(progress.certificatePem).to.equal(undefined);
  });

  it("a Pending code without a transaction id ends failed with an unknown outcome (never resubmitted)", async () => {
    const backend = await backendFor({
      status: 200,
      headers: { "content-type": "text/xml" },
      body: "<Response><StatusCode>0x8134</StatusCode><Message>Pending. (Domain failed CAA validation.)</Message></Response>",
    });
    const progress = await backend.renew(CONTEXT);
    expect(progress).to.include({ status: "failed", vendorStatus: "0x8134", outcomeUnknown: true });
    expect(progress.failureReason).to.match(/Domain failed CAA validation.*no transaction id/);
  });

  it("a PKCS#7 pickup becomes a success with the leaf's expiry, the leaf PEM and the chain PEM", async () => {
    const fx = loadFixture("symantec", "pickup-pkcs7-microsoft");
    const backend = await backendFor(fx.reply);
    const progress = await backend.poll({ transactionId: "98345f3ebc1ba8d743ab5616051d4ff3" });
    expect(progress).to.deep.include({
      status: "succeeded",
      vendorStatus: "0x00",
      notAfter: "2027-06-08T23:59:59.000Z",
      certificatePem: fx.file("leaf.pem"),
      certificateChainPem: fx.file("chain.pem"),
    });
  });
});
