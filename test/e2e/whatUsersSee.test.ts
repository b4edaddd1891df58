// What a user sees and what state keeps, through the real engine with the package installed from
// its tarball (issue 18; docs/TROUBLESHOOTING.md and README.md name these tests):
// - a credential given as a plain string never reaches the stored checkpoint in plain text;
// - a due certificate on a new stack is adopted, not renewed, by the first `up`; the next preview
//   announces the renewal and the next `up` submits it;
// - misspelled fields (`autodns.pasword`, a top-level `renewBeforeDay`) are refused by name;
// - `lifetimeMonths: "12"` is refused saying a string was given;
// - after `refresh`, changing only `renewalTrigger` diffs only `renewalTrigger`.
import { expect } from "chai";
import * as fs from "node:fs";
import * as path from "node:path";
import type { EngineEvent, Stack } from "@pulumi/pulumi/automation";
import type { Sandbox } from "../../sandbox";
import { newStack, TestStack } from "../support/engine";
import { sandboxAndStacksPerSuite } from "../support/engineSuite";
import { packagedInstall } from "../support/packagedInstall";

const TYPE = "pulumi-nodejs:dynamic/renewed-certificate:RenewedCertificate";
const DAY = 86_400_000;

/** The resource's step in a run: its op and the input keys the engine saw change. */
function stepOf(events: EngineEvent[]): { op?: string } {
  const m = events.map((e) => e.resourcePreEvent?.metadata).find((x) => x?.type === TYPE);
  return { op: m?.op };
}

function storedFiles(dir: string): string {
  return fs
    .readdirSync(dir, { recursive: true, encoding: "utf8" })
    .map((f) => path.join(dir, f))
    .filter((f) => fs.statSync(f).isFile())
    .map((f) => fs.readFileSync(f, "utf8"))
    .join("\n");
}

