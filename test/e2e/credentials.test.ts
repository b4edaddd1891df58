// Credentials that never enter the resource's inputs: from stack config handed to the provider's
// `configure` (namespace `pulumi-nodejs:`), or from the provider process's environment.
import { expect } from "chai";
import type { Sandbox } from "../../sandbox";
import { newStack, TestStack } from "../support/engine";
import { sandboxAndStacksPerSuite } from "../support/engineSuite";
import { packagedInstall } from "../support/packagedInstall";

describe("credentials outside the inputs, through the engine", function () {
  this.timeout(10 * 60_000);
  let sandbox: Sandbox;
  const stacks: TestStack[] = [];
  sandboxAndStacksPerSuite(stacks, (started) => (sandbox = started));

  async function stackWithoutPassword(name: string, envVars: Record<string, string> = {}) {
    const { dir, lib } = packagedInstall();
    const t = await newStack({
      projectName: name,
      // Stack config files live in the shared program dir: one stack name per test.
      stackName: name,
      workDir: dir,
      envVars: { RENEWED_CERTIFICATE_NOW: sandbox.admin.clock.now().toISOString(), ...envVars },
      program: async () => {
        const cert = new lib.RenewedCertificate("cert", {
          certificateId: "101",
          lifetimeMonths: 12,
          autodns: { endpoint: sandbox.urls.autodnsJson, user: sandbox.credentials.autodns.user, context: 4 },
        });
        return { notAfter: cert.notAfter };
      },
    });
    stacks.push(t);
    return t.stack;
  }

  it("reads the password from secret stack config `pulumi-nodejs:autodnsPassword`", async () => {
    const stack = await stackWithoutPassword("credentials-config");
    await stack.setConfig("pulumi-nodejs:autodnsPassword", {
      value: sandbox.credentials.autodns.password,
      secret: true,
    });
    const up = await stack.up();
    expect(up.outputs.notAfter.value).to.equal(sandbox.admin.certificate("autodns", "101")!.notAfter);
    const state = JSON.stringify((await stack.exportStack()).deployment);
    expect(state).not.to.contain(`"password":"${sandbox.credentials.autodns.password}"`);
  });

  it("reads the password from AUTODNS_PASSWORD in the provider's environment", async () => {
    const stack = await stackWithoutPassword("credentials-env", {
      AUTODNS_PASSWORD: sandbox.credentials.autodns.password,
    });
    const up = await stack.up();
    expect(up.outputs.notAfter.value).to.equal(sandbox.admin.certificate("autodns", "101")!.notAfter);
  });

  it("fails check with the property and the fix when the password is nowhere", async () => {
    const stack = await stackWithoutPassword("credentials-missing");
    const err = await stack.preview().catch((e: Error) => e);
    expect(String((err as Error).message)).to.match(
      /autodns\.password is missing: set it \(as a secret\) or the AUTODNS_PASSWORD environment variable/,
    );
  });
});
