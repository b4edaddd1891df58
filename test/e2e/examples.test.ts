// Every program under examples/ through the real engine: `pulumi up`, then `pulumi preview`, against
// one sandbox, with the package installed from its tarball. Each example's exported program runs
// inline (the Automation API), configured the way its README says — stack config, credentials as
// secrets — and must come up with the expected outputs and then preview with no changes.
import { expect } from "chai";
import * as fs from "node:fs";
import * as path from "node:path";
import type { ConfigMap, EngineEvent, OpType, PulumiFn, Stack } from "@pulumi/pulumi/automation";
import Module from "node:module";
import { createCsr, startSandbox, Sandbox, SandboxVendor } from "../../sandbox";
import { readInventory } from "../../examples/fleet/readInventory";
import { newStack, TestStack } from "../support/engine";
import { packagedInstall } from "../support/packagedInstall";

const EXAMPLES = path.resolve(__dirname, "..", "..", "examples");
const DAY = 86_400_000;
/** Examples that are Pulumi programs (the demo has its own test, test/e2e/demo.test.ts). */
const PROGRAMS = ["autodns-json", "autodns-xml", "symantec", "resellerclub", "fleet", "downstream-pem"];
const WORKFLOW = path.join(EXAMPLES, "scheduled-pipeline", ".github", "workflows", "renew-certificates.yml");
const REPO_ROOT = path.resolve(EXAMPLES, "..");

/** The stack config keys a program reads with literal names (`cfg.require("user")`, …). */
function configKeysOf(example: string): string[] {
  const source = fs.readFileSync(path.join(EXAMPLES, example, "program.ts"), "utf8");
  const keys = [...source.matchAll(/cfg\.\w+(?:<[^(]*>)?\(\s*"([^"]+)"/g)].map((m) => m[1]);
  return [...new Set(keys)];
}

/** The text of a Markdown section (`## title` up to the next `## `). */
function section(markdown: string, title: string): string {
  const start = markdown.indexOf(`\n## ${title}\n`);
  expect(start, `section "## ${title}"`).to.be.greaterThan(-1);
  const end = markdown.indexOf("\n## ", start + 1);
  return markdown.slice(start, end < 0 ? undefined : end);
}

/** The project name from an example's Pulumi.yaml: stack config keys live in its namespace. */
function projectName(example: string): string {
  const yaml = fs.readFileSync(path.join(EXAMPLES, example, "Pulumi.yaml"), "utf8");
  const name = /^name:\s*(\S+)\s*$/m.exec(yaml)?.[1];
  if (!name) throw new Error(`examples/${example}/Pulumi.yaml has no name`);
  return name;
}

/** The step each of the program's own resources took, by resource name (stack and providers left out). */
function opsOf(events: EngineEvent[]): Record<string, OpType> {
  const ops: Record<string, OpType> = {};
  for (const e of events) {
    const m = e.resourcePreEvent?.metadata;
    if (!m || m.type === "pulumi:pulumi:Stack" || m.type.startsWith("pulumi:providers:")) continue;
    ops[m.urn.split("::").pop()!] = m.op;
  }
  return ops;
}

function valuesOf(outputs: Record<string, { value: unknown }>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(outputs).map(([k, v]) => [k, v.value]));
}

/**
 * Loads an example's program with `pulumi-renewed-certificate` resolved to the packaged install, as
 * a user's program would resolve it (type-checking maps it to the sources through tsconfig paths).
 */
function loadProgram(example: string, packageEntry: string): PulumiFn {
  const loader = Module as unknown as { _resolveFilename(request: string, ...rest: unknown[]): string };
  const resolve = loader._resolveFilename;
  loader._resolveFilename = function (request: string, ...rest: unknown[]) {
    return request === "pulumi-renewed-certificate" ? packageEntry : resolve.call(this, request, ...rest);
  };
  const file = path.join(EXAMPLES, example, "program.ts");
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { program } = require(file) as { program: PulumiFn };
    const imports = require.cache[file]?.children.map((m) => m.filename) ?? [];
    expect(imports, `examples/${example} imports the packaged install`).to.include(packageEntry);
    return program;
  } finally {
    loader._resolveFilename = resolve;
  }
}