describe("what users see and what state keeps, through the engine (installed package)", function () {
  this.timeout(10 * 60_000);
  let sandbox: Sandbox;
  const stacks: TestStack[] = [];
  sandboxAndStacksPerSuite(stacks, (started) => (sandbox = started));

  /** A stack whose program declares one resource from `args()` exactly as given (no typing). */
  async function stackOf(name: string, args: () => Record<string, unknown>): Promise<Stack> {
    const { dir, lib } = packagedInstall();
    const t = await newStack({
      projectName: name,
      stackName: name,
      workDir: dir,
      program: async () => {
        const cert = new lib.RenewedCertificate("cert", args() as never);
        return { renewalStatus: cert.renewalStatus, notAfter: cert.notAfter };
      },
    });
    stacks.push(t);
    return t.stack;
  }
  const pin = (stack: Stack) => {
    stack.workspace.envVars.RENEWED_CERTIFICATE_NOW = sandbox.admin.clock.now().toISOString();
  };
  /** AutoDNS JSON inputs with every credential a plain string, as a config-driven program gives them. */
  function plainAutodns(id: string): Record<string, unknown> {
    const c = sandbox.credentials.autodns;
    return {
      certificateId: id,
      lifetimeMonths: 12,
      autodns: { endpoint: sandbox.urls.autodnsJson, user: c.user, password: c.password, context: c.context },
    };
  }
  async function seed(days: number): Promise<string> {
    const notAfter = new Date(sandbox.admin.clock.now().getTime() + days * DAY).toISOString();
    return (await sandbox.admin.seedCertificate({ vendor: "autodns", notAfter })).id;
  }
  async function resourceState(stack: Stack) {
    const deployment = (await stack.exportStack()).deployment as {
      resources: { type: string; inputs: Record<string, unknown>; outputs: Record<string, unknown> }[];
    };
    return deployment.resources.find((r) => r.type === TYPE)!;
  }

  it("keeps a plain-string password and API key out of the stored checkpoint (inputs and outputs)", async () => {
    const id = await seed(60);
    const autodnsStack = await stackOf("plain-autodns-credential", () => plainAutodns(id));
    pin(autodnsStack);
    expect((await autodnsStack.up()).summary.result).to.equal("succeeded");
    const stored = storedFiles(path.join(stacks[stacks.length - 1].dir, "backend"));
    expect(stored).to.contain(TYPE);
    expect(stored).to.contain("ciphertext");
    expect(stored).not.to.contain(sandbox.credentials.autodns.password);
    // Marked secret in the stack's inputs (and so in the echoed outputs), not dropped.
    const state = await resourceState(autodnsStack);
    for (const props of [state.inputs, state.outputs]) {
      expect((props.autodns as Record<string, unknown>).password).to.have.property(
        "4dabf18193072939515e22adb298388d",
        "1b47061264138c4ac30d75fd1eb44270",
      );
    }

    // One workspace directory holds one stack's settings at a time: the next stack comes after.
    const r = sandbox.credentials.resellerclub;
    const notAfter = new Date(sandbox.admin.clock.now().getTime() + 60 * DAY).toISOString();
    const rcId = (
      await sandbox.admin.seedCertificate({ vendor: "resellerclub", notAfter, api: "digitalcertificate" })
    ).id;
    const rcStack = await stackOf("plain-resellerclub-credential", () => ({
      certificateId: rcId,
      lifetimeMonths: 12,
      resellerclub: { endpoint: sandbox.urls.resellerclub, authUserId: r.authUserId, apiKey: r.apiKey },
    }));
    pin(rcStack);
    expect((await rcStack.up()).summary.result).to.equal("succeeded");
    const rcStored = storedFiles(path.join(stacks[stacks.length - 1].dir, "backend"));
    expect(rcStored).to.contain(TYPE);
    expect(rcStored).not.to.contain(r.apiKey);
  });

  it("adopts a due certificate on a new stack without renewing; the next preview announces the renewal, the next up buys it", async () => {
    const id = await seed(20);
    const stack = await stackOf("due-on-adoption", () => plainAutodns(id));
    pin(stack);
    const created: EngineEvent[] = [];
    await stack.up({ onEvent: (e) => created.push(e) });
    expect(stepOf(created).op).to.equal("create");
    expect(sandbox.admin.renewalCount("autodns", id)).to.equal(0);
    const adopted = (await resourceState(stack)).outputs;
    expect(adopted.renewalStatus).to.equal("none");
    expect(adopted.renewalDue).to.equal(true);

    const planned: EngineEvent[] = [];
    const preview = await stack.preview({ onEvent: (e) => planned.push(e) });
    expect(stepOf(planned).op).to.equal("update");
    expect(preview.stdout).to.match(/renewal planned — certificate \d+ expires in \d+ day\(s\)/);
    expect(sandbox.admin.renewalCount("autodns", id)).to.equal(0);

    await stack.up();
    expect(sandbox.admin.renewalCount("autodns", id)).to.equal(1);
  });

  it("refuses autodns.pasword and a top-level renewBeforeDay by name, with the known name", async () => {
    const id = await seed(60);
    const stack = await stackOf("misspelled", () => {
      const given = plainAutodns(id);
      const { password, ...block } = given.autodns as Record<string, unknown>;
      return { ...given, renewBeforeDay: 10, autodns: { ...block, pasword: password } };
    });
    pin(stack);
    const message = String(((await stack.preview().catch((e: Error) => e)) as Error).message);
    expect(message, message).to.match(
      /autodns\.pasword is not an input of the autodns block: did you mean password\?/,
    );
    expect(message).to.match(
      /renewBeforeDay is not an input of RenewedCertificate: did you mean renewBeforeDays\?/,
    );
    expect(message).not.to.contain(sandbox.credentials.autodns.password);
  });

  it("never prints a plain-string credential in a check failure on its block", async () => {
    const id = await seed(60);
    const r = sandbox.credentials.resellerclub;
    const stack = await stackOf("two-vendor-blocks", () => ({
      ...plainAutodns(id),
      resellerclub: { endpoint: sandbox.urls.resellerclub, authUserId: r.authUserId, apiKey: r.apiKey },
    }));
    pin(stack);
    const message = String(((await stack.preview().catch((e: Error) => e)) as Error).message);
    expect(message).to.match(
      /property autodns \+ resellerclub value \{<nil>\} has a problem: set exactly one vendor block/,
    );
    expect(message, message).not.to.contain(r.apiKey);
    expect(message).not.to.contain(sandbox.credentials.autodns.password);
  });

  it('refuses lifetimeMonths: "12" saying a string was given, as documented', async () => {
    const id = await seed(60);
    const stack = await stackOf("string-lifetime", () => ({ ...plainAutodns(id), lifetimeMonths: "12" }));
    pin(stack);
    const message = String(((await stack.preview().catch((e: Error) => e)) as Error).message);
    expect(message).to.contain('lifetimeMonths must be a number, but the string "12" was given');
  });

  it("after a refresh, changing only renewalTrigger diffs only renewalTrigger", async () => {
    const id = await seed(60);
    const given: { trigger?: string } = {};
    const stack = await stackOf("refresh-then-trigger", () => ({
      ...plainAutodns(id),
      renewalTrigger: given.trigger,
    }));
    pin(stack);
    await stack.up();
    await stack.refresh();
    expect(Object.keys((await resourceState(stack)).inputs)).not.to.include("notAfter");
    given.trigger = "rotate-1";
    const events: EngineEvent[] = [];
    const preview = await stack.preview({ diff: true, onEvent: (e) => events.push(e) });
    expect(stepOf(events).op).to.equal("update");
    // `preview --diff` marks each changed input with + / - / ~: only renewalTrigger and the planned
    // action it causes (docs/REFERENCE.md, `plannedAction`), no `- notAfter`.
    const changed = preview.stdout.split("\n").filter((l) => /^\s+[-+~] [a-zA-Z]+\s*:/.test(l));
    expect(
      changed.map((l) => l.trim()),
      preview.stdout,
    ).to.deep.equal([
      // The CLI escapes the quotes inside a changed string, and pads keys to the longest (refreshedState).
      '~ plannedAction : "none" => "renewal planned — renewalTrigger changed from \\"\\" to \\"rotate-1\\""',
      '+ renewalTrigger: "rotate-1"',
    ]);
  });
});
