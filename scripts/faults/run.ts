/**
 * `npm run faults`: the fault matrix through the real engine. Every scenario gets a fresh
 * certificate in one shared sandbox (jobs finish only when a scenario says so) and a fresh stack
 * using the package installed from its tarball; scenarios run one after another.
 *
 * Prints a table, the details of every failure, and as its last line
 * `{"scenarios":N,"doubleRenewals":N,"lostJobIds":N,"unclearErrors":N}`. Exits non-zero when any
 * count is above 0 or a scenario's own checks failed.
 *
 * Flags: `--only <text>` runs the scenarios whose id contains the text; `--verbose` prints every
 * error message the engine reported; `--list` prints the matrix as Markdown without running it.
 * `FAULTS_DUMP=1` prints the engine output of every operation.
 */
import * as fs from "node:fs";
import { startSandbox, type Sandbox, type SandboxVendor } from "../../sandbox";
import { packagedInstall, type PackagedInstall } from "../../test/support/packagedInstall";
import { APIS } from "./apis";
import { evaluate, type ScenarioResult } from "./evaluate";
import { EXACTLY_ONCE_SCENARIOS } from "./exactlyOnceScenarios";
import { REISSUE_SCENARIOS } from "./reissueScenarios";
import { FaultStack } from "./faultStack";
import { printReport, summarize } from "./report";
import { ScenarioContext, type Scenario } from "./scenario";
import { READ_SCENARIOS, RENEW_SCENARIOS } from "./transientScenarios";

const DAY_MS = 86_400_000;

/** Every scenario of the matrix, in run order. */
export const SCENARIOS: Scenario[] = [
  ...READ_SCENARIOS,
  ...RENEW_SCENARIOS,
  ...EXACTLY_ONCE_SCENARIOS,
  ...REISSUE_SCENARIOS,
];

/**
 * A program whose engine the harness killed runs in this process (inline Automation API), so a
 * call it had open to the dead engine can fail after its run has ended. With no run in flight
 * nobody would handle that rejection and Node would end the harness; it is the harness's own
 * artefact (a real program dies with its engine), so it is reported and the matrix goes on.
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

function flag(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? (process.argv[i + 1] ?? "") : undefined;
}

/** Credentials and challenge phrases that must never appear in engine output. */
function secretsOf(sandbox: Sandbox): string[] {
  return Object.values(APIS).flatMap((api) => api.case.secrets(sandbox));
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
  const ctx = new ScenarioContext(sandbox, api, stack, certId);
  try {
    await scenario.run(ctx);
  } catch (e) {
    ctx.check(false, `the scenario itself threw: ${(e as Error).stack ?? String(e)}`);
  } finally {
    await ctx.disarm();
    sandbox.admin.clearFaults();
    sandbox.admin.setSymantecAutoApprove(true);
    stack.cleanup();
  }
  if (process.env.FAULTS_DUMP) {
    for (const op of stack.ops) console.log(`----- ${op.op} ok=${op.ok}\n${op.output}`);
  }
  return evaluate(scenario, ctx, stack.ops, secretsOf(sandbox), Date.now() - started);
}

function listMarkdown(): void {
  console.log("| scenario | API | fault | expected behaviour | renewals |");
  console.log("|---|---|---|---|---|");
  for (const s of SCENARIOS) {
    const cells = [`\`${s.id}\``, s.api, s.fault, s.expect, String(s.intendedRenewals)];
    console.log(`| ${cells.map((c) => c.replace(/\|/g, "\\|")).join(" | ")} |`);
  }
}

async function main(): Promise<number> {
  if (process.argv.includes("--list")) {
    listMarkdown();
    return 0;
  }
  const started = Date.now();
  const only = flag("--only");
  const verbose = process.argv.includes("--verbose");
  const scenarios = SCENARIOS.filter((s) => !only || s.id.includes(only));
  absorbStrayEngineErrors();
  const install = packagedInstall();
  const sandbox = await startSandbox({ jobCompletion: {} });
  const results: ScenarioResult[] = [];
  try {
    for (const scenario of scenarios) {
      const result = await runScenario(scenario, sandbox, install);
      results.push(result);
      const bad = result.failedChecks.length + result.lost.length + result.doubleRenewals;
      console.log(`${bad ? "✗" : "✓"} ${scenario.id} (${Math.round(result.ms / 1000)} s)`);
      if (verbose) for (const e of result.errors) console.log(`    error: ${e.message}`);
    }
  } finally {
    await sandbox.close();
    fs.rmSync(install.dir, { recursive: true, force: true });
  }
  console.log("");
  printReport(results, (line) => console.log(line));
  const summary = summarize(results);
  const failedChecks = results.reduce((n, r) => n + r.failedChecks.length + r.leaks.length, 0);
  const unreachable = results.reduce((n, r) => n + r.unreachable, 0);
  console.log("");
  console.log(
    `${Math.round((Date.now() - started) / 1000)} s; ${failedChecks} failed check(s); ` +
      `${unreachable} accepted id(s) unreachable by design (answer never arrived, vendor cannot be searched, the provider said so)`,
  );
  console.log(JSON.stringify(summary));
  const bad = summary.doubleRenewals + summary.lostJobIds + summary.unclearErrors + failedChecks;
  return bad > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e);
    process.exit(2);
  },
);
