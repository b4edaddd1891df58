// The whole life of a RenewedCertificate through the real engine, for each of the four APIs,
// with the package installed from its tarball and the sandbox as the vendor.
import { expect } from "chai";
import * as fs from "node:fs";
import * as path from "node:path";
import type { EngineEvent, OpType, Stack } from "@pulumi/pulumi/automation";
import { startSandbox, Sandbox } from "../../sandbox";
import type { RenewedCertificateArgs } from "../../provider/args";
import { newStack, TestStack } from "../support/engine";
import { packagedInstall } from "../support/packagedInstall";
import { VENDOR_CASES } from "../support/vendorCases";

const TYPE = "pulumi-nodejs:dynamic/renewed-certificate:RenewedCertificate";
const DAY = 86_400_000;

function opsOf(events: EngineEvent[]): OpType[] {
  return events
    .map((e) => e.resourcePreEvent?.metadata)
    .filter((m): m is NonNullable<typeof m> => m !== undefined && m.type === TYPE)
    .map((m) => m.op);
}

for (const vendorCase of VENDOR_CASES) {
  describe(`RenewedCertificate lifecycle through the engine: ${vendorCase.name}`, function () {
    this.timeout(15 * 60_000);
    let sandbox: Sandbox;
    let t: TestStack;
    let stack: Stack;
    let args: RenewedCertificateArgs;
    let id: string;
    let adoptedNotAfter: string;

    const renewals = () => sandbox.admin.renewalCount(vendorCase.vendor, id);
    const pinClock = () => {
      stack.workspace.envVars.RENEWED_CERTIFICATE_NOW = sandbox.admin.clock.now().toISOString();
    };
    async function up() {
      await pinClock();
      const events: EngineEvent[] = [];
      const result = await stack.up({ onEvent: (e) => events.push(e) });
      return { result, ops: opsOf(events) };
    }
    async function preview() {
      await pinClock();
      const events: EngineEvent[] = [];
      const result = await stack.preview({ onEvent: (e) => events.push(e) });
      return { result, ops: opsOf(events) };
    }
    /** The resource's own outputs from state (stack outputs change only on up, not on refresh). */
    async function outputs(): Promise<Record<string, unknown>> {
      const deployment = (await stack.exportStack()).deployment as {
        resources?: { type: string; outputs?: Record<string, unknown> }[];
      };
      const resource = deployment.resources?.find((r) => r.type === TYPE);
      if (!resource?.outputs) throw new Error("the RenewedCertificate is not in the stack's state");
      return resource.outputs;
    }
    async function completePendingJobs() {
      for (const job of sandbox.admin.jobs({ vendor: vendorCase.vendor })) {
        if (job.state === "running" || job.state === "pending") await sandbox.admin.completeJob(job.id);
      }
    }
    async function moveClockBefore(expiry: unknown, days: number) {
      sandbox.admin.clock.set(new Date(Date.parse(String(expiry)) - days * DAY));
      await pinClock();
    }

    before(async function () {
      const { dir, lib } = packagedInstall();
      sandbox = await startSandbox({ jobCompletion: {} });
      id = await vendorCase.seed(
        sandbox,
        new Date(sandbox.admin.clock.now().getTime() + 60 * DAY).toISOString(),
      );
      args = await vendorCase.args(sandbox, id);
      t = await newStack({
        projectName: `lifecycle-${vendorCase.name.replace(/\W+/g, "-").toLowerCase()}`,
        workDir: dir,
        program: async () => {
          const cert = new lib.RenewedCertificate("cert", args);
          return {
            notAfter: cert.notAfter,
            renewalStatus: cert.renewalStatus,
            renewalReason: cert.renewalReason,
            jobId: cert.jobId,
            transactionId: cert.transactionId,
            renewalCount: cert.renewalCount,
            vendorStatus: cert.vendorStatus,
          };
        },
      });
      stack = t.stack;
    });

    after(async function () {
      await t?.cleanup();
      await sandbox?.close();
    });

    it("adopts the certificate on the first up without renewing it", async function () {
      const { result, ops } = await up();
      expect(ops).to.deep.equal(["create"]);
      expect(result.outputs.renewalStatus.value).to.equal("none");
      adoptedNotAfter = result.outputs.notAfter.value;
      expect(Date.parse(result.outputs.notAfter.value)).to.be.closeTo(
        Date.parse(sandbox.admin.certificate(vendorCase.vendor, id)!.notAfter),
        1000,
      );
      expect(renewals()).to.equal(0);
    });

    it("previews clean while no renewal is due", async function () {
      const { result, ops } = await preview();
      expect(ops).to.deep.equal(["same"]);
      expect(result.changeSummary.update ?? 0).to.equal(0);
    });

    it("plans exactly one in-place update once the threshold is crossed, and renews nothing in preview", async function () {
      sandbox.admin.clock.advance({ days: 35 });
      const { result, ops } = await preview();
      expect(ops).to.deep.equal(["update"]);
      expect(result.changeSummary.update).to.equal(1);
      expect(result.stdout).to.match(/renewal planned — certificate .* inside the 30-day renewal window/);
      expect(renewals()).to.equal(0);
    });

    it("renews exactly once on up and outputs the vendor's id", async function () {
      const { ops } = await up();
      expect(ops).to.deep.equal(["update"]);
      expect(renewals()).to.equal(1);
      const out = await outputs();
      expect(out[vendorCase.idOutput]).to.be.a("string").and.not.equal("");
      expect(out.renewalCount).to.equal(1);
      expect(["pending", "succeeded"]).to.include(out.renewalStatus);
    });

    it("renews nothing on another up while the renewal is pending", async function () {
      const { ops } = await up();
      expect(ops).to.deep.equal(["same"]);
      expect(renewals()).to.equal(1);
    });

    it("records the new expiry on refresh once the job completes, then previews clean", async function () {
      await completePendingJobs();
      await pinClock();
      await stack.refresh();
      const after = await outputs();
      expect(after.renewalStatus).to.equal("succeeded");
      // The paid term moved by the lifetime (AutoDNS `payable`, ResellerClub endtime); the certificate
      // is cut to the CA/B schedule, and VICE2's certificate is its term (≤ 199 days). Before the
      // schedule, notAfter itself moved 300+ days.
      const moved = vendorCase.vendor === "symantec" ? 0 : 300;
      expect(Date.parse(String(after.coverageEndsAt))).to.be.greaterThan(
        Date.parse(adoptedNotAfter) + moved * DAY,
      );
      expect(Date.parse(String(after.notAfter))).to.be.greaterThan(Date.parse(adoptedNotAfter));
      const { ops } = await preview();
      expect(ops).to.deep.equal(["same"]);
    });

    it("renews once, in place, when lifetimeMonths changes", async function () {
      // Renewals extend the term, and the vendors renew only near its end.
      await moveClockBefore((await outputs()).coverageEndsAt, 60);
      args = { ...args, lifetimeMonths: 24 };
      const { ops } = await up();
      expect(ops).to.deep.equal(["update"]);
      expect(renewals()).to.equal(2);
      await completePendingJobs();
      await pinClock();
      await stack.refresh();
      expect((await up()).ops).to.deep.equal(["same"]);
      expect(renewals()).to.equal(2);
    });

    it("renews once, in place, when renewalTrigger changes", async function () {
      await moveClockBefore((await outputs()).coverageEndsAt, 60);
      args = { ...args, renewalTrigger: "rotate-1" };
      const { ops } = await up();
      expect(ops).to.deep.equal(["update"]);
      expect(renewals()).to.equal(3);
      expect((await outputs()).renewalReason).to.equal('renewalTrigger changed from "" to "rotate-1"');
      expect((await up()).ops).to.deep.equal(["same"]);
      expect(renewals()).to.equal(3);
    });

    it("keeps every credential out of the plain state", async function () {
      // The state as stored by the file:// backend (exportStack would decrypt secrets for display).
      const files = fs.readdirSync(path.join(t.dir, "backend"), { recursive: true, encoding: "utf8" });
      const stored = files
        .map((f) => path.join(t.dir, "backend", f))
        .filter((f) => f.endsWith(".json") && fs.statSync(f).isFile())
        .map((f) => fs.readFileSync(f, "utf8"))
        .join("\n");
      expect(stored).to.contain("renewed-certificate:RenewedCertificate");
      expect(stored).to.contain("ciphertext");
      for (const secret of vendorCase.secrets(sandbox)) expect(stored).not.to.contain(secret);
    });

    it("sends the vendor nothing on destroy", async function () {
      const requestsBefore = sandbox.admin.requests().length;
      await pinClock();
      const result = await stack.destroy();
      expect(result.summary.result).to.equal("succeeded");
      expect(sandbox.admin.requests().length).to.equal(requestsBefore);
      expect(renewals()).to.equal(3);
    });
  });
}
