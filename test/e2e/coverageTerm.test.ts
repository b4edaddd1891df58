// Acceptance of the two clocks through the real engine: a certificate on a 24-month term at
// AutoDNS, with the sandbox clock moved across the whole term while the CA/B schedule cuts each
// certificate to 200, then 100 days. Inside the term every certificate is reissued (free) before
// it expires; the term itself is renewed (paid) exactly once, at its end.
import { expect } from "chai";
import type { Stack } from "@pulumi/pulumi/automation";
import { startSandbox, Sandbox } from "../../sandbox";
import { newStack, TestStack } from "../support/engine";
import { packagedInstall } from "../support/packagedInstall";
import { sandboxAutodns } from "../support/vendorCases";

const TYPE = "pulumi-nodejs:dynamic/renewed-certificate:RenewedCertificate";
const DAY = 86_400_000;
const START = "2026-04-01T00:00:00.000Z";
const TERM_ENDS = "2028-04-01T00:00:00.000Z";

describe("RenewedCertificate across a 24-month term through the engine (AutoDNS JSON)", function () {
  this.timeout(30 * 60_000);
  let sandbox: Sandbox;
  let t: TestStack;
  let stack: Stack;
  let id: string;

  const pinClock = () => {
    stack.workspace.envVars.RENEWED_CERTIFICATE_NOW = sandbox.admin.clock.now().toISOString();
  };
  async function outputs(): Promise<Record<string, unknown>> {
    const deployment = (await stack.exportStack()).deployment as {
      resources?: { type: string; outputs?: Record<string, unknown> }[];
    };
    return deployment.resources!.find((r) => r.type === TYPE)!.outputs!;
  }

  before(async function () {
    const { dir, lib } = packagedInstall();
    // Jobs finish as soon as they start, so each up follows its action to the end.
    sandbox = await startSandbox({ now: START, jobCompletion: { afterSeconds: 0 } });
    const seeded = await sandbox.admin.seedCertificate({
      vendor: "autodns",
      notAfter: new Date(Date.parse(START) + 20 * DAY).toISOString(),
      coverageEndsAt: TERM_ENDS,
      lifetimeMonths: 24,
    });
    id = seeded.id;
    const args = {
      certificateId: id,
      lifetimeMonths: 24,
      renewBeforeDays: 30,
      waitTimeoutSeconds: 5,
      autodns: sandboxAutodns(sandbox, "json", 50),
    };
    t = await newStack({
      projectName: "coverage-term",
      workDir: dir,
      program: async () => {
        const cert = new lib.RenewedCertificate("cert", args);
        return { nextAction: cert.nextAction, coverageEndsAt: cert.coverageEndsAt };
      },
    });
    stack = t.stack;
  });

  after(async function () {
    await t?.cleanup();
    await sandbox?.close();
  });

  it("adopts, previews the free reissue with its reason and the term, and reissues on up", async function () {
    pinClock();
    await stack.up();
    expect(await outputs()).to.include({ coverageEndsAt: "2028-04-01T23:59:59.000Z", nextAction: "reissue" });
    pinClock();
    const preview = await stack.preview();
    expect(preview.stdout).to.contain(
      "reissue planned (free, inside the term paid until 2028-04-01) — certificate " +
        id +
        " expires in 20 day(s)",
    );
    pinClock();
    await stack.up();
    const outs = await outputs();
    expect(outs).to.include({
      lastAction: "reissue",
      reissueCount: 1,
      renewalCount: 0,
      renewalStatus: "succeeded",
    });
    expect(sandbox.admin.reissueCount("autodns", id)).to.equal(1);
    expect(sandbox.admin.renewalCount("autodns", id)).to.equal(0);
  });

  it("reissues before each expiry while the term runs, then renews exactly once at its end", async function () {
    const termEnds = Date.parse(TERM_ENDS);
    let reissues = sandbox.admin.reissueCount("autodns", id);
    for (let step = 0; step < 20 && sandbox.admin.renewalCount("autodns", id) === 0; step++) {
      const before = await outputs();
      // Five days after the next action falls due: the certificate is still valid then.
      sandbox.admin.clock.set(new Date(Date.parse(String(before.nextActionAt)) + 5 * DAY));
      const now = sandbox.admin.clock.now().getTime();
      expect(now, "the certificate never lapses").to.be.below(Date.parse(String(before.notAfter)));
      pinClock();
      await stack.up();
      const after = await outputs();
      if (before.nextAction === "reissue") {
        reissues++;
        expect(
          sandbox.admin.reissueCount("autodns", id),
          `reissue at ${new Date(now).toISOString()}`,
        ).to.equal(reissues);
        expect(sandbox.admin.renewalCount("autodns", id), "no renewal while the term runs").to.equal(0);
        expect(Date.parse(String(after.notAfter))).to.be.above(Date.parse(String(before.notAfter)));
      } else {
        expect(before.nextAction).to.equal("renew");
        expect(now).to.be.at.least(termEnds - 30 * DAY);
      }
    }
    expect(sandbox.admin.reissueCount("autodns", id)).to.be.at.least(3);
    expect(sandbox.admin.renewalCount("autodns", id)).to.equal(1);
    const renewed = await outputs();
    expect(renewed).to.include({ lastAction: "renew", renewalCount: 1, renewalStatus: "succeeded" });
    expect(renewed.reissueCount).to.equal(sandbox.admin.reissueCount("autodns", id));
    expect(Date.parse(String(renewed.coverageEndsAt))).to.be.above(termEnds + 700 * DAY);
    // The next up changes nothing: the renewal is not repeated.
    pinClock();
    await stack.up();
    expect(sandbox.admin.renewalCount("autodns", id)).to.equal(1);
  });
});
