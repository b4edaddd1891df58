/**
 * `npm start`: the demo. Starts the vendor sandbox, runs the root Pulumi project (its program is
 * examples/demo/program.ts) on a throwaway local backend, lets time pass until the certificate is
 * due, shows the preview that plans the renewal and why, renews it and shows the new job id and
 * expiry — then cleans everything up.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { LocalWorkspace, PulumiCommand } from "@pulumi/pulumi/automation";
import { demoProgram } from "../examples/demo/program";
import { startSandbox } from "../sandbox";
import { ensurePulumiCli } from "./ensure-pulumi-cli.js";

const REPO_ROOT = path.resolve(__dirname, "..");
const say = (text: string) => console.log(`\n▶ ${text}`);
const show = (label: string, value: unknown) =>
  console.log(`    ${label.padEnd(15)} ${String(value ?? "—")}`);

/**
 * A program directory as a user's would be: the root Pulumi.yaml (its program runs inline here),
 * and this package under node_modules, where the provider process finds it by name.
 */
function programDir(tmp: string): string {
  const dir = path.join(tmp, "app");
  fs.mkdirSync(path.join(dir, "node_modules"), { recursive: true });
  const project = fs.readFileSync(path.join(REPO_ROOT, "Pulumi.yaml"), "utf8");
  fs.writeFileSync(path.join(dir, "Pulumi.yaml"), project.replace(/^main:.*$/m, ""));
  fs.symlinkSync(REPO_ROOT, path.join(dir, "node_modules", "pulumi-renewed-certificate"), "dir");
  fs.symlinkSync(
    path.join(REPO_ROOT, "node_modules", "@pulumi"),
    path.join(dir, "node_modules", "@pulumi"),
    "dir",
  );
  return dir;
}

async function main() {
  const cli = await ensurePulumiCli();
  const pulumiCommand = await PulumiCommand.get({ root: cli.root });
  const sandbox = await startSandbox();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "renewed-certificate-demo-"));
  fs.mkdirSync(path.join(tmp, "backend"));
  const env: Record<string, string> = {
    PULUMI_HOME: path.join(tmp, "home"),
    PULUMI_BACKEND_URL: `file://${path.join(tmp, "backend")}`,
    PULUMI_CONFIG_PASSPHRASE: "",
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    PATH: `${cli.bin}${path.delimiter}${process.env.PATH ?? ""}`,
    NODE_PATH: path.join(REPO_ROOT, "node_modules"),
  };
  try {
    say(`The vendor sandbox is up at ${sandbox.url} (AutoDNS JSON at ${sandbox.urls.autodnsJson}).`);
    const stack = await LocalWorkspace.createOrSelectStack(
      { stackName: "demo", projectName: "renewed-certificate-demo", program: demoProgram },
      { workDir: programDir(tmp), pulumiHome: env.PULUMI_HOME, pulumiCommand, envVars: env },
    );
    const c = sandbox.credentials.autodns;
    await stack.setAllConfig({
      certificateId: { value: "101" },
      autodnsEndpoint: { value: sandbox.urls.autodnsJson },
      autodnsUser: { value: c.user },
      autodnsPassword: { value: c.password, secret: true },
    });
    const pinClock = () => {
      stack.workspace.envVars.RENEWED_CERTIFICATE_NOW = sandbox.admin.clock.now().toISOString();
    };

    say("pulumi up: adopting AutoDNS certificate 101 (it expires in about 60 days; nothing is due yet).");
    await pinClock();
    const first = await stack.up();
    show("notAfter", first.outputs.notAfter.value);
    show("renewAfter", first.outputs.renewAfter.value);
    show("renewalStatus", first.outputs.renewalStatus.value);
    show("renewals sent", sandbox.admin.renewalCount("autodns", "101"));

    say("35 days pass (the sandbox clock moves): the certificate is now inside its 30-day renewal window.");
    sandbox.admin.clock.advance({ days: 35 });
    await pinClock();

    say("pulumi preview: the renewal shows up as an in-place update, with its reason. Nothing is sent yet.");
    const preview = await stack.preview();
    for (const line of preview.stdout.split("\n").filter((l) => /RenewedCertificate|~|update/.test(l)))
      console.log(`    ${line.trim()}`);
    show("renewals sent", sandbox.admin.renewalCount("autodns", "101"));

    say("pulumi up: the renewal is submitted exactly once; AutoDNS answers with a job id.");
    const renewed = await stack.up();
    show("jobId", renewed.outputs.jobId.value);
    show("renewalStatus", renewed.outputs.renewalStatus.value);
    show("reason", renewed.outputs.renewalReason.value);
    show("renewals sent", sandbox.admin.renewalCount("autodns", "101"));

    say("The vendor finishes the job; pulumi refresh records the new expiry (and pulumi up shows it).");
    for (const job of sandbox.admin.jobs({ vendor: "autodns", certificateId: "101" })) {
      if (job.state === "running") await sandbox.admin.completeJob(job.id);
    }
    await pinClock();
    await stack.refresh();
    // Stack outputs are recomputed by an up (which has nothing to change now), not by a refresh.
    const after = (await stack.up()).outputs;
    show("jobId", after.jobId.value);
    show("renewalStatus", after.renewalStatus.value);
    show("notAfter", after.notAfter.value);

    say("pulumi preview again: nothing to do until the next renewal window.");
    const clean = await stack.preview();
    show("changes", JSON.stringify(clean.changeSummary));

    say("Cleaning up: pulumi destroy forgets the resource (nothing is revoked at the vendor).");
    await stack.destroy();
    await stack.workspace.removeStack("demo");
    say(
      `Done. Job ${String(after.jobId.value)} renewed certificate 101 until ${String(after.notAfter.value)}.`,
    );
  } finally {
    await sandbox.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(`\nThe demo failed: ${(e as Error).message}`);
  process.exit(1);
});
