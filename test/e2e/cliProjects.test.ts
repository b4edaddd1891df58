// `pulumi` typed in a project directory, as users run it — not the Automation API: the CLI starts
// the program through its Node language host. (1) Every example in its own directory inside the
// repository, running the commands of its README's "Against the sandbox" block. (2) A user-shaped
// project outside the repository, made and run with the commands of the README's "Use it".
import { expect } from "chai";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { startSandbox, Sandbox, SandboxVendor } from "../../sandbox";
import { pulumiCli } from "../support/engine";
import { cliEnvironment, codeBlocks, markdownSection, sh, shOk, stackOutputs } from "./cliSupport";
import { packagedInstall } from "../support/packagedInstall";

const REPO_ROOT = path.resolve(__dirname, "..", "..");
const EXAMPLES = path.join(REPO_ROOT, "examples");

/** Every example's documented sandbox run, and what it must leave behind. */
const EXAMPLE_RUNS: { example: string; renewals: [SandboxVendor, string, number][]; outputs: object }[] = [
  { example: "autodns-json", renewals: [["autodns", "100", 1]], outputs: { renewalStatus: "pending" } },
  { example: "autodns-xml", renewals: [["autodns", "101", 0]], outputs: { renewalStatus: "none" } },
  {
    example: "symantec",
    renewals: [["symantec", "6b671d141321a8d743ab5616051d4ec", 1]],
    outputs: { renewalStatus: "succeeded" },
  },
  {
    example: "resellerclub",
    renewals: [["resellerclub", "85547813", 1]],
    outputs: { renewalStatus: "pending" },
  },
  { example: "fleet", renewals: [["autodns", "100", 1]], outputs: { renewalsPending: 3 } },
  { example: "downstream-pem", renewals: [["autodns", "100", 1]], outputs: { renewalStatus: "succeeded" } },
];

/** The line `preview --diff` opens a planned update of the certificate with. */
const RESOURCE_UPDATE = "~ pulumi-nodejs:dynamic/renewed-certificate:RenewedCertificate: (update)";

/** The resource's own lines in `preview --diff` output: from its update line to the next blank line. */
function resourceLines(output: string): string {
  const start = output.indexOf(RESOURCE_UPDATE);
  expect(start, `a planned update of the certificate in:\n${output}`).to.be.greaterThan(-1);
  const end = output.indexOf("\n\n", start);
  return output.slice(start, end < 0 ? undefined : end);
}

/** A README's sandbox commands with this sandbox's addresses for the documented 8080/8443. */
function forSandbox(script: string, sandbox: Sandbox): string {
  const symantec = new URL(sandbox.urls.symantec);
  return script
    .replaceAll("http://127.0.0.1:8080", sandbox.url)
    .replaceAll("https://127.0.0.1:8443", `${symantec.protocol}//${symantec.host}`);
}

/** The sandbox's TLS client credentials and CA as files, where `npm run sandbox` writes them (`$DIR`). */
function writeSandboxFiles(sandbox: Sandbox, dir: string): void {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "symantec-client.pem"), sandbox.credentials.symantec.clientCertificate);
  fs.writeFileSync(path.join(dir, "symantec-client-key.pem"), sandbox.credentials.symantec.clientKey, {
    mode: 0o600,
  });
  fs.writeFileSync(path.join(dir, "sandbox-ca.pem"), sandbox.caCertificate);
}

