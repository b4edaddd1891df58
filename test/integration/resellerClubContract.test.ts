// ResellerClub as its KB publishes it (VENDOR-FIDELITY §4): the sandbox refuses parameters a call
// does not document, `api: "auto"` lets the order's own details decide between sslcert and the
// deprecated digitalcertificate, and an sslcert renewal whose outcome the order's expiry cannot
// prove is reported as unknown and never submitted again.
import { expect } from "chai";
import axios from "axios";
import { RenewedCertificateProvider } from "../../provider/provider";
import { CLOCK_ENV } from "../../provider/clock";
import type { ProviderInputs, ResellerClubInput } from "../../provider/inputs";
import { Sandbox, startSandbox } from "../../sandbox";

const DAY = 86_400_000;

describe("ResellerClub contract as published", function () {
  this.timeout(60_000);
  let sandbox: Sandbox;
  const provider = new RenewedCertificateProvider();
  const pin = () => (process.env[CLOCK_ENV] = sandbox.admin.clock.now().toISOString());
  const inDays = (days: number) => new Date(sandbox.admin.clock.now().getTime() + days * DAY).toISOString();

  async function seed(api: "sslcert" | "digitalcertificate", days: number): Promise<string> {
    return (await sandbox.admin.seedCertificate({ vendor: "resellerclub", notAfter: inDays(days), api })).id;
  }
  function inputs(id: string, extra: ResellerClubInput = {}): ProviderInputs {
    return {
      certificateId: id,
      lifetimeMonths: 12,
      resellerclub: { endpoint: sandbox.urls.resellerclub, ...sandbox.credentials.resellerclub, ...extra },
    };
  }
  const renewPaths = (id: string) =>
    sandbox.admin
      .requests({ vendor: "resellerclub", certificateId: id })
      .filter((r) => r.route === "resellerclub.renew")
      .map((r) => r.path);

  before(async () => {
    sandbox = await startSandbox({ jobCompletion: {} });
  });
  beforeEach(async () => {
    await sandbox.admin.reset();
    pin();
  });
  after(async () => {
    delete process.env[CLOCK_ENV];
    await sandbox.close();
  });

  describe("the sandbox refuses what the vendor documents no use for", () => {
    const get = (path: string, query: string) =>
      axios.get(`${sandbox.urls.resellerclub}/${path}?${query}`, { validateStatus: () => true });
    const login = () => {
      const c = sandbox.credentials.resellerclub;
      return `auth-userid=${c.authUserId}&api-key=${c.apiKey}`;
    };

    it("refuses sslcert/details with the undocumented options=All in the vendor's error envelope", async () => {
      const id = await seed("sslcert", 60);
      const res = await get("sslcert/details.json", `${login()}&order-id=${id}&options=All`);
      expect(res.status).to.equal(500);
      expect(res.data).to.deep.equal({ status: "ERROR", message: "Unsupported parameter: options." });
      const ok = await get("sslcert/details.json", `${login()}&order-id=${id}`);
      expect(ok.status).to.equal(200);
      expect(ok.data.orderid).to.equal(id);
    });

    it("refuses a wrong-typed Integer parameter", async () => {
      const res = await get("sslcert/details.json", `${login()}&order-id=abc`);
      expect(res.status).to.equal(500);
      expect(res.data).to.deep.equal({ status: "ERROR", message: "Invalid order-id." });
    });

    it("refuses an unknown call", async () => {
      const res = await get("sslcert/get-everything.json", login());
      expect(res.status).to.equal(500);
      expect(res.data.status).to.equal("ERROR");
    });
  });

  describe('api "auto" (the default)', () => {
    it("renews a digitalcertificate order through digitalcertificate/renew, found by its own details", async () => {
      const id = await seed("digitalcertificate", 20);
      const props = inputs(id, { attributes: { org_name: "Example Org" } });
      const adopted = await provider.create(props); // adoption never renews
      const { outs } = await provider.update(adopted.id, adopted.outs, props);
      expect(outs!.renewalStatus).to.equal("pending");
      expect(renewPaths(id)).to.deep.equal(["/resellerclub/api/digitalcertificate/renew.json"]);
    });

    it("renews an sslcert order through sslcert/renew", async () => {
      const id = await seed("sslcert", 20);
      const adopted = await provider.create(inputs(id)); // adoption never renews
      const { outs } = await provider.update(adopted.id, adopted.outs, inputs(id));
      expect(outs!.renewalStatus).to.equal("pending");
      expect(renewPaths(id)).to.deep.equal(["/resellerclub/api/sslcert/renew.json"]);
    });

    it("both APIs stay selectable: api digitalcertificate never asks sslcert", async () => {
      const id = await seed("digitalcertificate", 60);
      await provider.create(inputs(id, { api: "digitalcertificate" }));
      const routes = sandbox.admin.requests({ vendor: "resellerclub" }).map((r) => r.path);
      expect(routes).to.deep.equal(["/resellerclub/api/digitalcertificate/details.json"]);
    });
  });

  describe("an sslcert order whose details report no expiry", () => {
    it("ends a renewal that left the action list as unknown, and never submits it again", async () => {
      sandbox.admin.setResellerClubSslcertEndtime(false);
      sandbox.admin.setResellerClubArchivesFinished(true);
      const id = await seed("sslcert", 20);
      const props = { ...inputs(id), notAfter: inDays(20) };
      const adopted = await provider.create(props); // adoption never renews
      const created = {
        id: adopted.id,
        outs: (await provider.update(adopted.id, adopted.outs, props)).outs!,
      };
      expect(created.outs.renewalStatus).to.equal("pending");
      expect(sandbox.admin.renewalCount("resellerclub", id)).to.equal(1);
      for (const job of sandbox.admin.jobs({ vendor: "resellerclub", certificateId: id })) {
        await sandbox.admin.completeJob(job.id);
      }
      const followed = (await provider.update(created.id, created.outs, props)).outs!;
      expect(followed.renewalStatus).to.equal("failed");
      expect(followed.outcomeUnknown).to.equal(true);
      expect(followed.lastError).to.match(/will not be submitted again automatically/);
      // Later runs, even days later, look but never renew again on their own.
      sandbox.admin.clock.advance({ days: 3 });
      pin();
      const later = (await provider.update(created.id, followed, props)).outs!;
      expect(later.outcomeUnknown).to.equal(true);
      expect(later.renewalReason).to.match(/unknown/);
      expect(sandbox.admin.renewalCount("resellerclub", id)).to.equal(1);
      expect(renewPaths(id)).to.have.length(1);
    });
  });
});
