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

    // Certificate 101 on a paid term that runs 250 days from now while its certificate expires in
    // 60 (since 2026-03-15 a certificate lives at most 200 days, a term 12–36 months): a free
    // reissue carries it towards the term's end, where the term is renewed (paid).
    const start = sandbox.admin.clock.now().getTime();
    const inDays = (days: number) => new Date(start + days * 86_400_000).toISOString();
    const seeded = sandbox.admin.certificate("autodns", "101")!;
    await sandbox.admin.seedCertificate({ ...seeded, notAfter: inDays(60), coverageEndsAt: inDays(250) });
    const completeJobs = async () => {
      for (const job of sandbox.admin.jobs({ vendor: "autodns", certificateId: "101" })) {
        if (job.state === "running") await sandbox.admin.completeJob(job.id);
      }
    };
    const previewLines = async () => {
      const preview = await stack.preview();
      for (const line of preview.stdout.split("\n").filter((l) => /RenewedCertificate|~|update/.test(l)))
        console.log(`    ${line.trim()}`);
    };

    say(
      "pulumi up: adopting AutoDNS certificate 101 (it expires in about 60 days; its paid term in about 250).",
    );
    await pinClock();
    const first = await stack.up();
    show("notAfter", first.outputs.notAfter.value);
    show("coverageEndsAt", first.outputs.coverageEndsAt.value);
    show(
      "nextAction",
      `${String(first.outputs.nextAction.value)} at ${String(first.outputs.nextActionAt.value)}`,
    );
    show("renewals sent", sandbox.admin.renewalCount("autodns", "101"));

    say(
      "35 days pass (the sandbox clock moves): the certificate is inside its 30-day window; the term is not.",
    );
    sandbox.admin.clock.advance({ days: 35 });
    await pinClock();

    say(
      "pulumi preview: a free reissue inside the paid term shows up as an in-place update, with its reason.",
    );
    await previewLines();

    say("pulumi up: the reissue is submitted exactly once (AutoDNS PUT /certificate/{id}); nothing is paid.");
    const reissued = await stack.up();
    show("jobId", reissued.outputs.jobId.value);
    show("reason", reissued.outputs.renewalReason.value);
    show("reissues sent", sandbox.admin.reissueCount("autodns", "101"));
    show("renewals sent", sandbox.admin.renewalCount("autodns", "101"));
    await completeJobs();
    await pinClock();
    await stack.refresh();
    const afterReissue = (await stack.up()).outputs;
    show("notAfter", afterReissue.notAfter.value);
    show("coverageEndsAt", afterReissue.coverageEndsAt.value);

    say("The clock moves to 25 days before the term ends: now the term itself is due.");
    sandbox.admin.clock.set(
      new Date(Date.parse(String(afterReissue.coverageEndsAt.value)) - 25 * 86_400_000),
    );
    await pinClock();

    say("pulumi preview: the paid renewal shows up, with its reason.");
    await previewLines();

    say("pulumi up: the renewal is submitted exactly once; AutoDNS answers with a job id.");
    const renewed = await stack.up();
    show("jobId", renewed.outputs.jobId.value);
    show("renewalStatus", renewed.outputs.renewalStatus.value);
    show("reason", renewed.outputs.renewalReason.value);
    show("renewals sent", sandbox.admin.renewalCount("autodns", "101"));

    say("The vendor finishes the job; pulumi refresh records the new term (and pulumi up shows it).");
    await completeJobs();
    await pinClock();
    await stack.refresh();
    // Stack outputs are recomputed by an up (which has nothing to change now), not by a refresh.
    const after = (await stack.up()).outputs;
    show("jobId", after.jobId.value);
    show("renewalStatus", after.renewalStatus.value);
    show("notAfter", after.notAfter.value);
    show("coverageEndsAt", after.coverageEndsAt.value);

    say("pulumi preview again: nothing to do until the next reissue or renewal.");
    const clean = await stack.preview();
    show("changes", JSON.stringify(clean.changeSummary));

    say("Cleaning up: pulumi destroy forgets the resource (nothing is revoked at the vendor).");
    await stack.destroy();
    await stack.workspace.removeStack("demo");
    say(
      `Done. Job ${String(after.jobId.value)} renewed certificate 101 until ${String(after.coverageEndsAt.value)} ` +
        `(after ${sandbox.admin.reissueCount("autodns", "101")} free reissue).`,
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
