// RenewedCertificateProvider driven directly (no engine) against the sandbox, for all four APIs.
import { expect } from "chai";
import { RenewedCertificateProvider } from "../../provider/provider";
import { CLOCK_ENV } from "../../provider/clock";
import type { ProviderInputs, ProviderOutputs } from "../../provider/inputs";
import { startSandbox, Sandbox, SandboxVendor } from "../../sandbox";
import { makeCsr } from "../support/pki";
import { autodnsProviderInputs } from "../support/providerInputs";

const DAY = 86_400_000;
type Props = ProviderInputs;

interface Api {
  name: string;
  vendor: SandboxVendor;
  idKey: "jobId" | "transactionId";
  /** Renewals stay pending until the sandbox job completes. */
  async: boolean;
  seed(s: Sandbox, days: number): Promise<string>;
  inputs(s: Sandbox, id: string): Promise<Props>;
}

const APIS: Api[] = [
  ...(["json", "xml"] as const).map((protocol): Api => ({
    name: `AutoDNS ${protocol}`,
    vendor: "autodns",
    idKey: "jobId",
    async: true,
    seed: async (s, days) =>
      (await s.admin.seedCertificate({ vendor: "autodns", notAfter: inDays(s, days) })).id,
    inputs: async (s, id) => autodnsProviderInputs(s, protocol, id),
  })),
  {
    name: "Symantec",
    vendor: "symantec",
    idKey: "transactionId",
    async: false,
    seed: async (s, days) =>
      (
        await s.admin.seedCertificate({
          vendor: "symantec",
          notAfter: inDays(s, days),
          challenge: "old-challenge",
        })
      ).id,
    inputs: async (s, id) => ({
      certificateId: id,
      lifetimeMonths: 12,
      symantec: {
        endpoint: s.urls.symantec,
        ...s.credentials.symantec,
        firstName: "John",
        lastName: "Doe",
        email: "johndoe@aaa.com",
        csr: await makeCsr("www.example.net"),
        certProductType: "Server",
        serverType: "Apache",
        originalCertificate: s.admin.certificate("symantec", id)!.pem,
        originalChallenge: "old-challenge",
        challenge: "new-challenge",
      },
    }),
  },
  {
    name: "ResellerClub",
    vendor: "resellerclub",
    idKey: "jobId",
    async: true,
    seed: async (s, days) =>
      (await s.admin.seedCertificate({ vendor: "resellerclub", notAfter: inDays(s, days), api: "sslcert" }))
        .id,
    inputs: async (s, id) => ({
      certificateId: id,
      lifetimeMonths: 12,
      resellerclub: { endpoint: s.urls.resellerclub, api: "sslcert", ...s.credentials.resellerclub },
    }),
  },
];

function inDays(s: Sandbox, days: number): string {
  return new Date(s.admin.clock.now().getTime() + days * DAY).toISOString();
}

