// Secrets audit through the real engine, one stack per renewal API: credentials and challenge
// phrases go in as secrets, and the stack lives through a renewal whose follow-up fails (a partial
// failure), its completion, a vendor refusal (with a wrong secret for ResellerClub), a refresh and
// a preview — the refusal with `--debug`. Afterwards no secret may appear in any file the file://
// backend wrote (read raw: exportStack would decrypt), in the provider journal, in anything the
// engine printed on stdout or stderr, in any error message, or in the serialized provider
// (`__provider`).
//
// Not covered, because no provider can prevent it: the engine's own verbose logs (`-v=N` with
// `--logtostderr`, any N) print every property it sends to a provider, secrets in plain text
// ("Marshaling property for RPC[…]"). docs/RELIABILITY.md says so.
import { expect } from "chai";
import * as fs from "node:fs";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import type { Stack } from "@pulumi/pulumi/automation";
import type { RenewedCertificateArgs } from "../../provider/args";
import { startSandbox, Sandbox, SandboxRequest } from "../../sandbox";
import { newStack, TestStack } from "../support/engine";
import { packagedInstall } from "../support/packagedInstall";
import { VENDOR_CASES, VendorCase } from "../support/vendorCases";

const DAY = 86_400_000;
const WRONG_API_KEY = "wrong-resellerclub-key-7f3a";

/**
 * The renew and poll routes of each API, for the fault that makes following a renewal fail. An
 * AutoDNS poll asks the process's shared job list (the job search) before the job alone.
 */
const ROUTES: Record<string, { renew: string; polls: string[] }> = {
  "AutoDNS JSON": { renew: "autodns.json.renew", polls: ["autodns.json.jobSearch", "autodns.json.jobInfo"] },
  "AutoDNS XML": { renew: "autodns.xml.400106", polls: ["autodns.xml.400115", "autodns.xml.400114"] },
  "Symantec VICE2": { renew: "symantec.renew", polls: ["symantec.pickup"] },
  ResellerClub: { renew: "resellerclub.renew", polls: ["resellerclub.actions"] },
};

/** Inputs that make the vendor refuse the next renewal (and may carry a wrong secret). */
function refusedArgs(vendorCase: VendorCase, args: RenewedCertificateArgs): RenewedCertificateArgs {
  const next = { ...args, renewalTrigger: "renew-again" };
  // AutoDNS refuses by itself: after the first renewal the expiry is outside its 90-day window.
  if (vendorCase.vendor === "symantec")
    return { ...next, symantec: { ...args.symantec!, specificEndDate: "01/01/2099" } };
  if (vendorCase.vendor === "resellerclub")
    return { ...next, resellerclub: { ...args.resellerclub!, apiKey: pulumi.secret(WRONG_API_KEY) } };
  return next;
}

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, encoding: "utf8" })
    .map((f) => path.join(dir, f))
    .filter((f) => fs.statSync(f).isFile());
}

function firstLeak(text: string, secrets: string[]): string | undefined {
  return secrets.find((s) => text.includes(s));
}

