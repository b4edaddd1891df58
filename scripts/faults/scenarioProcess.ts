/**
 * One fault scenario in a process of its own: `tsx scripts/faults/scenarioProcess.ts <id>
 * <installDir> <resultFile>`. The runner (./run.ts) starts one per scenario and aggregates the
 * verdicts it writes to `<resultFile>` as JSON.
 *
 * Why a process per scenario: the Automation API runs inline programs inside the calling process,
 * and `@pulumi/pulumi` keeps its engine and monitor connections in process-wide state
 * (`runtime/settings`, reset by `disconnect()` at the end of every run). When the harness SIGKILLs
 * an engine, that run's program lives on until its calls to the dead engine fail, and its last act
 * disconnects the shared clients — under load that can happen while a later scenario's program is
 * already using them, which then fails with `14 UNAVAILABLE: No connection established` instead of
 * the vendor's error. Waiting for the stray run to end (the earlier fix) only works while it ends
 * within the wait; a process per scenario means no scenario shares a Pulumi runtime with another.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { startSandbox, type Sandbox, type SandboxVendor } from "../../sandbox";
import type { PackagedInstall } from "../../test/support/packagedInstall";
import { APIS } from "./apis";
import { evaluate, type ScenarioVerdict } from "./evaluate";
import { FaultStack } from "./faultStack";
import { SCENARIOS } from "./matrix";
import { ScenarioContext, type Scenario } from "./scenario";

const DAY_MS = 86_400_000;

/**
 * A program whose engine the harness killed runs in this process (inline Automation API), so a
 * call it had open to the dead engine can fail after its run has ended. With no run in flight
 * nobody would handle that rejection and Node would end the scenario; it is the harness's own
 * artefact (a real program dies with its engine), so it is reported and the scenario goes on.
 * While a run is in flight, that run's own handler takes it, as for any program.
 */
function absorbStrayEngineErrors(): void {
  /** The gRPC status a call to a dead engine fails with. */
  const GRPC_UNAVAILABLE = 14;
  process.on("unhandledRejection", (reason) => {
    if (process.listenerCount("unhandledRejection") > 1) return;
    const code = (reason as { code?: unknown } | undefined)?.code;
    if (code !== GRPC_UNAVAILABLE) throw reason;
    console.error(
      `[faults] a killed run's call to its dead engine failed late: ${(reason as Error).message}`,
    );
  });
}

/** Credentials and challenge phrases that must never appear in engine output. */
function secretsOf(sandbox: Sandbox): string[] {
  return Object.values(APIS).flatMap((api) => api.case.secrets(sandbox));
}

/** The package as installed by the runner (`packagedInstall`) in `dir`. */
function installedAt(dir: string): PackagedInstall {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const lib = require(path.join(dir, "node_modules", "pulumi-renewed-certificate")) as PackagedInstall["lib"];
  return { dir, tarball: "", lib };
}

/** Seeds the certificate again as it was, with a paid term running `days` from now. */
async function withPaidTerm(sandbox: Sandbox, vendor: SandboxVendor, id: string, days: number) {
  const c = sandbox.admin.certificate(vendor, id)!;
  const coverageEndsAt = new Date(sandbox.admin.clock.now().getTime() + days * DAY_MS).toISOString();
  await sandbox.admin.seedCertificate({
    ...c,
    subjectAlternativeNames: c.subjectAlternativeNames,
    coverageEndsAt,
  });
}

async function runScenario(scenario: Scenario, sandbox: Sandbox, install: PackagedInstall) {
  const started = Date.now();
  const api = APIS[scenario.api];
  const notAfter = new Date(sandbox.admin.clock.now().getTime() + (scenario.expiresInDays ?? 60) * DAY_MS);
  const certId = await api.case.seed(sandbox, notAfter.toISOString());
  if (scenario.termDays !== undefined) await withPaidTerm(sandbox, api.vendor, certId, scenario.termDays);
  const base = await api.case.args(sandbox, certId);
  const args = { ...base, ...(await scenario.args?.(base, sandbox)) };
  const stack = await FaultStack.create(scenario.id, sandbox, install, args);
  const ctx = new ScenarioContext(sandbox, api, stack, certId, install);
  try {
    await scenario.run(ctx);
  } catch (e) {
    ctx.check(false, `the scenario itself threw: ${(e as Error).stack ?? String(e)}`);
  } finally {
    await ctx.disarm();
    sandbox.admin.clearFaults();
    sandbox.admin.setSymantecAutoApprove(true);
    ctx.cleanup();
  }
  if (process.env.FAULTS_DUMP) {
    for (const op of ctx.ops) console.log(`----- ${op.op} ok=${op.ok}\n${op.output}`);
  }
  return evaluate(scenario, ctx, ctx.ops, secretsOf(sandbox), Date.now() - started);
}

async function main(): Promise<void> {
  const [id, installDir, resultFile] = process.argv.slice(2);
  const scenario = SCENARIOS.find((s) => s.id === id);
  if (!scenario || !installDir || !resultFile)
    throw new Error(`usage: scenarioProcess.ts <scenario id> <install dir> <result file> (got ${id})`);
  absorbStrayEngineErrors();
  const sandbox = await startSandbox({ jobCompletion: {} });
  try {
    const { scenario: _scenario, ...verdict } = await runScenario(scenario, sandbox, installedAt(installDir));
    fs.writeFileSync(resultFile, JSON.stringify(verdict satisfies ScenarioVerdict));
  } finally {
    await sandbox.close();
  }
}

main().then(
  // Exit at once: a killed run's stray program must not keep this process alive.
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(2);
  },
);
