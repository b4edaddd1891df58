/**
 * `npm run faults`: the fault matrix through the real engine. The package is installed from its
 * tarball once; then every scenario runs in a process of its own (./scenarioProcess.ts: its own
 * sandbox, its own stacks, its own Pulumi runtime), one after another, and this runner aggregates
 * the verdicts they write.
 *
 * Prints a table, the details of every failure, and as its last line
 * `{"scenarios":N,"doubleRenewals":N,"lostJobIds":N,"unclearErrors":N,"unreachableByDesign":N}`.
 * Exits non-zero when any of the first three counts is above 0 or a scenario's own checks failed.
 *
 * Flags: `--only <text>` runs the scenarios whose id contains the text; `--verbose` prints every
 * error message the engine reported; `--list` prints the matrix as Markdown without running it.
 * `FAULTS_DUMP=1` prints the engine output of every operation.
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { packagedInstall } from "../../test/support/packagedInstall";
import type { ScenarioResult, ScenarioVerdict } from "./evaluate";
import { SCENARIOS } from "./matrix";
import { printReport, summarize } from "./report";
import type { Scenario } from "./scenario";

function flag(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? (process.argv[i + 1] ?? "") : undefined;
}

function listMarkdown(): void {
  console.log("| scenario | API | fault | expected behaviour | renewals |");
  console.log("|---|---|---|---|---|");
  for (const s of SCENARIOS) {
    const cells = [`\`${s.id}\``, s.api, s.fault, s.expect, String(s.intendedRenewals)];
    console.log(`| ${cells.map((c) => c.replace(/\|/g, "\\|")).join(" | ")} |`);
  }
}

/** Runs one scenario in its own process; a process that wrote no verdict is a failed scenario. */
async function runInProcess(scenario: Scenario, installDir: string, tmp: string): Promise<ScenarioResult> {
  const started = Date.now();
  const resultFile = path.join(tmp, `${scenario.id}.json`);
  const child = spawn(
    process.execPath,
    ["--import", "tsx", path.join(__dirname, "scenarioProcess.ts"), scenario.id, installDir, resultFile],
    { stdio: "inherit" },
  );
  const code = await new Promise<number | null>((resolve) => child.on("exit", (c) => resolve(c)));
  if (fs.existsSync(resultFile)) {
    const verdict = JSON.parse(fs.readFileSync(resultFile, "utf8")) as ScenarioVerdict;
    return { scenario, ...verdict };
  }
  return {
    scenario,
    renewals: 0,
    doubleRenewals: 0,
    accepted: [],
    lost: [],
    unreachable: 0,
    errors: [],
    failedChecks: [`the scenario's process ended (exit ${code}) without a verdict`],
    notes: [],
    leaks: [],
    ms: Date.now() - started,
  };
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
  const install = packagedInstall();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "faults-verdicts-"));
  const results: ScenarioResult[] = [];
  try {
    for (const scenario of scenarios) {
      const result = await runInProcess(scenario, install.dir, tmp);
      results.push(result);
      const bad = result.failedChecks.length + result.lost.length + result.doubleRenewals;
      console.log(`${bad ? "✗" : "✓"} ${scenario.id} (${Math.round(result.ms / 1000)} s)`);
      if (verbose) for (const e of result.errors) console.log(`    error: ${e.message}`);
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
    fs.rmSync(install.dir, { recursive: true, force: true });
  }
  console.log("");
  printReport(results, (line) => console.log(line));
  const summary = summarize(results);
  const failedChecks = results.reduce((n, r) => n + r.failedChecks.length + r.leaks.length, 0);
  console.log("");
  console.log(
    `${Math.round((Date.now() - started) / 1000)} s; ${failedChecks} failed check(s); ` +
      `${summary.unreachableByDesign} accepted id(s) unreachable by design (answer never arrived, vendor cannot be asked, the provider said so)`,
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
