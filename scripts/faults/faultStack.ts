/**
 * One isolated Pulumi stack per fault scenario, driven through the real engine (Automation API,
 * `file://` backend, the package installed from its tarball). Every operation pins the provider's
 * clock to the sandbox's, captures the engine's stdout/stderr, never throws, and snapshots the
 * resource's state straight from the backend's state file afterwards.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { Stack } from "@pulumi/pulumi/automation";
import type { RenewedCertificateArgs } from "../../provider/args";
import type { Sandbox } from "../../sandbox";
import { newStack } from "../../test/support/engine";
import type { PackagedInstall } from "../../test/support/packagedInstall";

const TYPE = "pulumi-nodejs:dynamic/renewed-certificate:RenewedCertificate";

/** The provider's per-request timeout in the fault matrix (delay faults are longer than this). */
export const CLIENT_TIMEOUT_MS = 2000;

/** What one engine operation did. */
export interface OpResult {
  op: "up" | "refresh" | "preview" | "cancel";
  ok: boolean;
  /** Everything the engine printed (stdout and stderr). */
  output: string;
  /** The error lines the engine reported for the resource (the provider's `e.message`s). */
  errors: string[];
  /** The resource's outputs in the state file after the operation (undefined: not in state). */
  state?: Record<string, unknown>;
  /** The harness killed the engine or provider during this operation (its errors are the engine's). */
  killed?: boolean;
  /** The backend's lock refused the operation (another run held the stack): the engine's error. */
  locked?: boolean;
}

/** The engine's refusal when another update holds the stack's lock. */
export const STACK_LOCKED = /the stack is currently locked/;

/** Where a new {@link FaultStack} keeps its state, and where its operations are recorded. */
export interface FaultStackOptions {
  /** Another runner of this stack: same backend, stack and project, its own machine (temp dir). */
  sameStackAs?: FaultStack;
  /**
   * Another stack of this stack's project (named `<stack>-other`, its own backend): the
   * workspace directory, shared by a scenario's stacks, holds one Pulumi.yaml, so one project.
   */
  otherStackOf?: FaultStack;
  /** The list every operation is appended to (shared by a scenario's stacks). */
  ops?: OpResult[];
}

/**
 * One scenario's stack: `up`, `refresh` and `cancel` through the real engine, each recorded as an
 * {@link OpResult} with the resource's state afterwards; the args and the provider's clock offset
 * can change between operations.
 */
export class FaultStack {
  private args: RenewedCertificateArgs;
  private clockOffsetMs = 0;

  private constructor(
    private readonly sandbox: Sandbox,
    private readonly stack: Stack,
    private readonly projectName: string,
    private readonly stackName: string,
    readonly dir: string,
    /** The temp dir whose `backend/` holds the state (another runner's, for a second runner). */
    private readonly backendDir: string,
    args: RenewedCertificateArgs,
    readonly ops: OpResult[],
  ) {
    this.args = args;
  }

  /** A fresh stack holding one `RenewedCertificate` named "cert" (or another runner of one). */
  static async create(
    name: string,
    sandbox: Sandbox,
    install: PackagedInstall,
    args: RenewedCertificateArgs,
    options: FaultStackOptions = {},
  ): Promise<FaultStack> {
    const holder: { stack?: FaultStack } = {};
    const same = options.sameStackAs;
    const project = same ?? options.otherStackOf;
    const projectName = project?.projectName ?? `faults-${name}`;
    const stackName = same?.stackName ?? (options.otherStackOf ? `${projectName}-other` : projectName);
    const backendDir = same?.backendDir;
    const t = await newStack({
      projectName,
      stackName,
      workDir: install.dir,
      envVars: {
        RENEWED_CERTIFICATE_TIMEOUT_MS: String(CLIENT_TIMEOUT_MS),
        ...(backendDir ? { PULUMI_BACKEND_URL: `file://${path.join(backendDir, "backend")}` } : {}),
      },
      // No stack outputs: a program whose engine is killed would wait for them forever (see
      // inlineRunsSettled). Scenarios read the resource's outputs from the state file instead.
      program: async () => {
        new install.lib.RenewedCertificate("cert", holder.stack!.args);
      },
    });
    const ops = options.ops ?? [];
    holder.stack = new FaultStack(
      sandbox,
      t.stack,
      projectName,
      stackName,
      t.dir,
      backendDir ?? t.dir,
      args,
      ops,
    );
    return holder.stack;
  }

  /**
   * The next operation runs on a fresh machine: an empty `PULUMI_HOME`, so nothing the last runner
   * left on its disk, the renewal journal (provider/journal.ts) included; the backend's state
   * stays. With `keepJournal` the pipeline kept the journal as a cache: it is restored outside
   * `PULUMI_HOME` and named by `RENEWED_CERTIFICATE_JOURNAL_DIR`, as such a pipeline would.
   */
  freshMachine(options: { keepJournal?: boolean } = {}): void {
    const home = path.join(this.dir, "home");
    if (options.keepJournal) {
      const cache = path.join(this.dir, "journal-cache");
      const journal = path.join(home, "renewed-certificate", "journal");
      if (fs.existsSync(journal)) fs.cpSync(journal, cache, { recursive: true });
      this.stack.workspace.envVars.RENEWED_CERTIFICATE_JOURNAL_DIR = cache;
    }
    fs.rmSync(home, { recursive: true, force: true });
    fs.mkdirSync(home, { recursive: true });
  }

