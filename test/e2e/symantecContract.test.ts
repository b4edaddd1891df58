// Symantec VICE2 answers the public sources document, through the real engine: a renewal held with
// the "Pending" code 0xa00e is followed with pickup (never submitted again), and a PKCS#7
// certificate (serverType Microsoft) ends in state as the leaf's expiry, the leaf PEM and its chain.
import { expect } from "chai";
import { X509Certificate } from "node:crypto";
import type { Stack } from "@pulumi/pulumi/automation";
import type { Sandbox } from "../../sandbox";
import type { RenewedCertificateArgs } from "../../provider/args";
import { makeCsr } from "../support/pki";
import { sandboxSymantec } from "../support/vendorCases";
import { newStack, TestStack } from "../support/engine";
import { sandboxAndStacksPerSuite } from "../support/engineSuite";
import { packagedInstall } from "../support/packagedInstall";

const TYPE = "pulumi-nodejs:dynamic/renewed-certificate:RenewedCertificate";
const DAY = 86_400_000;
const CHALLENGE = "e2e-vice2-challenge";

describe("Symantec VICE2 as published, through the engine", function () {
  this.timeout(15 * 60_000);
  let sandbox: Sandbox;
  const stacks: TestStack[] = [];
  sandboxAndStacksPerSuite(stacks, (started) => (sandbox = started));

  /** A stack over one seeded transaction that is due (20 days left), with the given serverType. */
  async function stackFor(name: string, serverType: string): Promise<{ stack: Stack; id: string }> {
    const notAfter = new Date(sandbox.admin.clock.now().getTime() + 20 * DAY).toISOString();
    const seeded = await sandbox.admin.seedCertificate({
      vendor: "symantec",
      notAfter,
      challenge: CHALLENGE,
    });
    const renewal = {
      csr: await makeCsr(seeded.commonName),
      originalCertificate: seeded.pem,
      originalChallenge: CHALLENGE,
      challenge: "e2e-vice2-next",
    };
    const args: RenewedCertificateArgs = {
      certificateId: seeded.id,
      lifetimeMonths: 12,
      symantec: { ...sandboxSymantec(sandbox, renewal), serverType },
    };
    const { dir, lib } = packagedInstall();
    const t = await newStack({
      projectName: "symantec-contract",
      stackName: name,
      workDir: dir,
      envVars: { RENEWED_CERTIFICATE_NOW: sandbox.admin.clock.now().toISOString() },
      program: async () => {
        const cert = new lib.RenewedCertificate("cert", args);
        return { renewalStatus: cert.renewalStatus, transactionId: cert.transactionId };
      },
    });
    stacks.push(t);
    return { stack: t.stack, id: seeded.id };
  }

  async function outputs(stack: Stack): Promise<Record<string, unknown>> {
    const deployment = (await stack.exportStack()).deployment as {
      resources?: { type: string; outputs?: Record<string, unknown> }[];
    };
    const resource = deployment.resources?.find((r) => r.type === TYPE);
    if (!resource?.outputs) throw new Error("the RenewedCertificate is not in the stack's state");
    return resource.outputs;
  }

  it("follows a renewal held with 0xa00e (no tokens left) until it is issued, submitting it once", async () => {
    sandbox.admin.setSymantecTokens(0);
    const { stack, id } = await stackFor("pending-0xa00e", "Apache");
    const adoptedNotAfter = sandbox.admin.certificate("symantec", id)!.notAfter;
    const renewRequests = () =>
      sandbox.admin.requests({ vendor: "symantec", route: "symantec.renew" }).length;

    await stack.up(); // adopts: the first up never renews
    expect(renewRequests(), "the first up only adopts").to.equal(0);
    await stack.up();
    const held = await outputs(stack);
    expect(held.renewalStatus).to.equal("pending");
    expect(held.vendorStatus).to.equal("0xa00e");
    expect(held.transactionId).to.match(/^[0-9a-f]{32}$/);
    expect(held.lastError ?? "").to.equal("");
    expect(sandbox.admin.renewalCount("symantec", id)).to.equal(1);

    // Still held: the next run asks pickup, keeps following, and submits nothing.
    const pickupsBefore = sandbox.admin.requests({ vendor: "symantec", route: "symantec.pickup" }).length;
    await stack.up();
    const still = await outputs(stack);
    expect(still.renewalStatus).to.equal("pending");
    expect(still.transactionId).to.equal(held.transactionId);
    expect(sandbox.admin.requests({ vendor: "symantec", route: "symantec.pickup" }).length).to.be.greaterThan(
      pickupsBefore,
    );
    expect(renewRequests()).to.equal(1);

    // Tokens bought and the transaction released: the next refresh records the issued certificate.
    sandbox.admin.setSymantecTokens(undefined);
    await sandbox.admin.approve(String(held.transactionId));
    await stack.refresh();
    const done = await outputs(stack);
    expect(done.renewalStatus).to.equal("succeeded");
    expect(done.vendorStatus).to.equal("0x00");
    // Later, and the issued certificate's: DigiCert cuts it to the CA/B schedule (199 days from
    // 2026-03-15), so it no longer moves a year (this used to expect 300+ days).
    expect(Date.parse(String(done.notAfter))).to.be.greaterThan(Date.parse(adoptedNotAfter));
    expect(Date.parse(String(done.notAfter))).to.be.closeTo(
      Date.parse(sandbox.admin.certificate("symantec", String(held.transactionId))!.notAfter),
      1000,
    );
    expect(sandbox.admin.renewalCount("symantec", id)).to.equal(1);
    expect(renewRequests()).to.equal(1);
  });

  it("records a PKCS#7 certificate (serverType Microsoft) as the leaf's expiry, the leaf PEM and a PEM chain", async () => {
    const { stack, id } = await stackFor("pkcs7-microsoft", "Microsoft");
    await stack.up(); // adopts: the first up never renews
    expect(sandbox.admin.renewalCount("symantec", id), "the first up only adopts").to.equal(0);
    await stack.up();
    const out = await outputs(stack);
    expect(out.renewalStatus).to.equal("succeeded");
    const renewed = sandbox.admin.certificate("symantec", String(out.transactionId))!;
    const leaf = new X509Certificate(String(out.certificatePem));
    expect(String(out.certificatePem).match(/BEGIN CERTIFICATE/g)).to.have.length(1);
    expect(leaf.subject).to.contain(sandbox.admin.certificate("symantec", id)!.commonName);
    expect(Date.parse(String(out.notAfter))).to.equal(Date.parse(new Date(leaf.validTo).toISOString()));
    expect(Date.parse(String(out.notAfter))).to.be.closeTo(Date.parse(renewed.notAfter), 1000);
    expect(out.certificateChainPem).to.equal(sandbox.caCertificate.trim() + "\n");
    expect(leaf.checkIssued(new X509Certificate(String(out.certificateChainPem)))).to.equal(true);
    expect(sandbox.admin.renewalCount("symantec", id)).to.equal(1);
  });
});