describe("secrets audit through the engine", function () {
  this.timeout(10 * 60_000);
  let sandbox: Sandbox;

  before(async function () {
    sandbox = await startSandbox({ jobCompletion: {}, symantecAutoApprove: false });
  });
  after(async () => {
    await sandbox?.close();
  });

  for (const vendorCase of VENDOR_CASES) {
    describe(vendorCase.name, () => {
      let t: TestStack;
      let stack: Stack;
      let args: RenewedCertificateArgs;
      let id: string;
      let secrets: string[];
      const printed: string[] = [];
      const errors: string[] = [];
      const routes = ROUTES[vendorCase.name];

      async function op(
        name: "up" | "refresh" | "preview",
        extra: Record<string, unknown> = {},
      ): Promise<boolean> {
        stack.workspace.envVars.RENEWED_CERTIFICATE_NOW = sandbox.admin.clock.now().toISOString();
        const capture = { onOutput: (s: string) => printed.push(s), onError: (s: string) => printed.push(s) };
        try {
          await stack[name]({ ...capture, ...extra });
          return true;
        } catch (e) {
          errors.push((e as Error).message);
          return false;
        }
      }

      before(async function () {
        const { dir, lib } = packagedInstall();
        id = await vendorCase.seed(
          sandbox,
          new Date(sandbox.admin.clock.now().getTime() + 20 * DAY).toISOString(),
        );
        args = { ...(await vendorCase.args(sandbox, id)), waitTimeoutSeconds: 2 };
        secrets = [...vendorCase.secrets(sandbox), WRONG_API_KEY];
        t = await newStack({
          projectName: `secrets-${vendorCase.name.replace(/\W+/g, "-").toLowerCase()}`,
          workDir: dir,
          envVars: { RENEWED_CERTIFICATE_TIMEOUT_MS: "3000" },
          program: async () => {
            const cert = new lib.RenewedCertificate("cert", args);
            return { jobId: cert.jobId, transactionId: cert.transactionId, lastError: cert.lastError };
          },
        });
        stack = t.stack;
      });

      after(async () => {
        sandbox.admin.clearFaults();
        await t?.cleanup();
      });

      it("lives through a partial failure, a completion, a vendor refusal, a refresh and a preview", async () => {
        // Following the accepted renewal fails: the vendor's poll routes go down right after it.
        const breakPolls = (r: SandboxRequest) => {
          if (r.route !== routes.renew || r.status !== 200) return;
          sandbox.admin.events.off("request", breakPolls);
          for (const route of routes.polls) {
            sandbox.admin.injectFault({ route, kind: "status", status: 503, times: "always" });
          }
        };
        sandbox.admin.events.on("request", breakPolls);
        expect(await op("up"), "adoption (never a renewal)").to.equal(true);
        expect(await op("up"), "a renewal whose follow-up fails").to.equal(false);
        expect(errors.join("\n")).to.match(/kept in state/);
        sandbox.admin.clearFaults();

        for (const job of sandbox.admin.jobs({ vendor: vendorCase.vendor })) {
          if (job.state !== "running" && job.state !== "pending") continue;
          if (vendorCase.vendor === "symantec") await sandbox.admin.approve(job.id);
          else await sandbox.admin.completeJob(job.id);
        }
        expect(await op("up"), "the completed renewal is recorded").to.equal(true);

        args = refusedArgs(vendorCase, args);
        const refused = await op("up", { debug: true });
        expect(refused, "the vendor refuses the next renewal").to.equal(false);
        expect(errors[errors.length - 1]).to.match(/refused/);

        expect(await op("refresh"), "refresh").to.be.a("boolean");
        expect(await op("preview"), "preview").to.be.a("boolean");
        expect(sandbox.admin.renewalCount(vendorCase.vendor, id)).to.equal(1);
      });

      it("keeps every secret out of the files the backend, the workspace and the provider journal wrote", () => {
        const files = [
          ...filesUnder(path.join(t.dir, "backend")),
          ...filesUnder(path.join(t.dir, "home")).filter((f) => !f.includes(`${path.sep}plugins${path.sep}`)),
          ...filesUnder(packagedInstall().dir).filter((f) => /Pulumi\..*\.yaml$/.test(path.basename(f))),
        ];
        const stateFiles = files.filter(
          (f) => f.endsWith(".json") && f.includes(`${path.sep}stacks${path.sep}`),
        );
        expect(stateFiles.length, "the stack's state file").to.be.above(0);
        const state = stateFiles.map((f) => fs.readFileSync(f, "utf8")).join("\n");
        expect(state).to.contain("renewed-certificate:RenewedCertificate");
        expect(state).to.contain("ciphertext");
        for (const file of files) {
          const leak = firstLeak(fs.readFileSync(file, "utf8"), secrets);
          expect(leak, `a secret in ${path.relative(t.dir, file)}`).to.equal(undefined);
        }
      });

      it("keeps every secret out of the engine's stdout, stderr (--debug included) and error messages", () => {
        expect(printed.join("").length).to.be.above(1000);
        expect(firstLeak(printed.join(""), secrets), "a secret in engine output").to.equal(undefined);
        expect(errors.length).to.be.above(0);
        for (const message of errors)
          expect(firstLeak(message, secrets), "a secret in an error").to.equal(undefined);
      });

      it("keeps every secret out of the serialized provider", async () => {
        const file = filesUnder(path.join(t.dir, "backend")).find(
          (f) => f.endsWith(".json") && f.includes(`${path.sep}stacks${path.sep}`) && !f.includes(".bak"),
        )!;
        const doc = JSON.parse(fs.readFileSync(file, "utf8")) as {
          checkpoint: {
            latest: {
              resources: {
                type: string;
                inputs?: Record<string, unknown>;
                outputs?: Record<string, unknown>;
              }[];
            };
          };
        };
        const resource = doc.checkpoint.latest.resources.find((r) => r.type.endsWith("RenewedCertificate"))!;
        const serialized = [resource.inputs?.__provider, resource.outputs?.__provider].map((p) =>
          String(p ?? ""),
        );
        for (const p of serialized) {
          expect(p).to.contain("exports.handler");
          expect(p.length).to.be.below(8_000);
          expect(firstLeak(p, secrets), "a secret in __provider").to.equal(undefined);
        }
        // The decrypted view too: the provider holds no credential of its own.
        const exported = JSON.stringify((await stack.exportStack()).deployment);
        const decryptedProvider = /"__provider":"((?:[^"\\]|\\.)*)"/.exec(exported)?.[1] ?? "";
        expect(firstLeak(decryptedProvider, secrets)).to.equal(undefined);
      });
    });
  }
});