  /** The resource's inputs now. */
  get currentArgs(): RenewedCertificateArgs {
    return this.args;
  }

  /** Changes the resource's inputs for the next operations. */
  setArgs(patch: Partial<RenewedCertificateArgs>): void {
    this.args = { ...this.args, ...patch };
  }

  /** Runs the provider's clock this far ahead of (negative: behind) the sandbox's. */
  skewProviderClock(ms: number): void {
    this.clockOffsetMs = ms;
  }

  async up(): Promise<OpResult> {
    return this.run("up", (onOutput, onError) => this.stack.up({ onOutput, onError }));
  }

  async refresh(): Promise<OpResult> {
    return this.run("refresh", (onOutput, onError) => this.stack.refresh({ onOutput, onError }));
  }

  async preview(): Promise<OpResult> {
    return this.run("preview", (onOutput, onError) => this.stack.preview({ onOutput, onError }));
  }

  /** `pulumi cancel`: what a user runs when a killed update left the stack locked. */
  async cancel(): Promise<OpResult> {
    return this.run("cancel", async () => this.stack.cancel());
  }

  /** The resource's outputs as stored in the backend's state file (secrets stay ciphertext). */
  state(): Record<string, unknown> | undefined {
    const file = path.join(
      this.backendDir,
      "backend",
      ".pulumi",
      "stacks",
      this.projectName,
      `${this.stackName}.json`,
    );
    return stateOutputs(file);
  }

  /** Forgets the stack: removes its temp dir (nothing at the vendor is touched). */
  cleanup(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }

  private async run(
    op: OpResult["op"],
    action: (onOutput: (s: string) => void, onError: (s: string) => void) => Promise<unknown>,
  ): Promise<OpResult> {
    const now = this.sandbox.admin.clock.now().getTime() + this.clockOffsetMs;
    this.stack.workspace.envVars.RENEWED_CERTIFICATE_NOW = new Date(now).toISOString();
    let output = "";
    const collect = (s: string) => {
      output += s;
    };
    let ok = true;
    const runsBefore = inlineRunsInFlight();
    try {
      await action(collect, collect);
    } catch (e) {
      ok = false;
      const message = (e as Error).message ?? String(e);
      if (!output.includes(message)) output += `\n${message}`;
      const settled = await inlineRunsSettled(runsBefore);
      if (!settled)
        output += `\n[harness] the killed operation's program was still running ${SETTLE_TIMEOUT_MS} ms later`;
    }
    const result: OpResult = { op, ok, output, errors: errorLines(output), state: this.state() };
    if (!ok && STACK_LOCKED.test(output)) result.locked = true;
    this.ops.push(result);
    return result;
  }
}

/** How long a killed operation's program may take to notice its engine is gone. */
const SETTLE_TIMEOUT_MS = 30_000;

/**
 * Inline programs running in this process. The Automation API's language server adds one
 * `uncaughtException` listener per program run and removes it when the run ends.
 */
function inlineRunsInFlight(): number {
  return process.listenerCount("uncaughtException");
}

/**
 * Waits until the program of a failed operation has ended. When the harness SIGKILLs the engine,
 * the inline program runs on in this process (a real one dies with its engine) until its calls to
 * the dead engine fail. Its last act is to disconnect the SDK's engine and monitor clients, which
 * are shared by every run in the process: had the next operation started by then, its program would
 * lose its connections and fail with "14 UNAVAILABLE: No connection established". The language
 * server removes its listener when the run ends: that is the event awaited.
 */
async function inlineRunsSettled(before: number): Promise<boolean> {
  if (inlineRunsInFlight() <= before) return true;
  return new Promise((resolve) => {
    const done = (settled: boolean) => {
      clearTimeout(timer);
      process.off("removeListener", onRemove);
      resolve(settled);
    };
    const onRemove = (event: string | symbol) => {
      if (event === "uncaughtException" && inlineRunsInFlight() <= before) done(true);
    };
    const timer = setTimeout(() => done(false), SETTLE_TIMEOUT_MS);
    process.on("removeListener", onRemove);
  });
}

/** Reads the RenewedCertificate's outputs from a file:// backend state file. */
export function stateOutputs(file: string): Record<string, unknown> | undefined {
  if (!fs.existsSync(file)) return undefined;
  const doc = JSON.parse(fs.readFileSync(file, "utf8")) as {
    checkpoint?: { latest?: { resources?: { type: string; outputs?: Record<string, unknown> }[] } };
  };
  return doc.checkpoint?.latest?.resources?.find((r) => r.type === TYPE)?.outputs;
}

/**
 * The provider's error messages in engine output: the diagnostics the engine prints as
 * `error: <message>`, or `error: N error(s) occurred:` followed by `* <message>` lines (a partial
 * failure). Deduplicated: the engine repeats its diagnostics in the error it returns.
 */
export function errorLines(output: string): string[] {
  const lines = output.split("\n").map((l) => l.trim());
  const found: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const m = /^error: (.*)$/.exec(lines[i]);
    if (!m || /^(update|preview|refresh|destroy) failed$/.test(m[1])) continue;
    if (!/^\d+ errors? occurred:$/.test(m[1])) {
      found.push(m[1]);
      continue;
    }
    for (let j = i + 1; j < lines.length && lines[j].startsWith("* "); j++) found.push(lines[j].slice(2));
  }
  return [...new Set(found)];
}