describe("RenewedCertificateProvider against the sandbox", function () {
  this.timeout(60_000);
  let sandbox: Sandbox;
  const provider = new RenewedCertificateProvider();
  const pin = () => (process.env[CLOCK_ENV] = sandbox.admin.clock.now().toISOString());

  before(async () => {
    sandbox = await startSandbox({ jobCompletion: {} });
  });
  after(async () => {
    delete process.env[CLOCK_ENV];
    await sandbox.close();
  });
  beforeEach(() => pin());

  for (const api of APIS) {
    describe(api.name, () => {
      const count = (id: string) => sandbox.admin.renewalCount(api.vendor, id);
      async function completeJobs() {
        for (const j of sandbox.admin.jobs({ vendor: api.vendor })) {
          if (j.state === "running" || j.state === "pending") await sandbox.admin.completeJob(j.id);
        }
      }

      it("adopts a certificate that is not due without renewing it", async () => {
        const id = await api.seed(sandbox, 60);
        const { id: rid, outs } = await provider.create(await api.inputs(sandbox, id));
        expect(rid).to.contain(id);
        expect(outs.renewalStatus).to.equal("none");
        expect(outs.renewalDue).to.equal(false);
        expect(Date.parse(outs.notAfter!)).to.be.closeTo(
          Date.parse(sandbox.admin.certificate(api.vendor, id)!.notAfter),
          1000,
        );
        expect(count(id)).to.equal(0);
      });

      it("adopts a due certificate without renewing it; the next diff plans the renewal and update submits it once", async () => {
        const id = await api.seed(sandbox, 20);
        const inputs = await api.inputs(sandbox, id);
        const { id: rid, outs } = await provider.create(inputs);
        expect(count(id)).to.equal(0);
        expect(outs.renewalStatus).to.equal("none");
        expect(outs.renewalDue).to.equal(true);
        expect(outs.renewalReason).to.match(/inside the 30-day renewal window/);
        expect((await provider.diff(rid, outs, inputs)).changes).to.equal(true);
        const renewed = (await provider.update(rid, outs, inputs)).outs!;
        expect(count(id)).to.equal(1);
        expect(renewed[api.idKey]).to.be.a("string").and.not.equal("");
        expect(renewed.renewalCount).to.equal(1);
      });

      it("plans a renewal in diff once due, renews once in update, then records completion", async () => {
        const id = await api.seed(sandbox, 60);
        const inputs = await api.inputs(sandbox, id);
        const created = await provider.create(inputs);
        expect((await provider.diff(created.id, created.outs, inputs)).changes).to.equal(false);
        sandbox.admin.clock.advance({ days: 35 });
        pin();
        const d = await provider.diff(created.id, created.outs, inputs);
        expect(d.changes).to.equal(true);
        expect(d.replaces ?? []).to.deep.equal([]);
        expect(count(id)).to.equal(0);
        const first = await provider.update(created.id, created.outs, inputs);
        expect(count(id)).to.equal(1);
        const outs1 = first.outs!;
        expect(outs1[api.idKey]).to.be.a("string").and.not.equal("");
        if (api.async) {
          expect(outs1.renewalStatus).to.equal("pending");
          const again = await provider.update(created.id, outs1, inputs);
          expect(count(id)).to.equal(1);
          expect(again.outs!.renewalStatus).to.equal("pending");
          await completeJobs();
          expect((await provider.diff(created.id, outs1, inputs)).changes).to.equal(true);
        }
        const done = api.async ? (await provider.update(created.id, outs1, inputs)).outs! : outs1;
        expect(done.renewalStatus).to.equal("succeeded");
        // The paid term moved by the lifetime. AutoDNS reports it apart (`payable`) and cuts the
        // certificate to the CA/B schedule (≤ 200 days); VICE2 has no term, so its certificate is
        // the term and is cut to 199 days. (Before the schedule, notAfter moved by 300+ days.)
        expect(Date.parse(done.coverageEndsAt!)).to.be.greaterThan(
          Date.parse(created.outs.notAfter!) + (api.vendor === "symantec" ? 0 : 300) * DAY,
        );
        expect(Date.parse(done.notAfter!)).to.be.greaterThan(Date.parse(created.outs.notAfter!));
        expect(count(id)).to.equal(1);
        expect((await provider.diff(created.id, done, inputs)).changes).to.equal(false);
      });

      it("renews once for a lifetime change and once for a renewalTrigger change", async () => {
        const id = await api.seed(sandbox, 60);
        const inputs = await api.inputs(sandbox, id);
        const created = await provider.create(inputs);
        const longer = { ...inputs, lifetimeMonths: 24 };
        expect((await provider.diff(created.id, created.outs, longer)).changes).to.equal(true);
        const r1 = (await provider.update(created.id, created.outs, longer)).outs!;
        expect(count(id)).to.equal(1);
        expect(r1.renewalReason).to.equal("lifetimeMonths changed from 12 to 24");
        await completeJobs();
        const settled = api.async ? (await provider.update(created.id, r1, longer)).outs! : r1;
        // The first renewal moved the term; AutoDNS renews only inside 90 days of its end.
        sandbox.admin.clock.set(new Date(Date.parse(settled.coverageEndsAt!) - 60 * DAY));
        pin();
        const triggered = { ...longer, renewalTrigger: "rotate" };
        const r2 = (await provider.update(created.id, settled, triggered)).outs!;
        expect(count(id)).to.equal(2);
        expect(r2.renewalReason).to.equal('renewalTrigger changed from "" to "rotate"');
      });

      it("replaces only for a different certificateId", async () => {
        const id = await api.seed(sandbox, 60);
        const inputs = await api.inputs(sandbox, id);
        const created = await provider.create(inputs);
        const d = await provider.diff(created.id, created.outs, { ...inputs, certificateId: "999" });
        expect(d.replaces).to.deep.equal(["certificateId"]);
      });
    });
  }

  describe("exactly once across lost state and failures", () => {
    /**
     * Adopts and updates `api`'s certificate 20 days before expiry, then adopts and updates it
     * again as a second stack (or lost state) would; counts the vendor's renewals after each.
     */
    async function updateTwice(api: Api) {
      const id = await api.seed(sandbox, 20);
      const inputs = await api.inputs(sandbox, id);
      const adopted = await provider.create(inputs);
      const first = (await provider.update(adopted.id, adopted.outs, inputs)).outs!;
      const renewalsAfterFirst = sandbox.admin.renewalCount(api.vendor, id);
      const again = await provider.create(inputs);
      const second = (await provider.update(again.id, again.outs, inputs)).outs!;
      return { first, second, renewalsAfterFirst, renewals: sandbox.admin.renewalCount(api.vendor, id) };
    }

    it("AutoDNS JSON: follows a renew job already pending at the vendor instead of renewing again", async () => {
      const { first, second, renewalsAfterFirst, renewals } = await updateTwice(APIS[0]);
      expect(renewalsAfterFirst).to.equal(1);
      // The second update finds the pending job.
      expect(renewals).to.equal(1);
      expect(second.jobId).to.equal(first.jobId);
      expect(second.renewalReason).to.match(/already pending at the vendor/);
    });

    it("ResellerClub: follows an action already pending on the order", async () => {
      const { first, second, renewals } = await updateTwice(APIS[3]);
      expect(renewals).to.equal(1);
      expect(second.jobId).to.equal(first.jobId);
    });

    it("keeps the accepted job id when following the job fails afterwards", async () => {
      const api = APIS[0];
      const id = await api.seed(sandbox, 20);
      const inputs = { ...(await api.inputs(sandbox, id)), waitTimeoutSeconds: 1 };
      // Polls ask the shared running-jobs list first (after the pending-renewal search, which
      // passes), then the job alone: both fail.
      sandbox.admin.injectFault({
        route: "autodns.json.jobSearch",
        kind: "status",
        skip: 1,
        times: "always",
      });
      sandbox.admin.injectFault({
        route: "autodns.json.jobInfo",
        kind: "status",
        status: 503,
        times: "always",
      });
      const adopted = await provider.create(inputs);
      try {
        await provider.update(adopted.id, adopted.outs, inputs);
        expect.fail("update should fail");
      } catch (e) {
        const err = e as Error & { id?: string; properties?: ProviderOutputs };
        expect(err.message).to.match(/was accepted but could not be followed/);
        expect(err.id).to.contain(id);
        expect(err.properties?.jobId).to.be.a("string").and.not.equal("");
        expect(err.properties?.renewalStatus).to.equal("pending");
      } finally {
        sandbox.admin.clearFaults();
      }
      expect(sandbox.admin.renewalCount("autodns", id)).to.equal(1);
    });
  });

  describe("Symantec: a renewal whose answer was lost, handed in by its transaction id", () => {
    /** Adopts a due Symantec certificate and updates it while the sandbox drops the renew answer. */
    async function lostAnswer() {
      const api = APIS[2];
      const id = await api.seed(sandbox, 20);
      const inputs = await api.inputs(sandbox, id);
      const adopted = await provider.create(inputs);
      sandbox.admin.injectFault({ route: "symantec.renew", kind: "acceptThenDrop" });
      let failed: Error & { properties?: ProviderOutputs };
      try {
        await provider.update(adopted.id, adopted.outs, inputs);
        expect.fail("update should fail");
      } catch (e) {
        failed = e as Error & { properties?: ProviderOutputs };
      } finally {
        sandbox.admin.clearFaults();
      }
      const renewed = sandbox.admin
        .certificates("symantec")
        .find((c) => c.rootTransactionId === id && c.id !== id)!;
      return { id, inputs, adopted, failed, renewed };
    }

    it("the error tells to hand in the transaction id; the next update records and follows it, renewing nothing", async () => {
      const { id, inputs, adopted, failed, renewed } = await lostAnswer();
      expect(failed.message).to.match(/set symantec\.renewalTransactionId to its transaction id/);
      const unknown = failed.properties!;
      expect(unknown.outcomeUnknown).to.equal(true);
      const handedIn = { ...inputs, symantec: { ...inputs.symantec!, renewalTransactionId: renewed.id } };
      const outs = (await provider.update(adopted.id, unknown, handedIn)).outs!;
      expect(outs.transactionId).to.equal(renewed.id);
      expect(outs.renewalStatus).to.equal("succeeded");
      expect(outs.outcomeUnknown).to.equal(false);
      expect(outs.renewalCount).to.equal(1);
      expect(Date.parse(String(outs.notAfter))).to.be.greaterThan(Date.parse(String(unknown.notAfter)));
      expect(outs.renewalReason).to.match(/handed in as symantec\.renewalTransactionId/);
      expect(sandbox.admin.renewalCount("symantec", id)).to.equal(1);
      // Left set, it is ignored from now on: the next update renews nothing and changes nothing.
      const again = (await provider.update(adopted.id, outs, handedIn)).outs!;
      expect(again.transactionId).to.equal(renewed.id);
      expect(sandbox.admin.renewalCount("symantec", id)).to.equal(1);
    });

    it("an id naming an earlier, finished renewal is refused with what to set instead", async () => {
      const { id, inputs, adopted, failed } = await lostAnswer();
      const unknown = { ...failed.properties!, transactionId: "" };
      const stale = { ...inputs, symantec: { ...inputs.symantec!, renewalTransactionId: id } };
      try {
        await provider.update(adopted.id, unknown, stale);
        expect.fail("update should fail");
      } catch (e) {
        expect((e as Error).message).to.match(
          new RegExp(
            `renewalTransactionId ${id} names a renewal whose certificate expires .* set it to that renewal's transaction id`,
          ),
        );
      }
      expect(sandbox.admin.renewalCount("symantec", id)).to.equal(1);
    });
  });

  describe("vendor refusals carry the vendor's code and text", () => {
    it("AutoDNS EF4001012 outside the 90-day window", async () => {
      const id = await APIS[0].seed(sandbox, 200);
      const inputs = await APIS[0].inputs(sandbox, id);
      const created = await provider.create(inputs);
      const err = await provider
        .update(created.id, created.outs, { ...inputs, renewalTrigger: "now" })
        .catch((e: Error) => e);
      expect((err as Error).message).to.match(/renewal is possible only from 90 days before expiry/);
      expect((err as Error).message).to.contain("EF4001012");
      const props = (err as { properties?: ProviderOutputs }).properties!;
      expect(props.renewalStatus).to.equal("failed");
      expect(props.lastError).to.contain("EF4001012");
    });

    /** The error of the renewal an update submits for a certificate due in 20 days, with `spoil` applied. */
    async function renewalRefusal(api: Api, spoil: (inputs: Props) => void): Promise<Error> {
      const id = await api.seed(sandbox, 20);
      const inputs = await api.inputs(sandbox, id);
      spoil(inputs);
      const adopted = await provider.create(inputs);
      return provider.update(adopted.id, adopted.outs, inputs).then(
        () => expect.fail("the update should fail"),
        (e: Error) => e,
      );
    }

    it("AutoDNS XML EF4001006 for an invalid admin contact", async () => {
      const err = await renewalRefusal(APIS[1], (inputs) => (inputs.autodns!.adminContactId = "999"));
      expect(err.message).to.contain("EF4001006");
      expect(err.message).to.match(/set autodns.adminContactId/);
    });

    it("Symantec challenge mismatch (0x3069)", async () => {
      const err = await renewalRefusal(APIS[2], (inputs) => (inputs.symantec!.originalChallenge = "wrong"));
      expect(err.message).to.contain("0x3069");
      expect(err.message).to.match(/originalChallenge/);
    });

    it("ResellerClub bad credentials", async () => {
      const id = await APIS[3].seed(sandbox, 60);
      const inputs = await APIS[3].inputs(sandbox, id);
      inputs.resellerclub!.apiKey = "wrong-key";
      const err = await provider.create(inputs).catch((e: Error) => e);
      expect((err as Error).message).to.match(/ResellerClub refused the credentials/);
      expect((err as Error).message).not.to.contain("wrong-key");
    });
  });
});
