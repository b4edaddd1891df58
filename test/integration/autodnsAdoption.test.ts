// The pending-renewal guard adopts only a renewal of this certificate. AutoDNS's job lists find jobs
// by certificate *name*, and names repeat (two orders for one domain): the provider's AutoDNS
// adapter confirms a hit's certificate id through job info before following it — on both protocols.
import { expect } from "chai";
import { Sandbox, startSandbox } from "../../sandbox";
import { AutodnsBackend } from "../../provider/backends/autodnsBackend";

const START = "2030-01-15T12:00:00.000Z";

for (const protocol of ["json", "xml"] as const) {
  describe(`AutoDNS ${protocol.toUpperCase()} adapter: adopting only this certificate's renewal`, () => {
    let sandbox: Sandbox;
    let twinA: string;
    let twinB: string;

    function backend(): AutodnsBackend {
      const c = sandbox.credentials.autodns;
      return new AutodnsBackend({
        protocol,
        endpoint: protocol === "json" ? sandbox.urls.autodnsJson : sandbox.urls.autodnsXml,
        user: c.user,
        password: c.password,
        context: c.context,
        requestsPerSecond: 50,
      });
    }

    before(async () => {
      sandbox = await startSandbox({ now: START, jobCompletion: {} });
    });
    beforeEach(async () => {
      await sandbox.admin.reset();
      const notAfter = "2030-02-10T00:00:00Z";
      twinA = (
        await sandbox.admin.seedCertificate({ vendor: "autodns", commonName: "twin.example", notAfter })
      ).id;
      twinB = (
        await sandbox.admin.seedCertificate({ vendor: "autodns", commonName: "twin.example", notAfter })
      ).id;
    });
    after(async () => {
      await sandbox.close();
    });

    it("does not adopt the running renewal of another certificate with the same name", async () => {
      const accepted = await backend().renew({ certificateId: twinA, lifetimeMonths: 12 });
      expect(await backend().findPendingRenewal(twinB, { certificateName: "twin.example" })).to.equal(
        undefined,
      );
      expect(await backend().findPendingRenewal(twinA, { certificateName: "twin.example" })).to.include({
        jobId: accepted.jobId,
        status: "pending",
      });
    });

    it("reads the certificate's name from certificate info when state has none, and keeps it", async () => {
      const b = backend();
      const accepted = await b.renew({ certificateId: twinA, lifetimeMonths: 12 });
      expect((await b.inspect(twinA)).certificateName).to.equal("twin.example");
      expect(await b.findPendingRenewal(twinA)).to.include({ jobId: accepted.jobId });
      const searches = sandbox.admin
        .requests({ vendor: "autodns" })
        .filter((r) => r.route.endsWith("jobSearch") || r.route.endsWith("400115"));
      expect(searches).to.have.length(1);
      expect(sandbox.admin.requests({ vendor: "autodns" }).filter((r) => r.contractViolation)).to.deep.equal(
        [],
      );
    });
  });
}
