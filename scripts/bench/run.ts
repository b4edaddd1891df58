/**
 * `npm run bench`: RenewedCertificate through the real engine against the sandbox, at N = 100, 500
 * and 1000, at the vendors' real rate limits and with the AutoDNS limit lifted, side by side with
 * N no-op dynamic resources (the floor). Prints a table, writes docs/BENCHMARKS.md, and with
 * `--json` prints the largest N's summary as the last line.
 *
 *   tsx scripts/bench/run.ts [--sizes 100,500,1000] [--json] [--preview-runs 5] [--docs docs/BENCHMARKS.md]
 *                            [--note "what else ran on the machine"]
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as prettier from "prettier";
import { Sandbox, startSandbox } from "../../sandbox";
import { pollDelays } from "../../provider/follow";
import { pulumiCli } from "../../test/support/engine";
import { packagedInstall } from "../../test/support/packagedInstall";
import { CLOCK_STEP_DAYS, FleetMember, REISSUE_STEP_DAYS, runsJob, seedFleet } from "./fleet";
import { NOOP_TYPE, NoopResource } from "./noopResource";
import {
  benchStack,
  BenchStack,
  Changes,
  isRenewed,
  Phase,
  PHASES,
  PhaseFigures,
  PhaseRecorder,
} from "./phases";
import { measureProgramStart, ProgramStart } from "./programStart";
import { fleetVerdicts, headline, machineInfo, SizeResult, summarize, table, verdicts } from "./report";
import { markdown } from "./benchmarksDoc";

const REPO_ROOT = path.resolve(__dirname, "..", "..");
const RENEWED_TYPE = "pulumi-nodejs:dynamic/renewed-certificate:RenewedCertificate";
const CLOCK_ENV = "RENEWED_CERTIFICATE_NOW";

/** Settings of a run. */
interface Settings {
  sizes: number[];
  json: boolean;
  previewRuns: number;
  docs: string;
  /** `autodns.requestsPerSecond` of the unlimited RenewedCertificate stack (the real one sets none). */
  unlimitedRequestsPerSecond: number;
  waitTimeoutSeconds: number;
  /** Seconds a sandbox job (AutoDNS job, ResellerClub action) takes: the vendor's own job time. */
  jobSeconds: number;
  /** A line about the machine's load, written into docs/BENCHMARKS.md. */
  note?: string;
}

