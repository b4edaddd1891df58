// A refresh of many AutoDNS certificates in one provider process shares certificate lists
// (JSON `POST /certificate/_search`, XML task 400105); a renewal decides on a read sent after its
// update began, shared only with the updates reading at that moment.
import { expect } from "chai";
import { RenewedCertificateProvider } from "../../provider/provider";
import type { ProviderOutputs } from "../../provider/inputs";
import { forgetAccountListings } from "../../provider/backends/accountListing";
import { AUTODNS_ACCOUNT_PAGE_SIZE } from "../../provider/backends/autodnsLists";
import { AUTODNS_CERTIFICATE_PAGE_SIZE } from "../../sdk/autodns/types";
import type { Sandbox } from "../../sandbox";
import { sandboxClients } from "../../sandbox/sdkClients";
import {
  autodnsProviderInputs,
  eachTestAnEngineOperation,
  requestsDuring as requestsDuringRun,
} from "../support/providerInputs";
import { sandboxPerSuite } from "../support/sandboxSuite";

const DAY = 86_400_000;
const ROUTES = {
  json: {
    list: "autodns.json.certificateSearch",
    info: "autodns.json.certificateInfo",
    renew: "autodns.json.renew",
    guard: "autodns.json.jobSearch",
    jobAlone: ["autodns.json.jobInfo", "autodns.json.jobHistoryInfo"],
  },
  xml: {
    list: "autodns.xml.400105",
    info: "autodns.xml.400104",
    renew: "autodns.xml.400106",
    guard: "autodns.xml.400115",
    jobAlone: ["autodns.xml.400114"],
  },
};