const sameTime = (a: unknown, b: unknown) =>
  expect(Date.parse(String(a))).to.be.closeTo(Date.parse(String(b)), 1000);

describe("the examples through the engine (examples/)", function () {
  this.timeout(20 * 60_000);
  let sandbox: Sandbox;
  let appDir: string;
  let programs: Record<string, PulumiFn>;
  const stacks: TestStack[] = [];
  const inFuture = (days: number) => new Date(sandbox.admin.clock.now().getTime() + days * DAY).toISOString();

  /** A stack for one example's program, in its own directory inside the packaged install. */
  async function exampleStack(example: string, config: ConfigMap): Promise<TestStack> {
    const workDir = path.join(appDir, "examples", example);
    fs.mkdirSync(workDir, { recursive: true });
    const t = await newStack({
      projectName: projectName(example),
      // Unique per test: stack config files of a shared program directory must not collide.
      stackName: `examples-${example}`,
      workDir,
      program: programs[example],
    });
    stacks.push(t);
    await t.stack.setAllConfig(config);
    return t;
  }

  async function up(stack: Stack) {
    const events: EngineEvent[] = [];
    const result = await stack.up({ onEvent: (e) => events.push(e) });
    expect(result.summary.result).to.equal("succeeded");
    return { outputs: valuesOf(result.outputs), ops: opsOf(events) };
  }

  /** A preview that must plan nothing: every resource "same". */
  async function expectCleanPreview(stack: Stack, resources: number) {
    const events: EngineEvent[] = [];
    const result = await stack.preview({ onEvent: (e) => events.push(e) });
    const ops = Object.values(opsOf(events));
    expect(ops).to.have.length(resources);
    expect(
      ops.every((op) => op === "same"),
      JSON.stringify(opsOf(events)),
    ).to.equal(true);
    for (const change of ["create", "update", "replace", "delete"] as const) {
      expect(result.changeSummary[change] ?? 0, change).to.equal(0);
    }
  }

  /** The state as the file:// backend stores it must not hold these in plain text. */
  function expectNoPlainSecrets(t: TestStack, secrets: string[]) {
    const backend = path.join(t.dir, "backend");
    const stored = fs
      .readdirSync(backend, { recursive: true, encoding: "utf8" })
      .map((f) => path.join(backend, f))
      .filter((f) => f.endsWith(".json") && fs.statSync(f).isFile())
      .map((f) => fs.readFileSync(f, "utf8"))
      .join("\n");
    expect(stored).to.contain("ciphertext");
    for (const secret of secrets) expect(stored).not.to.contain(secret);
  }

  const renewals = (vendor: SandboxVendor, id: string) => sandbox.admin.renewalCount(vendor, id);

  function autodnsConfig(endpoint: string, certificateId: string): ConfigMap {
    const c = sandbox.credentials.autodns;
    return {
      certificateId: { value: certificateId },
      endpoint: { value: endpoint },
      user: { value: c.user },
      password: { value: c.password, secret: true },
      context: { value: String(c.context) },
    };
  }

  before(async function () {
    appDir = packagedInstall().dir;
    const packageEntry = require.resolve("pulumi-renewed-certificate", { paths: [appDir] });
    programs = Object.fromEntries(PROGRAMS.map((example) => [example, loadProgram(example, packageEntry)]));
    // Jobs finish only when a test says so: the outputs below do not race the sandbox.
    sandbox = await startSandbox({ jobCompletion: {} });
  });

  after(async function () {
    for (const t of stacks) await t.cleanup();
    fs.rmSync(path.join(appDir, "examples"), { recursive: true, force: true });
    await sandbox?.close();
  });

  it("has a Pulumi project with an index.ts entry and an exported program for every program example", function () {
    for (const example of PROGRAMS) {
      const dir = path.join(EXAMPLES, example);
      expect(fs.readFileSync(path.join(dir, "Pulumi.yaml"), "utf8")).to.match(
        /^runtime:\s*\n\s+name: nodejs/m,
      );
      expect(fs.readFileSync(path.join(dir, "index.ts"), "utf8")).to.match(/export = program\(\);/);
      expect(fs.readFileSync(path.join(dir, "program.ts"), "utf8")).to.match(
        /export async function program\(\)/,
      );
    }
    const listed = fs
      .readdirSync(EXAMPLES, { withFileTypes: true })
      .filter((d) => d.isDirectory() && fs.existsSync(path.join(EXAMPLES, d.name, "program.ts")))
      .map((d) => d.name)
      .filter((name) => name !== "demo");
    expect(listed.sort()).to.deep.equal([...PROGRAMS].sort());
  });

  it("documents every example: a README with each config key it reads, listed in examples/README.md and the README", function () {
    const examples = fs
      .readdirSync(EXAMPLES, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name);
    const index = fs.readFileSync(path.join(EXAMPLES, "README.md"), "utf8");
    const readme = section(fs.readFileSync(path.join(REPO_ROOT, "README.md"), "utf8"), "Examples");
    for (const example of examples) {
      expect(index, `examples/README.md lists ${example}`).to.contain(`(${example}/)`);
      expect(readme, `README.md "Examples" lists ${example}`).to.contain(`(examples/${example}/`);
    }
    for (const example of [...PROGRAMS, "scheduled-pipeline"]) {
      expect(
        fs.existsSync(path.join(EXAMPLES, example, "README.md")),
        `examples/${example}/README.md`,
      ).to.equal(true);
    }
    for (const example of PROGRAMS) {
      const doc = fs.readFileSync(path.join(EXAMPLES, example, "README.md"), "utf8");
      const keys = configKeysOf(example);
      expect(keys, `examples/${example} reads stack config`).to.have.length.greaterThan(0);
      for (const key of keys)
        expect(doc, `examples/${example}/README.md documents ${key}`).to.contain(`\`${key}\``);
    }
  });

  it("autodns-json: adopts a due certificate on the first up, renews it once on the next, then previews clean", async function () {
    const notAfter = inFuture(20);
    const { id } = await sandbox.admin.seedCertificate({ vendor: "autodns", notAfter });
    const t = await exampleStack("autodns-json", {
      ...autodnsConfig(sandbox.urls.autodnsJson, id),
      adminContactId: { value: "100" },
      technicalContactId: { value: "100" },
    });
    const adopted = await up(t.stack);
    expect(adopted.ops).to.deep.equal({ "autodns-json": "create" });
    expect(adopted.outputs.renewalStatus).to.equal("none");
    expect(adopted.outputs.renewalDue).to.equal(true);
    expect(renewals("autodns", id)).to.equal(0);
    const { outputs, ops } = await up(t.stack);
    expect(ops).to.deep.equal({ "autodns-json": "update" });
    expect(outputs.renewalStatus).to.equal("pending");
    expect(outputs.vendorStatus).to.equal("RUNNING");
    expect(outputs.jobId).to.match(/^\d+$/);
    expect(outputs.renewalReason).to.match(/inside the 30-day renewal window/);
    sameTime(outputs.notAfter, sandbox.admin.certificate("autodns", id)!.notAfter);
    expect(renewals("autodns", id)).to.equal(1);
    await expectCleanPreview(t.stack, 1);
    expect(renewals("autodns", id)).to.equal(1);
    expectNoPlainSecrets(t, [sandbox.credentials.autodns.password]);
  });

  it("autodns-xml: adopts a certificate that is not due, then previews clean", async function () {
    const { id } = await sandbox.admin.seedCertificate({ vendor: "autodns", notAfter: inFuture(60) });
    const t = await exampleStack("autodns-xml", autodnsConfig(sandbox.urls.autodnsXml, id));
    const { outputs, ops } = await up(t.stack);
    expect(ops).to.deep.equal({ "autodns-xml": "create" });
    expect(outputs.renewalStatus).to.equal("none");
    expect(outputs.renewalDue).to.equal(false);
    expect(outputs.jobId, "no renewal yet: the documented empty value").to.equal("");
    const seeded = sandbox.admin.certificate("autodns", id)!.notAfter;
    sameTime(outputs.notAfter, seeded);
    sameTime(outputs.renewAfter, new Date(Date.parse(seeded) - 30 * DAY).toISOString());
    await expectCleanPreview(t.stack, 1);
    expect(renewals("autodns", id)).to.equal(0);
    expectNoPlainSecrets(t, [sandbox.credentials.autodns.password]);
  });

  it("symantec: adopts a due certificate, renews it over TLS client auth on the next up and outputs the new PEM, then previews clean", async function () {
    const seeded = await sandbox.admin.seedCertificate({
      vendor: "symantec",
      notAfter: inFuture(20),
      challenge: "example-original-challenge",
    });
    const c = sandbox.credentials.symantec;
    const t = await exampleStack("symantec", {
      certificateId: { value: seeded.id },
      endpoint: { value: sandbox.urls.symantec },
      clientCertificate: { value: c.clientCertificate },
      clientKey: { value: c.clientKey, secret: true },
      caCertificate: { value: c.caCertificate },
      firstName: { value: "John" },
      lastName: { value: "Doe" },
      email: { value: "johndoe@aaa.com" },
      csr: { value: await createCsr(seeded.commonName) },
      originalCertificate: { value: seeded.pem },
      originalChallenge: { value: "example-original-challenge", secret: true },
      challenge: { value: "example-next-challenge", secret: true },
    });
    const adopted = await up(t.stack);
    expect(adopted.ops).to.deep.equal({ symantec: "create" });
    expect(adopted.outputs.renewalStatus).to.equal("none");
    expect(renewals("symantec", seeded.id)).to.equal(0);
    const { outputs, ops } = await up(t.stack);
    expect(ops).to.deep.equal({ symantec: "update" });
    expect(outputs.renewalStatus).to.equal("succeeded");
    expect(outputs.vendorStatus).to.equal("0x00");
    expect(outputs.transactionId).to.be.a("string").and.not.equal(seeded.id);
    expect(outputs.certificatePem).to.contain("-----BEGIN CERTIFICATE-----");
    // Later, and the issued certificate's: DigiCert cuts it to the CA/B schedule (199 days from
    // 2026-03-15), so it no longer moves a year (this used to expect 300+ days).
    expect(Date.parse(String(outputs.notAfter))).to.be.greaterThan(Date.parse(seeded.notAfter));
    expect(Date.parse(String(outputs.notAfter))).to.be.closeTo(
      Date.parse(sandbox.admin.certificate("symantec", String(outputs.transactionId))!.notAfter),
      1000,
    );
    expect(renewals("symantec", seeded.id)).to.equal(1);
    await expectCleanPreview(t.stack, 1);
    expect(renewals("symantec", seeded.id)).to.equal(1);
    expectNoPlainSecrets(t, [
      c.clientKey.split("\n")[1],
      "example-original-challenge",
      "example-next-challenge",
    ]);
  });

  it("resellerclub: adopts a due order, renews it once on the next up (action id in jobId), then previews clean", async function () {
    const { id } = await sandbox.admin.seedCertificate({
      vendor: "resellerclub",
      notAfter: inFuture(20),
      api: "digitalcertificate",
    });
    const c = sandbox.credentials.resellerclub;
    const t = await exampleStack("resellerclub", {
      certificateId: { value: id },
      endpoint: { value: sandbox.urls.resellerclub },
      authUserId: { value: c.authUserId },
      apiKey: { value: c.apiKey, secret: true },
      attributes: { value: JSON.stringify({ org_name: "Example Org", approveremail: "admin@example.org" }) },
    });
    const adopted = await up(t.stack);
    expect(adopted.ops).to.deep.equal({ resellerclub: "create" });
    expect(adopted.outputs.renewalStatus).to.equal("none");
    expect(renewals("resellerclub", id)).to.equal(0);
    const { outputs, ops } = await up(t.stack);
    expect(ops).to.deep.equal({ resellerclub: "update" });
    expect(outputs.renewalStatus).to.equal("pending");
    expect(outputs.jobId).to.match(/^\d+$/);
    expect(sandbox.admin.job(String(outputs.jobId))?.certificateId).to.equal(id);
    expect(renewals("resellerclub", id)).to.equal(1);
    await expectCleanPreview(t.stack, 1);
    expect(renewals("resellerclub", id)).to.equal(1);
    expectNoPlainSecrets(t, [c.apiKey]);
  });

  it("downstream-pem: the consumer gets the PEM, and the renewed PEM once the vendor's job is done", async function () {
    const { id } = await sandbox.admin.seedCertificate({ vendor: "autodns", notAfter: inFuture(20) });
    const before = sandbox.admin.certificate("autodns", id)!;
    const pemPath = path.join(appDir, "examples", "downstream-pem.site.pem");
    const t = await exampleStack("downstream-pem", {
      ...autodnsConfig(sandbox.urls.autodnsJson, id),
      pemPath: { value: pemPath },
    });

    const adopted = await up(t.stack);
    expect(adopted.ops).to.deep.equal({ site: "create", "site-pem": "create" });
    expect(adopted.outputs.renewalStatus).to.equal("none");
    const first = await up(t.stack);
    expect(first.ops.site).to.equal("update");
    expect(first.outputs.renewalStatus).to.equal("pending");
    expect(fs.readFileSync(pemPath, "utf8").trim()).to.equal(before.pem.trim());
    expect(first.outputs.pemPath).to.equal(pemPath);
    sameTime(first.outputs.pemNotAfter, before.notAfter);

    for (const job of sandbox.admin.jobs({ vendor: "autodns", certificateId: id })) {
      if (job.state === "running") await sandbox.admin.completeJob(job.id);
    }
    const renewed = sandbox.admin.certificate("autodns", id)!;
    expect(renewed.pem).not.to.equal(before.pem);

    const second = await up(t.stack);
    expect(second.ops).to.deep.equal({ site: "update", "site-pem": "update" });
    expect(second.outputs.renewalStatus).to.equal("succeeded");
    expect(fs.readFileSync(pemPath, "utf8").trim()).to.equal(renewed.pem.trim());
    sameTime(second.outputs.pemNotAfter, renewed.notAfter);
    expect(renewals("autodns", id)).to.equal(1);

    await expectCleanPreview(t.stack, 2);
  });

  it("fleet: declares every certificate of the inventory across vendors, renews exactly the due ones on the up after adoption, then previews clean", async function () {
    // The shipped inventory names the sandbox's seeded certificates; a Symantec entry is added here
    // because its PEM and CSR files depend on the running sandbox.
    const shipped = readInventory(path.join(EXAMPLES, "fleet", "inventory.json"));
    const seeded = await sandbox.admin.seedCertificate({
      vendor: "symantec",
      notAfter: inFuture(20),
      challenge: "fleet-original-challenge",
    });
    const dir = path.join(appDir, "examples", "fleet-inventory");
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, "www.csr"), await createCsr(seeded.commonName));
    fs.writeFileSync(path.join(dir, "www.pem"), seeded.pem);
    const inventory = {
      defaults: shipped.defaults,
      certificates: [
        ...shipped.certificates,
        {
          name: "www-example-net",
          certificateId: seeded.id,
          symantec: {
            firstName: "John",
            lastName: "Doe",
            email: "johndoe@aaa.com",
            certProductType: "Server",
            serverType: "Apache",
            csrFile: "www.csr",
            originalCertificateFile: "www.pem",
          },
        },
      ],
    };
    fs.writeFileSync(path.join(dir, "inventory.json"), JSON.stringify(inventory, null, 2));

    const a = sandbox.credentials.autodns;
    const r = sandbox.credentials.resellerclub;
    const s = sandbox.credentials.symantec;
    const t = await exampleStack("fleet", {
      inventoryFile: { value: path.join(dir, "inventory.json") },
      autodnsEndpoint: { value: sandbox.urls.autodnsJson },
      autodnsXmlEndpoint: { value: sandbox.urls.autodnsXml },
      autodnsUser: { value: a.user },
      autodnsPassword: { value: a.password, secret: true },
      autodnsContext: { value: String(a.context) },
      resellerclubEndpoint: { value: sandbox.urls.resellerclub },
      resellerclubAuthUserId: { value: r.authUserId },
      resellerclubApiKey: { value: r.apiKey, secret: true },
      symantecEndpoint: { value: sandbox.urls.symantec },
      symantecClientCertificate: { value: s.clientCertificate },
      symantecClientKey: { value: s.clientKey, secret: true },
      symantecCaCertificate: { value: s.caCertificate },
      symantecChallenges: {
        value: JSON.stringify({
          "www-example-net": { originalChallenge: "fleet-original-challenge", challenge: "fleet-next" },
        }),
        secret: true,
      },
    });

    const adopted = await up(t.stack);
    const names = inventory.certificates.map((e) => e.name);
    expect(Object.keys(adopted.ops).sort()).to.deep.equal([...names].sort());
    expect(Object.values(adopted.ops).every((op) => op === "create")).to.equal(true);
    expect(adopted.outputs.renewalsDue).to.equal(4);
    expect(adopted.outputs.renewalsPending).to.equal(0);

    const { outputs, ops } = await up(t.stack);
    expect(Object.entries(ops).filter(([, op]) => op === "update").length).to.equal(4);
    const certs = outputs.certificates as Record<string, Record<string, unknown>>;
    const statuses = Object.fromEntries(names.map((n) => [n, certs[n].renewalStatus]));
    expect(statuses).to.deep.equal({
      "example-com": "pending", // AutoDNS JSON, 20 days left
      "shop-example-com": "none", // AutoDNS XML, 60 days left
      "far-example-com": "none", // AutoDNS JSON, 300 days left
      "example-org": "pending", // ResellerClub digitalcertificate, 20 days left
      "secure-example-org": "pending", // ResellerClub sslcert, 20 days left
      "far-example-org": "none", // ResellerClub sslcert, 300 days left
      "www-example-net": "succeeded", // Symantec, 20 days left, approved at once
    });
    expect(certs["shop-example-com"].vendor).to.equal("autodns");
    expect(certs["www-example-net"].transactionId).to.be.a("string");
    expect(outputs.renewalsDue).to.equal(0);
    expect(outputs.renewalsPending).to.equal(3);
    const counts = {
      autodns: ["100", "101", "102"].map((id) => renewals("autodns", id)),
      resellerclub: ["85547813", "85547814", "85547815"].map((id) => renewals("resellerclub", id)),
      symantec: renewals("symantec", seeded.id),
    };
    expect(counts).to.deep.equal({ autodns: [1, 0, 0], resellerclub: [1, 1, 0], symantec: 1 });

    await expectCleanPreview(t.stack, names.length);
    expectNoPlainSecrets(t, [a.password, r.apiKey, "fleet-original-challenge"]);
  });

  it("scheduled-pipeline: the workflow runs on a schedule, alarms with preview --expect-no-changes and renews with up", function () {
    const workflow = fs.readFileSync(WORKFLOW, "utf8");
    expect(workflow).to.match(/^\s+schedule:\s*\n\s+- cron: "[^"]+"/m);
    expect(workflow).to.match(/^\s+(run: )?pulumi preview\b.*--expect-no-changes/m);
    expect(workflow).to.match(/^\s+(run: )?pulumi up\b.*--yes/m);
    // The project it runs is one of the examples above, installed from the package that holds it.
    const projectDir = /^\s+PROJECT_DIR:\s*(\S+)/m.exec(workflow)?.[1];
    const nodeDir = /^\s+NODE_DIR:\s*(\S+)/m.exec(workflow)?.[1];
    expect(projectDir).to.be.a("string");
    expect(nodeDir).to.be.a("string");
    expect(fs.existsSync(path.join(REPO_ROOT, projectDir!, "Pulumi.yaml"))).to.equal(true);
    expect(PROGRAMS.map((p) => `examples/${p}`)).to.include(projectDir);
    for (const file of ["package.json", "package-lock.json"]) {
      expect(fs.existsSync(path.join(REPO_ROOT, nodeDir!, file)), `${nodeDir}/${file}`).to.equal(true);
    }
    expect(path.relative(path.join(REPO_ROOT, nodeDir!), path.join(REPO_ROOT, projectDir!))).not.to.match(
      /^\.\./,
    );
    // Both jobs install the packages where the lock file is, before running pulumi.
    const installs = [
      ...workflow.matchAll(/working-directory: \$\{\{ env\.NODE_DIR \}\}\n\s+run: \|\n\s+npm ci\b/g),
    ];
    expect(installs).to.have.length(2);
  });
});
