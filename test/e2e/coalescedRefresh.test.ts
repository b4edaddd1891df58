// A `pulumi refresh` of many AutoDNS certificates (JSON and XML), through the real engine at the
// vendor's real rate limit (3 requests per second): the provider process reads the account's
// certificate list once, not one certificate info request each, and the refreshed state equals the
// adopted one.
import { expect } from "chai";
import type { Stack } from "@pulumi/pulumi/automation";
import { startSandbox, Sandbox } from "../../sandbox";
import { AUTODNS_REQUESTS_PER_SECOND } from "../../sdk/autodns/transport";
import { newStack, TestStack } from "../support/engine";
import { packagedInstall } from "../support/packagedInstall";
import { sandboxAutodns } from "../support/vendorCases";

const TYPE = "pulumi-nodejs:dynamic/renewed-certificate:RenewedCertificate";
const DAY = 86_400_000;
const FLEET = 24;
const LIST = { json: "autodns.json.certificateSearch", xml: "autodns.xml.400105" };

for (const protocol of ["json", "xml"] as const) {
  describe(`pulumi refresh of an AutoDNS ${protocol.toUpperCase()} fleet reads through shared certificate lists`, function () {
    this.timeout(10 * 60_000);
    let sandbox: Sandbox;
    let t: TestStack;
    let stack: Stack;

    /** Each RenewedCertificate's outputs in the stack's state, by certificate id. */
    async function outputsById(): Promise<Map<string, Record<string, unknown>>> {
      const deployment = (await stack.exportStack()).deployment as {
        resources?: { type: string; outputs?: Record<string, unknown> }[];
      };
      const certs = (deployment.resources ?? []).filter((r) => r.type === TYPE && r.outputs);
      return new Map(certs.map((r) => [String(r.outputs!.certificateId), r.outputs!]));
    }

    before(async function () {
      const { dir, lib } = packagedInstall();
      sandbox = await startSandbox({ jobCompletion: {} });
      const notAfter = new Date(sandbox.admin.clock.now().getTime() + 120 * DAY).toISOString();
      const ids: string[] = [];
      for (let i = 0; i < FLEET; i++)
        ids.push((await sandbox.admin.seedCertificate({ vendor: "autodns", notAfter })).id);
      t = await newStack({
        projectName: `coalesced-refresh-${protocol}`,
        workDir: dir,
        envVars: { RENEWED_CERTIFICATE_NOW: sandbox.admin.clock.now().toISOString() },
        program: async () => {
          for (const id of ids) {
            new lib.RenewedCertificate(`cert-${id}`, {
              certificateId: id,
              lifetimeMonths: 12,
              autodns: sandboxAutodns(sandbox, protocol, AUTODNS_REQUESTS_PER_SECOND),
            });
          }
        },
      });
      stack = t.stack;
    });

    after(async function () {
      await t?.cleanup();
      await sandbox?.close();
    });

    it("adopts each certificate with its own read, then refreshes them all with one request for the account's list", async function () {
      await stack.up();
      const adopted = await outputsById();
      expect(adopted.size).to.equal(FLEET);
      const before = sandbox.admin.requests({ vendor: "autodns" }).length;
      await stack.refresh();
      const routes = sandbox.admin
        .requests({ vendor: "autodns" })
        .slice(before)
        .map((r) => r.route);
      const lists = routes.filter((r) => r === LIST[protocol]).length;
      expect(routes.filter((r) => r !== LIST[protocol])).to.deep.equal([]);
      // The account's whole list, read once for the operation (1000 per page), answers all of them.
      expect(lists).to.equal(1);
      const refreshed = await outputsById();
      for (const [id, outs] of adopted) {
        expect(refreshed.get(id)?.notAfter, id).to.equal(outs.notAfter);
        expect(refreshed.get(id)?.certificatePem, id).to.equal(outs.certificatePem);
      }
    });
  });
}
