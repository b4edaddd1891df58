// A renewal that AutoDNS ends FAILED, through the real engine, for both protocols. At AutoDNS a
// finished job leaves job info (EF300101) for the job history; the provider must read the outcome
// there: the resource ends with renewalStatus "failed" and the vendor's reason, and later ups
// succeed instead of failing on the vanished job.
import { expect } from "chai";
import type { Stack } from "@pulumi/pulumi/automation";
import { startSandbox, Sandbox } from "../../sandbox";
import type { RenewedCertificateArgs } from "../../provider/args";
import { newStack, TestStack } from "../support/engine";
import { packagedInstall } from "../support/packagedInstall";
import { VENDOR_CASES } from "../support/vendorCases";

const TYPE = "pulumi-nodejs:dynamic/renewed-certificate:RenewedCertificate";
const DAY = 86_400_000;
const REASON = "Domain control validation failed: no CNAME record found.";

for (const name of ["AutoDNS JSON", "AutoDNS XML"]) {
  const vendorCase = VENDOR_CASES.find((c) => c.name === name)!;

  describe(`a renewal AutoDNS ended FAILED, read from the job history through the engine: ${name}`, function () {
    this.timeout(10 * 60_000);
    let sandbox: Sandbox;
    let t: TestStack;
    let stack: Stack;
    let args: RenewedCertificateArgs;
    let id: string;

    async function up() {
      stack.workspace.envVars.RENEWED_CERTIFICATE_NOW = sandbox.admin.clock.now().toISOString();
      return stack.up();
    }
    async function outputs(): Promise<Record<string, unknown>> {
      const deployment = (await stack.exportStack()).deployment as {
        resources?: { type: string; outputs?: Record<string, unknown> }[];
      };
      const resource = deployment.resources?.find((r) => r.type === TYPE);
      if (!resource?.outputs) throw new Error("the RenewedCertificate is not in the stack's state");
      return resource.outputs;
    }

    before(async function () {
      const { dir, lib } = packagedInstall();
      sandbox = await startSandbox({ jobCompletion: {} });
      // Due from the start: 20 days left, inside the default 30-day threshold.
      id = await vendorCase.seed(
        sandbox,
        new Date(sandbox.admin.clock.now().getTime() + 20 * DAY).toISOString(),
      );
      args = await vendorCase.args(sandbox, id);
      t = await newStack({
        projectName: `job-history-${name.replace(/\W+/g, "-").toLowerCase()}`,
        workDir: dir,
        program: async () => {
          const cert = new lib.RenewedCertificate("cert", args);
          return { renewalStatus: cert.renewalStatus, jobId: cert.jobId };
        },
      });
      stack = t.stack;
    });

    after(async function () {
      await t?.cleanup();
      await sandbox?.close();
    });

    it("adopts without renewing, renews on the next up and keeps the accepted job id while it runs", async function () {
      await up();
      expect((await outputs()).renewalStatus, "the first up only adopts").to.equal("none");
      expect(sandbox.admin.renewalCount("autodns", id)).to.equal(0);
      await up();
      const out = await outputs();
      expect(out.renewalStatus).to.equal("pending");
      expect(out.jobId).to.be.a("string").and.not.equal("");
      expect(out.certificateName).to.equal(sandbox.admin.certificate("autodns", id)!.commonName);
      expect(sandbox.admin.renewalCount("autodns", id)).to.equal(1);
    });

    it("records the FAILED job from the history with the vendor's reason, and a later up succeeds", async function () {
      const { jobId } = await outputs();
      await sandbox.admin.failJob(String(jobId), REASON);
      const first = await up();
      expect(first.summary.result).to.equal("succeeded");
      const failed = await outputs();
      expect(failed).to.include({ renewalStatus: "failed", vendorStatus: "FAILED", jobId });
      expect(String(failed.lastError)).to.contain(`AutoDNS job ${String(jobId)} ended FAILED`);
      if (name === "AutoDNS JSON") expect(String(failed.lastError)).to.contain(REASON);
      // The job is gone from job info: the history was asked, and nothing was renewed again.
      const historyRoute = name === "AutoDNS JSON" ? "autodns.json.jobHistoryInfo" : "autodns.xml.400135";
      expect(sandbox.admin.requests({ route: historyRoute }).length).to.be.greaterThan(0);
      const second = await up();
      expect(second.summary.result).to.equal("succeeded");
      expect((await outputs()).renewalStatus).to.equal("failed");
      expect(sandbox.admin.renewalCount("autodns", id)).to.equal(1);
    });

    it("sent AutoDNS nothing outside its published contract", function () {
      const violations = sandbox.admin.requests({ vendor: "autodns" }).filter((r) => r.contractViolation);
      expect(violations).to.deep.equal([]);
    });
  });
}