function parseArgs(argv: string[]): Settings {
  const settings: Settings = {
    sizes: [100, 500, 1000],
    json: false,
    previewRuns: 5,
    docs: path.join(REPO_ROOT, "docs", "BENCHMARKS.md"),
    unlimitedRequestsPerSecond: 1000,
    waitTimeoutSeconds: 20,
    jobSeconds: 3,
  };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split("=", 2);
    const value = () => inline ?? argv[++i];
    if (flag === "--json") settings.json = true;
    else if (flag === "--sizes") settings.sizes = value().split(",").map(Number);
    else if (flag === "--preview-runs") settings.previewRuns = Number(value());
    else if (flag === "--docs") settings.docs = path.resolve(value());
    else if (flag === "--note") settings.note = value();
    else
      throw new Error(
        `unknown option ${argv[i]}; use --sizes 100,500 --json --preview-runs N --docs FILE --note TEXT`,
      );
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

/** What the engine should report for a phase on a stack of `n`. */
function expectedChanges(
  phase: Phase,
  renewed: boolean,
  n: number,
  due: number,
  reissueDue: number,
): Changes {
  if (phase === "up (adopt)") return { create: n };
  if (renewed && phase === "up (10% due)") return { update: due, same: n - due };
  if (renewed && phase === "up (reissue due)") return { update: reissueDue, same: n - reissueDue };
  return { same: n };
}

/** The sandbox's own word: exactly the due certificates were renewed, and the others reissued, each once. */
function wrongActions(sandbox: Sandbox, kind: string, fleet: FleetMember[]): string[] {
  const wrong = fleet.filter(
    (m) =>
      sandbox.admin.renewalCount(m.vendor, m.id) !== (m.due ? 1 : 0) ||
      sandbox.admin.reissueCount(m.vendor, m.id) !== (m.reissueDue ? 1 : 0),
  );
  return wrong.length
    ? [
        `${kind}: ${wrong.length} certificate(s) renewed or reissued a wrong number of times, e.g. ${wrong[0].api} ${wrong[0].id}`,
      ]
    : [];
}

async function benchSize(
  n: number,
  settings: Settings,
  workDir: string,
  lib: ReturnType<typeof packagedInstall>["lib"],
) {
  // Jobs take the same sandbox seconds whoever polls them, so the vendors' job time is a fact of
  // the run rather than of the provider's polling.
  const sandbox = await startSandbox({ seed: false, jobCompletion: { afterSeconds: settings.jobSeconds } });
  const stacks: BenchStack[] = [];
  try {
    const fleetOptions = { waitTimeoutSeconds: settings.waitTimeoutSeconds };
    // Two fleets of their own: each RenewedCertificate stack renews and reissues its own certificates.
    const fleet = await seedFleet(sandbox, n, fleetOptions);
    const unlimitedFleet = await seedFleet(sandbox, n, {
      ...fleetOptions,
      autodnsRequestsPerSecond: settings.unlimitedRequestsPerSecond,
    });
    const dueCount = fleet.filter((m) => m.due).length;
    const jobCount = fleet.filter((m) => m.due && runsJob(m.vendor)).length;
    const reissueCount = fleet.filter((m) => m.reissueDue).length;
    const fleets = new Map<BenchStack, FleetMember[]>();
    for (const [kind, members] of [
      ["RenewedCertificate (real limits)", fleet],
      ["RenewedCertificate (unlimited)", unlimitedFleet],
    ] as const) {
      const s = await benchStack(
        kind,
        n,
        RENEWED_TYPE,
        async () => {
          for (const m of members) new lib.RenewedCertificate(m.name, m.args());
        },
        workDir,
      );
      stacks.push(s);
      fleets.set(s, members);
    }
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
      if (phase === "up (reissue due)") sandbox.admin.clock.advance({ days: REISSUE_STEP_DAYS });
      for (const s of fleets.keys())
        s.stack.workspace.envVars[CLOCK_ENV] = sandbox.admin.clock.now().toISOString();
      const recorders = new Map(stacks.map((s) => [s, new PhaseRecorder(s, phase, sandbox)]));
      const runs = phase === "preview (nothing due)" ? settings.previewRuns : 1;
      for (let r = 0; r < runs; r++) {
        // Rotate which kind goes first, so drifting load on the shared machine hits all alike.
        const shift = (p + r) % stacks.length;
        const order = [...stacks.slice(shift), ...stacks.slice(0, shift)];
        for (const s of order) {
          log(`N=${n} ${s.kind}: ${phase}${runs > 1 ? ` (run ${r + 1}/${runs})` : ""}`);
          const changes = await recorders.get(s)!.run();
          const expected = expectedChanges(phase, isRenewed(s.kind), n, dueCount, reissueCount);
          problems.push(...expect(s.kind, phase, changes, expected));
        }
      }
      for (const s of stacks) figures.push(await recorders.get(s)!.figures());
    }
    for (const [s, members] of fleets) problems.push(...wrongActions(sandbox, s.kind, members));
    return { n, dueCount, jobCount, reissueCount, figures, problems } satisfies SizeResult;
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
  let programStart: ProgramStart;
  try {
    log(`timing require("pulumi-renewed-certificate") in fresh node processes`);
    programStart = measureProgramStart(dir);
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
  const largest = results[results.length - 1];
  const summary = summarize(largest, settings, programStart);
  fs.mkdirSync(path.dirname(settings.docs), { recursive: true });
  // Formatted as the repository's Prettier config says, so `npm run lint` stays clean after a run.
  const prettierOptions = (await prettier.resolveConfig(settings.docs)) ?? {};
  const doc = await prettier.format(markdown(results, machine, settings, bound, totalSeconds, summary), {
    ...prettierOptions,
    parser: "markdown",
  });
  fs.writeFileSync(settings.docs, doc);

  console.log(table(results));
  console.log("");
  for (const v of [...fleetVerdicts(summary), ...verdicts(largest, bound, summary)]) {
    console.log(`N=${largest.n}: ${v}`);
  }
  for (const r of results) for (const p of r.problems) console.log(`N=${r.n}: unexpected: ${p}`);
  console.log(`\nwrote ${path.relative(process.cwd(), settings.docs)}; total ${Math.round(totalSeconds)} s`);
  console.log(headline(summary));
  if (settings.json) console.log(JSON.stringify(summary));
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
  process.exit(1);
});