for (const protocol of ["json", "xml"] as const) {
  const { list: LIST, info: INFO, renew: RENEW, guard: GUARD, jobAlone: JOB_ALONE } = ROUTES[protocol];

  describe(`AutoDNS ${protocol.toUpperCase()}: coalesced reads across resources`, function () {
    this.timeout(60_000);
    let sandbox: Sandbox;
    const provider = new RenewedCertificateProvider();
    sandboxPerSuite({ jobCompletion: {} }, (s) => (sandbox = s));
    eachTestAnEngineOperation(() => sandbox);

    const inputs = (id: string) => autodnsProviderInputs(sandbox, protocol, id);

    /** Seeds and adopts `n` certificates `days` from expiry; returns their ids and states. */
    async function adopted(
      n: number,
      days: number,
    ): Promise<{ id: string; rid: string; outs: ProviderOutputs }[]> {
      const notAfter = new Date(sandbox.admin.clock.now().getTime() + days * DAY).toISOString();
      const out = [];
      for (let i = 0; i < n; i++) {
        const { id } = await sandbox.admin.seedCertificate({ vendor: "autodns", notAfter });
        const created = await provider.create(inputs(id));
        out.push({ id, rid: created.id, outs: created.outs });
      }
      return out;
    }

    /** The AutoDNS requests made while `run` ran, by route. */
    const requestsDuring = <T>(run: () => Promise<T>) => requestsDuringRun(sandbox, "autodns", run);

    it("refreshes a fleet with one request per page of the account's list and the single reads' answers", async () => {
      const n = 2 * AUTODNS_CERTIFICATE_PAGE_SIZE + 10;
      const fleet = await adopted(n, 60);
      const inAccount = sandbox.admin.certificates("autodns").length;
      const { result, routes } = await requestsDuring(() =>
        Promise.all(fleet.map((c) => provider.read(c.rid, c.outs))),
      );
      expect(routes.filter((r) => r === LIST)).to.have.length(
        Math.ceil(inAccount / AUTODNS_ACCOUNT_PAGE_SIZE),
      );
      expect(routes.filter((r) => r !== LIST)).to.deep.equal([]);
      result.forEach((read, i) => {
        const adoptedOuts = fleet[i].outs;
        expect(read.props!.notAfter, fleet[i].id).to.equal(adoptedOuts.notAfter);
        expect(read.props!.certificatePem).to.equal(adoptedOuts.certificatePem);
        expect(read.props!.coverageEndsAt).to.equal(adoptedOuts.coverageEndsAt);
        expect(read.props!.certificateName).to.equal(adoptedOuts.certificateName);
      });
    });

    it("reads alone a certificate whose listed expiry moved, and records the new expiry and PEM", async () => {
      const [moved, still] = await adopted(2, 60);
      const client = sandboxClients(sandbox).autodnsJson;
      await sandbox.admin.completeJob((await client.renew(moved.id)).jobId);
      const vendor = sandbox.admin.certificate("autodns", moved.id)!;
      const { result, routes } = await requestsDuring(() =>
        Promise.all([moved, still].map((c) => provider.read(c.rid, c.outs))),
      );
      expect(routes.filter((r) => r === LIST)).to.have.length(1);
      expect(routes.filter((r) => r === INFO)).to.have.length(1);
      expect(Date.parse(result[0].props!.notAfter!)).to.equal(Date.parse(vendor.notAfter));
      expect(result[0].props!.notAfter).to.not.equal(moved.outs.notAfter);
      expect(result[0].props!.certificatePem).to.equal(vendor.pem);
      expect(result[1].props!.notAfter).to.equal(still.outs.notAfter);
    });

    it("lists by id when the account's list is refused, and reads alone when that fails too", async () => {
      const fleet = await adopted(3, 60);
      sandbox.admin.injectFault({ route: LIST, kind: "status", status: 400, times: 1 });
      const byId = await requestsDuring(() => Promise.all(fleet.map((c) => provider.read(c.rid, c.outs))));
      expect(byId.routes).to.deep.equal([LIST, LIST]);
      byId.result.forEach((read, i) => expect(read.props!.notAfter).to.equal(fleet[i].outs.notAfter));

      forgetAccountListings(); // the next engine operation
      sandbox.admin.injectFault({ route: LIST, kind: "status", status: 400, times: 2 });
      const { result, routes } = await requestsDuring(() =>
        Promise.all(fleet.map((c) => provider.read(c.rid, c.outs))),
      );
      expect(routes.filter((r) => r === LIST)).to.have.length(2);
      expect(routes.filter((r) => r === INFO)).to.have.length(fleet.length);
      result.forEach((read, i) => expect(read.props!.notAfter).to.equal(fleet[i].outs.notAfter));
    });

    it("reports a certificate gone at the vendor with the single read's NotFound, not a silent list miss", async () => {
      const [gone] = await adopted(1, 60);
      const missing = { ...gone.outs, certificateId: "999999" };
      const { result, routes } = await requestsDuring(() =>
        provider.read(gone.rid, missing).then(
          () => undefined,
          (e: Error) => e,
        ),
      );
      expect(routes).to.deep.equal([LIST, INFO]);
      expect(result?.message).to.match(/EF4001001|not found/i);
    });

    it("decides a renewal on a read sent after the update began, never on the listing a refresh took", async () => {
      const [due] = await adopted(1, 20);
      await provider.read(due.rid, due.outs); // the refresh lists the account, kept for 30 s
      // Renewed by hand after that listing: only a read sent now can know.
      const client = sandboxClients(sandbox).autodnsJson;
      await sandbox.admin.completeJob((await client.renew(due.id)).jobId);
      const { result, routes } = await requestsDuring(() =>
        provider.update(due.rid, due.outs, inputs(due.id)),
      );
      expect(routes[0]).to.equal(LIST);
      expect(routes).to.include(INFO).and.not.include(RENEW);
      expect(Date.parse(result.outs!.notAfter!)).to.equal(
        Date.parse(sandbox.admin.certificate("autodns", due.id)!.notAfter),
      );
      expect(sandbox.admin.renewalCount("autodns", due.id)).to.equal(1);
    });

    it("gives updates running at once one list by id and one search for pending renewals", async () => {
      const due = await adopted(4, 20);
      const { result, routes } = await requestsDuring(() =>
        Promise.all(
          due.map((c) => provider.update(c.rid, c.outs, { ...inputs(c.id), waitTimeoutSeconds: 0 })),
        ),
      );
      // The list and the search go out side by side: neither waits for the other.
      expect(routes.slice(0, routes.indexOf(RENEW))).to.have.members([LIST, GUARD]);
      expect(routes.filter((r) => r === RENEW)).to.have.length(due.length);
      result.forEach((r) => expect(r.outs!.renewalStatus).to.equal("pending"));
      due.forEach((c) => expect(sandbox.admin.renewalCount("autodns", c.id)).to.equal(1));
    });

    it("submits nothing when the read before renewing fails, whatever the search beside it finds", async () => {
      const [due] = await adopted(1, 20);
      sandbox.admin.injectFault({ route: LIST, kind: "status", status: 400, times: 1 });
      sandbox.admin.injectFault({ route: INFO, kind: "status", status: 400, times: 1 });
      // The search went out beside the read; it may answer after the update failed.
      const searched = new Promise<void>((resolve) => {
        const seen = (e: { route?: string }) => {
          if (e.route !== GUARD) return;
          sandbox.admin.events.off("request", seen);
          resolve();
        };
        sandbox.admin.events.on("request", seen);
      });
      const { result, routes } = await requestsDuring(async () => {
        const failed = await provider.update(due.rid, due.outs, inputs(due.id)).then(
          () => undefined,
          (e: Error) => e,
        );
        await searched;
        return failed;
      });
      expect(result?.message).to.match(/could not re-read the expiry .* so no renewal was submitted/);
      expect(routes).to.have.members([LIST, INFO, GUARD]);
      expect(sandbox.admin.renewalCount("autodns", due.id)).to.equal(0);
    });

    it("searches each certificate alone when the shared search is refused, and says so once", async () => {
      const due = await adopted(3, 20);
      // A 4xx: not repeated. It hits the first search, the shared one; the single ones pass.
      sandbox.admin.injectFault({ route: GUARD, kind: "status", status: 400, times: 1 });
      const said: string[] = [];
      const write = process.stdout.write;
      process.stdout.write = ((line: string) => said.push(line) > 0) as typeof process.stdout.write;
      let outcome;
      try {
        outcome = await requestsDuring(() =>
          Promise.all(
            due.map((c) => provider.update(c.rid, c.outs, { ...inputs(c.id), waitTimeoutSeconds: 0 })),
          ),
        );
      } finally {
        process.stdout.write = write;
      }
      const { result, routes } = outcome;
      const before = routes.slice(0, routes.indexOf(RENEW));
      expect(before.filter((r) => r === GUARD)).to.have.length(1 + due.length);
      result.forEach((r) => expect(r.outs!.renewalStatus).to.equal("pending"));
      due.forEach((c) => expect(sandbox.admin.renewalCount("autodns", c.id)).to.equal(1));
      const told = said.filter((l) => l.includes("could not list"));
      expect(told).to.have.length(1);
      expect(told[0]).to.match(/running AutoDNS .* jobs of several certificates at once .*400.*one by one/);
      expect(told[0]).to.not.contain(sandbox.credentials.autodns.password);
    });

    it("searches for a pending renewal after the read when state does not know the certificate's name", async () => {
      const [due] = await adopted(1, 20);
      const nameless = { ...due.outs, certificateName: undefined };
      const { result, routes } = await requestsDuring(() =>
        provider.update(due.rid, nameless, { ...inputs(due.id), waitTimeoutSeconds: 0 }),
      );
      // The read tells the name; the search by name follows it, and no extra read looks it up.
      expect(routes.slice(0, routes.indexOf(RENEW))).to.deep.equal([LIST, GUARD]);
      expect(result.outs!.renewalStatus).to.equal("pending");
      expect(sandbox.admin.renewalCount("autodns", due.id)).to.equal(1);
    });

    it("finds in the shared search the renewal a lost run left pending, and submits no second one", async () => {
      const due = await adopted(3, 20);
      const wait = { waitTimeoutSeconds: 0 };
      // Accepted by a run whose result was never saved: the next run starts from the old state.
      const lost = await provider.update(due[0].rid, due[0].outs, { ...inputs(due[0].id), ...wait });
      const { result, routes } = await requestsDuring(() =>
        Promise.all(due.map((c) => provider.update(c.rid, c.outs, { ...inputs(c.id), ...wait }))),
      );
      expect(routes.filter((r) => r === GUARD)).to.have.length(1);
      expect(routes.filter((r) => r === RENEW)).to.have.length(2);
      expect(result[0].outs!.jobId).to.equal(lost.outs!.jobId);
      expect(result[0].outs!.renewalReason).to.match(/already pending/);
      due.forEach((c) => expect(sandbox.admin.renewalCount("autodns", c.id)).to.equal(1));
    });

    it("follows renewals running at once through the shared job lists, never a job alone", async () => {
      const due = await adopted(4, 20);
      // Jobs of this suite run until completed by hand: each update polls them running, then gives up.
      const running = await requestsDuring(() =>
        Promise.all(
          due.map((c) => provider.update(c.rid, c.outs, { ...inputs(c.id), waitTimeoutSeconds: 2 })),
        ),
      );
      expect(running.routes.filter((r) => r === RENEW)).to.have.length(due.length);
      expect(running.routes.filter((r) => JOB_ALONE.includes(r))).to.deep.equal([]);
      running.result.forEach((r) => expect(r.outs!.renewalStatus).to.equal("pending"));

      for (const r of running.result) await sandbox.admin.completeJob(r.outs!.jobId!);
      const finished = await requestsDuring(() =>
        Promise.all(due.map((c, i) => provider.diff(c.rid, running.result[i].outs!, inputs(c.id)))),
      );
      // One search of the running jobs by name answers for all four; each ended job then costs the
      // read of its certificate the renewal needs anyway (the new PEM).
      expect(finished.routes.filter((r) => r === GUARD)).to.have.length(1);
      expect(finished.routes.filter((r) => r !== GUARD)).to.deep.equal(due.map(() => INFO));
      finished.result.forEach((d) => expect(d.changes).to.equal(true));
      due.forEach((c) => expect(sandbox.admin.renewalCount("autodns", c.id)).to.equal(1));
    });
  });
}
