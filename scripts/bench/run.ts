/**
 * `npm run bench`: RenewedCertificate through the real engine against the sandbox, at N = 100, 500
 * and 1000, side by side with N no-op dynamic resources (the floor). Prints a table, writes
 * docs/BENCHMARKS.md, and with `--json` prints the largest N's summary as the last line.
 *
 *   tsx scripts/bench/run.ts [--sizes 100,500,1000] [--json] [--preview-runs 5] [--docs docs/BENCHMARKS.md]
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as prettier from "prettier";
import { startSandbox } from "../../sandbox";
import { pollDelays } from "../../provider/follow";
import { pulumiCli } from "../../test/support/engine";
import { packagedInstall } from "../../test/support/packagedInstall";
import { CLOCK_STEP_DAYS, seedFleet } from "./fleet";
import { NOOP_TYPE, NoopResource } from "./noopResource";
import { benchStack, BenchStack, Changes, PHASES, PhaseFigures, PhaseRecorder } from "./phases";
import { machineInfo, markdown, SizeResult, summarize, table, verdicts } from "./report";

const REPO_ROOT = path.resolve(__dirname, "..", "..");
const RENEWED_TYPE = "pulumi-nodejs:dynamic/renewed-certificate:RenewedCertificate";
const CLOCK_ENV = "RENEWED_CERTIFICATE_NOW";

/** Settings of a run. */
interface Settings {
  sizes: number[];
  json: boolean;
  previewRuns: number;
  docs: string;
  autodnsRequestsPerSecond: number;
  waitTimeoutSeconds: number;
}

function parseArgs(argv: string[]): Settings {
  const settings: Settings = {
    sizes: [100, 500, 1000],
    json: false,
    previewRuns: 5,
    docs: path.join(REPO_ROOT, "docs", "BENCHMARKS.md"),
    autodnsRequestsPerSecond: 1000,
    waitTimeoutSeconds: 20,
  };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split("=", 2);
    const value = () => inline ?? argv[++i];
    if (flag === "--json") settings.json = true;
    else if (flag === "--sizes") settings.sizes = value().split(",").map(Number);
    else if (flag === "--preview-runs") settings.previewRuns = Number(value());
    else if (flag === "--docs") settings.docs = path.resolve(value());
    else
      throw new Error(`unknown option ${argv[i]}; use --sizes 100,500 --json --preview-runs N --docs FILE`);
  }
  if (!settings.sizes.length || settings.sizes.some((n) => !Number.isInteger(n) || n < 4)) {
    throw new Error("--sizes takes whole numbers of at least 4, comma-separated (e.g. --sizes 100,500)");
  }
  if (!(settings.previewRuns >= 1)) throw new Error("--preview-runs takes a number of at least 1");
  settings.sizes.sort((a, b) => a - b);
  return settings;
}

/**
 * Requests one renewal in an `up` may need: the expiry re-read before deciding, the search for a
 * renewal already pending, the renew, one per poll (1 s, 2 s, 4 s, … capped at 15 s, within
 * `waitTimeoutSeconds`), and the final read of the renewed certificate.
 */
function maxRequestsPerRenewal(waitTimeoutSeconds: number): number {
  return 4 + pollDelays(waitTimeoutSeconds).length;
}

const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);

/** Checks the engine did what the phase should (counts, renewals); returns what did not hold. */
function expect(kind: string, phase: string, changes: Changes, expected: Changes): string[] {
  const ops = new Set([...Object.keys(changes), ...Object.keys(expected)]);
  const wrong = [...ops].filter((op) => (changes[op] ?? 0) !== (expected[op] ?? 0));
  return wrong.length
    ? [`${kind} ${phase}: engine reported ${JSON.stringify(changes)}, expected ${JSON.stringify(expected)}`]
    : [];
}