describe("pulumi in a project directory (the CLI and its Node language host)", function () {
  this.timeout(20 * 60_000);
  let bin: string;
  let tmp: string;

  before(async function () {
    bin = (await pulumiCli()).install.bin;
    expect(
      fs.existsSync(path.join(bin, "pulumi-language-nodejs")),
      "the language host beside the CLI",
    ).to.equal(true);
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "renewed-certificate-cli-"));
  });

  after(function () {
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  for (const run of EXAMPLE_RUNS) {
    it(`examples/${run.example}: its README's sandbox commands run in its own directory`, async function () {
      const dir = path.join(EXAMPLES, run.example);
      const before = new Set(fs.readdirSync(dir));
      const sandbox = await startSandbox();
      const stack = `e2e-${process.pid}`;
      const env = cliEnvironment(bin, path.join(tmp, run.example), {
        DIR: path.join(tmp, run.example, "files"),
        // Type-checking each program is most of a run's time; `npm run typecheck` already checks
        // the examples (the user's project below keeps the CLI's type check).
        PULUMI_NODEJS_TRANSPILE_ONLY: "true",
      });
      writeSandboxFiles(sandbox, env.DIR);
      try {
        const readme = fs.readFileSync(path.join(dir, "README.md"), "utf8");
        const [commands] = codeBlocks(markdownSection(readme, "## Against the sandbox"), "sh");
        expect(commands, `examples/${run.example}/README.md has a sh block to run`).to.be.a("string");
        const output = await shOk(`pulumi stack init ${stack}\n${forSandbox(commands, sandbox)}`, dir, env);
        expect(output).not.to.match(/warning:/i);
        expect(await stackOutputs(dir, env)).to.deep.include(run.outputs);
        for (const [vendor, id, count] of run.renewals)
          expect(sandbox.admin.renewalCount(vendor, id), `${vendor} ${id} renewals`).to.equal(count);
      } finally {
        await sandbox.close();
        for (const name of fs.readdirSync(dir))
          if (!before.has(name)) fs.rmSync(path.join(dir, name), { recursive: true, force: true });
      }
    });
  }

  describe("a user's own project outside the repository, with the packed tarball", function () {
    let sandbox: Sandbox;
    let project: string;
    let env: Record<string, string>;
    const pulumi = (args: string) => sh(`pulumi ${args}`, project, env);
    const pulumiOk = (args: string) => shOk(`pulumi ${args}`, project, env);
    const useIt = () =>
      markdownSection(fs.readFileSync(path.join(REPO_ROOT, "README.md"), "utf8"), "## Use it");

    /** Moves the sandbox clock and pins the provider's clock to it, as the README says to rehearse. */
    function advance(by: { days?: number; minutes?: number }) {
      env.RENEWED_CERTIFICATE_NOW = sandbox.admin.clock.advance(by).toISOString();
    }

    /** The vendor finishes the last job, `pulumi refresh` records it, and a preview expects no change. */
    async function jobFinishedRefreshedAndClean() {
      const { jobId } = (await stackOutputs(project, env)) as { jobId: string };
      await sandbox.admin.completeJob(jobId);
      advance({ minutes: 1 });
      await pulumiOk("refresh");
      const clean = await pulumi("preview --expect-no-changes");
      expect(clean.code, clean.output).to.equal(0);
    }

    before(async function () {
      // Jobs finish only when this test says so.
      sandbox = await startSandbox({ jobCompletion: {} });
      env = cliEnvironment(bin, path.join(tmp, "user"));
    });

    after(async function () {
      await sandbox?.close();
    });

    it("is set up with the README's commands: npm init, npm install, Pulumi.yaml, the program", async function () {
      const { tarball } = packagedInstall();
      const [setup, stackSetup] = codeBlocks(useIt(), "sh");
      const [program] = codeBlocks(useIt(), "ts");
      expect(setup).to.contain("npm install pulumi-renewed-certificate");
      // Not on npm yet: the package comes from its tarball, its dependencies from the npm cache.
      const install = setup
        .replace("npm install pulumi-renewed-certificate", `npm install ${tarball}`)
        .replace(/^(npm install .*)$/m, "$1 --prefer-offline --no-audit --no-fund");
      await shOk(install, tmp, env);
      project = path.join(tmp, /^mkdir (\S+)/m.exec(setup)![1]);
      fs.writeFileSync(path.join(project, "index.ts"), program);
      const stackCommands = stackSetup
        .replaceAll("your-autodns-user", sandbox.credentials.autodns.user)
        .replaceAll("your-autodns-password", sandbox.credentials.autodns.password);
      // The sandbox instead of the live API: the program reads the endpoint from config.
      await shOk(
        `${stackCommands}\npulumi config set autodnsEndpoint ${sandbox.urls.autodnsJson}`,
        project,
        env,
      );
      const stored = fs.readFileSync(path.join(project, "Pulumi.dev.yaml"), "utf8");
      expect(stored).to.contain("secure:").and.not.to.contain(sandbox.credentials.autodns.password);
    });

    it("runs an example copied out of the repository into it (its own package.json, the project's node_modules)", async function () {
      const copy = path.join(project, "autodns-xml");
      fs.cpSync(path.join(EXAMPLES, "autodns-xml"), copy, { recursive: true });
      const readme = fs.readFileSync(path.join(copy, "README.md"), "utf8");
      const [commands] = codeBlocks(markdownSection(readme, "## Against the sandbox"), "sh");
      const output = await shOk(`pulumi stack init copied\n${forSandbox(commands, sandbox)}`, copy, env);
      expect(output).not.to.match(/warning/i);
      expect(await stackOutputs(copy, env)).to.deep.include({
        renewalStatus: "none",
        lastError: "",
        jobId: "",
      });
      await shOk("pulumi destroy && pulumi stack rm --yes copied", copy, env);
    });

    it("adopts with `pulumi up` buying nothing; the next `preview --refresh --diff` shows the due renewal on the resource's own lines, the next `up --refresh` renews it once, with no warning, and the preview after it shows no change", async function () {
      const preview = await pulumiOk("preview");
      expect(preview).to.match(/\+ 2 to create/);
      const adopt = await pulumiOk("up");
      expect(adopt).not.to.match(/warning/i);
      expect(sandbox.admin.renewalCount("autodns", "100"), "the first up only adopts").to.equal(0);
      const planned = await pulumiOk("preview --refresh --diff");
      expect(planned).to.match(/renewal planned — certificate 100 expires in 20 day\(s\)/);
      expect(resourceLines(planned)).to.match(
        /~ plannedAction\s*: "none" => "renewal planned — certificate 100 expires in 20 day\(s\)/,
      );
      expect(sandbox.admin.renewalCount("autodns", "100"), "preview renews nothing").to.equal(0);
      const up = await pulumiOk("up --refresh");
      expect(up).not.to.match(/warning/i);
      expect(sandbox.admin.renewalCount("autodns", "100")).to.equal(1);
      expect(await stackOutputs(project, env))
        .to.have.property("jobId")
        .that.matches(/^\d+$/);
      const next = await pulumi("preview --refresh --diff --expect-no-changes");
      expect(next.code, `the next preview shows no change:\n${next.output}`).to.equal(0);
      expect(next.output).not.to.contain(RESOURCE_UPDATE);
    });

    it("records the finished job on `pulumi refresh`; `preview --expect-no-changes` exits 0", async function () {
      await jobFinishedRefreshedAndClean();
    });

    it("shows the due renewal and its reason on the resource's own lines of `preview --refresh --diff`; `--expect-no-changes` fails while it is due", async function () {
      // The renewal bought a term ending a year after the first: 25 days left. (Its certificate, cut
      // to 200 days, would have been reissued free on the way; this skips straight to the term's end.)
      advance({ days: 360 });
      const preview = await pulumiOk("preview --refresh --diff");
      expect(preview).to.match(/renewal planned \(paid\) — the term of certificate 100 ends in \d+ day\(s\)/);
      expect(preview).to.contain(RESOURCE_UPDATE);
      expect(resourceLines(preview)).to.match(
        /~ plannedAction\s*: "none" => "renewal planned \(paid\) — the term of certificate 100 ends in \d+ day\(s\)/,
      );
      const alarm = await pulumi("preview --expect-no-changes");
      expect(alarm.code, alarm.output).not.to.equal(0);
      expect(sandbox.admin.renewalCount("autodns", "100"), "preview renews nothing").to.equal(1);
    });

    it("renews once on `pulumi up`, then previews clean after the job is recorded, and destroys without a vendor call", async function () {
      await pulumiOk("up");
      expect(sandbox.admin.renewalCount("autodns", "100")).to.equal(2);
      await jobFinishedRefreshedAndClean();
      const requests = sandbox.admin.requests().length;
      await pulumiOk("destroy");
      expect(sandbox.admin.requests().length, "destroy calls no vendor").to.equal(requests);
      expect(sandbox.admin.renewalCount("autodns", "100")).to.equal(2);
    });
  });
});