async function benchSize(
  n: number,
  settings: Settings,
  workDir: string,
  lib: ReturnType<typeof packagedInstall>["lib"],
) {
  const sandbox = await startSandbox({ seed: false, jobCompletion: { afterPolls: 2 } });
  const stacks: BenchStack[] = [];
  try {
    const fleet = await seedFleet(sandbox, n, settings);
    const dueCount = fleet.filter((m) => m.due).length;
    const renewed = await benchStack(
      "RenewedCertificate",
      n,
      RENEWED_TYPE,
      async () => {
        for (const m of fleet) new lib.RenewedCertificate(m.name, m.args());
      },
      workDir,
    );
    stacks.push(renewed);
    stacks.push(
      await benchStack("no-op", n, NOOP_TYPE, async () => {
        for (let i = 0; i < n; i++)
          new NoopResource(`noop-${String(i).padStart(4, "0")}`, { key: `noop-${i}` });
      }),
    );
    stacks.push(
      await benchStack("no-op (same args)", n, NOOP_TYPE, async () => {
        // The very args each RenewedCertificate gets (secrets included), and nothing else.
        for (const m of fleet) new NoopResource(m.name, { ...m.args(), key: m.name });
      }),
    );

    const figures: PhaseFigures[] = [];
    const problems: string[] = [];
    for (const [p, phase] of PHASES.entries()) {
      if (phase === "up (10% due)") sandbox.admin.clock.advance({ days: CLOCK_STEP_DAYS });
      renewed.stack.workspace.envVars[CLOCK_ENV] = sandbox.admin.clock.now().toISOString();
      const recorders = new Map(stacks.map((s) => [s, new PhaseRecorder(s, phase, sandbox)]));
      const runs = phase === "preview (nothing due)" ? settings.previewRuns : 1;
      for (let r = 0; r < runs; r++) {
        // Rotate which kind goes first, so drifting load on the shared machine hits all alike.
        const shift = (p + r) % stacks.length;
        const order = [...stacks.slice(shift), ...stacks.slice(0, shift)];
        for (const s of order) {
          log(`N=${n} ${s.kind}: ${phase}${runs > 1 ? ` (run ${r + 1}/${runs})` : ""}`);
          const changes = await recorders.get(s)!.run();
          const expected: Changes =
            phase === "up (adopt)"
              ? { create: n }
              : phase === "up (10% due)" && s === renewed
                ? { update: dueCount, same: n - dueCount }
                : { same: n };
          problems.push(...expect(s.kind, phase, changes, expected));
        }
      }
      for (const s of stacks) figures.push(await recorders.get(s)!.figures());
    }
    // The sandbox's own word: exactly the due certificates were renewed, each once.
    const wrongRenewals = fleet.filter((m) => sandbox.admin.renewalCount(m.vendor, m.id) !== (m.due ? 1 : 0));
    if (wrongRenewals.length) {
      problems.push(
        `${wrongRenewals.length} certificate(s) renewed a wrong number of times, e.g. ${wrongRenewals[0].api} ${wrongRenewals[0].id}`,
      );
    }
    return { n, dueCount, figures, problems } satisfies SizeResult;
  } finally {
    for (const s of stacks) await s.cleanup();
    await sandbox.close();
  }
}

async function main() {
  const settings = parseArgs(process.argv.slice(2));
  const started = Date.now();
  const loadBefore = os.loadavg();
  if (!fs.existsSync(path.join(REPO_ROOT, "dist", "index.js"))) {
    throw new Error("dist/ is missing: run `npm run build` (npm run bench does)");
  }
  const { install } = await pulumiCli();
  log(`packing and installing the package into a program directory`);
  const { dir, lib } = packagedInstall();
  const results: SizeResult[] = [];
  try {
    for (const n of settings.sizes) {
      const t0 = Date.now();
      results.push(await benchSize(n, settings, dir, lib));
      log(`N=${n} done in ${Math.round((Date.now() - t0) / 1000)} s`);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const totalSeconds = (Date.now() - started) / 1000;
  const sdkVersion = (
    JSON.parse(
      fs.readFileSync(path.join(REPO_ROOT, "node_modules", "@pulumi", "pulumi", "package.json"), "utf8"),
    ) as { version: string }
  ).version;
  const machine = machineInfo(install.version, sdkVersion, loadBefore);
  const bound = maxRequestsPerRenewal(settings.waitTimeoutSeconds);
  fs.mkdirSync(path.dirname(settings.docs), { recursive: true });
  // Formatted as the repository's Prettier config says, so `npm run lint` stays clean after a run.
  const prettierOptions = (await prettier.resolveConfig(settings.docs)) ?? {};
  const doc = await prettier.format(markdown(results, machine, settings, bound, totalSeconds), {
    ...prettierOptions,
    parser: "markdown",
  });
  fs.writeFileSync(settings.docs, doc);

  const largest = results[results.length - 1];
  console.log(table(results));
  console.log("");
  for (const v of verdicts(largest, bound)) console.log(`N=${largest.n}: ${v}`);
  for (const r of results) for (const p of r.problems) console.log(`N=${r.n}: unexpected: ${p}`);
  console.log(`\nwrote ${path.relative(process.cwd(), settings.docs)}; total ${Math.round(totalSeconds)} s`);
  if (settings.json) console.log(JSON.stringify(summarize(largest)));
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
  process.exit(1);
});
