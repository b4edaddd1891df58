/**
 * The benchmark's output: the table printed and written to docs/BENCHMARKS.md, the verdict on each
 * target, and the one-line JSON summary for the largest N.
 */
import * as os from "node:os";
import { AUTODNS_REQUESTS_PER_SECOND } from "../../sdk/autodns/transport";
import type { PhaseFigures } from "./phases";

/** Figures of one N, every kind, every phase, plus the engine's sanity checks. */
export interface SizeResult {
  n: number;
  /** Certificates renewed in "up (10% due)". */
  dueCount: number;
  /** Of those, the renewals that run a vendor job (Symantec's sandbox approves at once: none). */
  jobCount: number;
  /** Certificates reissued in "up (reissue due)". */
  reissueCount: number;
  figures: PhaseFigures[];
  /** What went against expectation (wrong change counts, renewals that should not be). */
  problems: string[];
}

/** What the summary needs to know of the run besides the figures. */
export interface RunFacts {
  /** Seconds a sandbox job takes (the vendors' own job time per renewal). */
  jobSeconds: number;
  /** `autodns.requestsPerSecond` of the unlimited stack. */
  unlimitedRequestsPerSecond: number;
}

/** The package's load time in a user program (see ./programStart.ts). */
export interface ProgramStartFigures {
  afterPulumiMs: number;
  coldMs: number;
}

/**
 * The JSON summary line (largest N). Unqualified figures are at the vendors' real limits (the
 * clients' defaults); `unlimited…` ones with the AutoDNS limit lifted. Baselines are the no-op
 * given the same args, except `baselinePreviewSeconds` (the trivial no-op, as before).
 */
export interface JsonSummary {
  resources: number;
  previewSeconds: number;
  baselinePreviewSeconds: number;
  previewRatio: number;
  /** The preview of N no-ops given the same args as the RenewedCertificates. */
  sameArgsPreviewSeconds: number;
  sameArgsPreviewRatio: number;
  httpRequestsDuringPreview: number;
  providerBytesPerResource: number;
  refreshRequestsPerResource: number;
  /** AutoDNS requests per second of the headline figures (the clients' default, the vendor's limit). */
  autodnsRequestsPerSecond: number;
  adoptSeconds: number;
  baselineAdoptSeconds: number;
  refreshSeconds: number;
  /** The no-op (same args) refresh: the floor. */
  baselineRefreshSeconds: number;
  refreshRatio: number;
  upDueSeconds: number;
  /** The no-op (same args) up in the same phase: the floor. */
  baselineUpDueSeconds: number;
  /** The vendors' own job time in that up: job seconds × rounds of the engine's parallelism. */
  vendorJobSeconds: number;
  upDueRatio: number;
  /** Vendor requests per renewal in "up (10% due)". */
  requestsPerRenewal: number;
  upReissueSeconds: number;
  baselineUpReissueSeconds: number;
  requestsPerReissue: number;
  /** `require("pulumi-renewed-certificate")` in a fresh program process after `@pulumi/pulumi` (ms, median). */
  programStartMs: number;
  /** The same as the program's first import, `@pulumi/pulumi` included (ms, median). */
  programStartColdMs: number;
  unlimitedAutodnsRequestsPerSecond: number;
  unlimitedAdoptSeconds: number;
  unlimitedRefreshSeconds: number;
  unlimitedRefreshRatio: number;
  unlimitedUpDueSeconds: number;
  unlimitedUpDueRatio: number;
  unlimitedRequestsPerRenewal: number;
  unlimitedUpReissueSeconds: number;
}

/** The targets of the Performance issue (previewRatio, `__provider` ≤ 4 KB, one request per certificate). */
export const TARGETS = {
  previewRatio: 1.25,
  previewRequests: 0,
  refreshRequestsPerResource: 1,
  providerBytes: 4096,
};

/** The targets of the fleet-speed issue, at N = 1000 with the real limits on. */
export const FLEET_TARGETS = {
  /** refresh ≤ 1.5× the no-op (same args) refresh. */
  refreshRatio: 1.5,
  /** Vendor requests per certificate in a refresh. */
  refreshRequestsPerResource: 0.05,
  /** up with 10% due ≤ 2× the no-op floor plus the vendors' own job time. */
  upDueFloorFactor: 2,
  /** preview ≤ 1.0× the no-op given the same args. */
  sameArgsPreviewRatio: 1.0,
  providerBytes: 1024,
};

/** The engine's default `--parallel`: 4 × cores (`pulumi up --help`). */
export const ENGINE_PARALLEL = 4 * os.cpus().length;

function pick(r: SizeResult, kind: PhaseFigures["kind"], phase: PhaseFigures["phase"]): PhaseFigures {
  const f = r.figures.find((x) => x.kind === kind && x.phase === phase);
  if (!f) throw new Error(`no figures for ${kind} ${phase} at N=${r.n}`);
  return f;
}

const round = (x: number, digits = 2) => Number(x.toFixed(digits));
const REAL = "RenewedCertificate (real limits)";
const UNLIMITED = "RenewedCertificate (unlimited)";
const SAME_ARGS = "no-op (same args)";

/**
 * The vendors' own job time in an up that renews `count` certificates: each job takes
 * `jobSeconds`, and the engine runs at most {@link ENGINE_PARALLEL} resource operations at once.
 */
export function vendorJobSeconds(count: number, jobSeconds: number): number {
  return Math.ceil(count / ENGINE_PARALLEL) * jobSeconds;
}

/** The JSON summary of one N. */
export function summarize(r: SizeResult, facts: RunFacts, start: ProgramStartFigures): JsonSummary {
  const seconds = (kind: PhaseFigures["kind"], phase: PhaseFigures["phase"]) => pick(r, kind, phase).seconds;
  const requests = (kind: PhaseFigures["kind"], phase: PhaseFigures["phase"]) =>
    pick(r, kind, phase).requests;
  const preview = pick(r, REAL, "preview (nothing due)");
  const floor = seconds("no-op", "preview (nothing due)");
  const sameArgs = seconds(SAME_ARGS, "preview (nothing due)");
  const perAction = (kind: PhaseFigures["kind"], phase: PhaseFigures["phase"], count: number) =>
    count ? round(requests(kind, phase) / count) : 0;
  const baselineRefresh = seconds(SAME_ARGS, "refresh");
  const baselineUpDue = seconds(SAME_ARGS, "up (10% due)");
  const jobs = vendorJobSeconds(r.jobCount, facts.jobSeconds);
  return {
    resources: r.n,
    previewSeconds: round(preview.seconds),
    baselinePreviewSeconds: round(floor),
    previewRatio: round(preview.seconds / floor, 3),
    sameArgsPreviewSeconds: round(sameArgs),
    sameArgsPreviewRatio: round(preview.seconds / sameArgs, 3),
    httpRequestsDuringPreview: preview.requests,
    providerBytesPerResource: preview.providerBytes,
    refreshRequestsPerResource: round(requests(REAL, "refresh") / r.n, 3),
    autodnsRequestsPerSecond: AUTODNS_REQUESTS_PER_SECOND,
    adoptSeconds: round(seconds(REAL, "up (adopt)")),
    baselineAdoptSeconds: round(seconds(SAME_ARGS, "up (adopt)")),
    refreshSeconds: round(seconds(REAL, "refresh")),
    baselineRefreshSeconds: round(baselineRefresh),
    refreshRatio: round(seconds(REAL, "refresh") / baselineRefresh, 3),
    upDueSeconds: round(seconds(REAL, "up (10% due)")),
    baselineUpDueSeconds: round(baselineUpDue),
    vendorJobSeconds: jobs,
    upDueRatio: round(seconds(REAL, "up (10% due)") / baselineUpDue, 3),
    requestsPerRenewal: perAction(REAL, "up (10% due)", r.dueCount),
    upReissueSeconds: round(seconds(REAL, "up (reissue due)")),
    baselineUpReissueSeconds: round(seconds(SAME_ARGS, "up (reissue due)")),
    requestsPerReissue: perAction(REAL, "up (reissue due)", r.reissueCount),
    programStartMs: start.afterPulumiMs,
    programStartColdMs: start.coldMs,
    unlimitedAutodnsRequestsPerSecond: facts.unlimitedRequestsPerSecond,
    unlimitedAdoptSeconds: round(seconds(UNLIMITED, "up (adopt)")),
    unlimitedRefreshSeconds: round(seconds(UNLIMITED, "refresh")),
    unlimitedRefreshRatio: round(seconds(UNLIMITED, "refresh") / baselineRefresh, 3),
    unlimitedUpDueSeconds: round(seconds(UNLIMITED, "up (10% due)")),
    unlimitedUpDueRatio: round(seconds(UNLIMITED, "up (10% due)") / baselineUpDue, 3),
    unlimitedRequestsPerRenewal: perAction(UNLIMITED, "up (10% due)", r.dueCount),
    unlimitedUpReissueSeconds: round(seconds(UNLIMITED, "up (reissue due)")),
  };
}

/** The most requests any one renewed certificate needed, in the "10% due" up at real limits. */
function maxRequestsPerRenewedCertificate(r: SizeResult): number {
  return pick(r, REAL, "up (10% due)").maxRequestsPerCertificate;
}

const mark = (ok: boolean) => (ok ? "holds" : "FAILS");

/** The fleet-speed targets (real limits on), one line each: the figure, its target, holds or not. */
export function fleetVerdicts(s: JsonSummary): string[] {
  const t = FLEET_TARGETS;
  const upBound = round(t.upDueFloorFactor * s.baselineUpDueSeconds + s.vendorJobSeconds);
  return [
    `refresh ≤ ${t.refreshRatio}× the no-op (same args) refresh: ${mark(s.refreshRatio <= t.refreshRatio)} (${s.refreshSeconds} s vs ${s.baselineRefreshSeconds} s: ${s.refreshRatio}×; unlimited ${s.unlimitedRefreshSeconds} s: ${s.unlimitedRefreshRatio}×)`,
    `refresh ≤ ${t.refreshRequestsPerResource} vendor requests per certificate: ${mark(s.refreshRequestsPerResource <= t.refreshRequestsPerResource)} (${s.refreshRequestsPerResource})`,
    `up with 10% due ≤ ${t.upDueFloorFactor}× the no-op (same args) up + the vendors' job time = ${upBound} s: ${mark(s.upDueSeconds <= upBound)} (${s.upDueSeconds} s; floor ${s.baselineUpDueSeconds} s, job time ${s.vendorJobSeconds} s; unlimited ${s.unlimitedUpDueSeconds} s; ${s.requestsPerRenewal} requests per renewal)`,
    `preview ≤ ${t.sameArgsPreviewRatio}× the no-op given the same args: ${mark(s.sameArgsPreviewRatio <= t.sameArgsPreviewRatio)} (${s.previewSeconds} s vs ${s.sameArgsPreviewSeconds} s: ${s.sameArgsPreviewRatio}×)`,
    `0 vendor requests in a preview with nothing pending: ${mark(s.httpRequestsDuringPreview === 0)} (${s.httpRequestsDuringPreview})`,
    `__provider ≤ 1 KB: ${mark(s.providerBytesPerResource <= t.providerBytes)} (${s.providerBytesPerResource} bytes)`,
  ];
}

/**
 * The least time the AutoDNS requests of a phase take at the clients' limit (3 per second, shared
 * by JSON and XML): what no coalescing of the rest can go under.
 */
export function autodnsLimitSeconds(
  r: SizeResult,
  phase: PhaseFigures["phase"],
): { requests: number; seconds: number } {
  const routes = pick(r, REAL, phase).routes;
  const requests = Object.entries(routes)
    .filter(([route]) => route.startsWith("autodns."))
    .reduce((sum, [, count]) => sum + count, 0);
  return { requests, seconds: round(requests / AUTODNS_REQUESTS_PER_SECOND) };
}

/** The Performance issue's targets, one line each: holds or not, with the figure. */
export function verdicts(r: SizeResult, maxRequestsPerRenewal: number, s: JsonSummary): string[] {
  const refresh = pick(r, REAL, "refresh");
  const maxPerCertificate = maxRequestsPerRenewedCertificate(r);
  // Run r of each kind ran in the same round, back to back: their ratios show the spread.
  const ours = pick(r, REAL, "preview (nothing due)").runs;
  const floor = pick(r, "no-op", "preview (nothing due)").runs;
  const ratios = ours.map((x, i) => x / floor[i]).filter(Number.isFinite);
  const spread =
    ratios.length > 1 ? `; round by round ${round(Math.min(...ratios))}–${round(Math.max(...ratios))}×` : "";
  return [
    `preview ≤ ${TARGETS.previewRatio}× the no-op floor: ${mark(s.previewRatio <= TARGETS.previewRatio)} (${s.previewSeconds} s vs ${s.baselinePreviewSeconds} s, ${s.previewRatio}× as medians${spread}; ` +
      `a no-op given the same args took ${s.sameArgsPreviewSeconds} s: ${s.sameArgsPreviewRatio}×)`,
    `at most one request per certificate on refresh: ${mark(s.refreshRequestsPerResource <= 1 && refresh.maxRequestsPerCertificate <= 1)} (${s.refreshRequestsPerResource} per resource, at most ${refresh.maxRequestsPerCertificate} naming one certificate)`,
    `__provider ≤ 4 KB: ${mark(s.providerBytesPerResource <= TARGETS.providerBytes)} (${s.providerBytesPerResource} bytes)`,
    `bounded requests per renewal (≤ ${maxRequestsPerRenewal}, polling with backoff): ${mark(maxPerCertificate <= maxRequestsPerRenewal)} (${s.requestsPerRenewal} per renewal on average, at most ${maxPerCertificate} for one certificate)`,
  ];
}

/** One line for the console and the docs: the figures a reader looks for first. */
export function headline(s: JsonSummary): string {
  return (
    `N=${s.resources}, real limits: refresh ${s.refreshSeconds} s (${s.refreshRatio}× floor ${s.baselineRefreshSeconds} s, target ≤ ${FLEET_TARGETS.refreshRatio}×), ` +
    `${s.refreshRequestsPerResource} req/cert (target ≤ ${FLEET_TARGETS.refreshRequestsPerResource}); ` +
    `up 10% due ${s.upDueSeconds} s (target ≤ ${round(FLEET_TARGETS.upDueFloorFactor * s.baselineUpDueSeconds + s.vendorJobSeconds)} s), ${s.requestsPerRenewal} req/renewal; ` +
    `preview ${s.sameArgsPreviewRatio}× same-args floor (target ≤ ${FLEET_TARGETS.sameArgsPreviewRatio}×), ${s.httpRequestsDuringPreview} requests (target 0); ` +
    `__provider ${s.providerBytesPerResource} B (target ≤ ${FLEET_TARGETS.providerBytes}); program start ${s.programStartMs} ms`
  );
}

function changesText(c: Record<string, number>): string {
  return (
    Object.entries(c)
      .map(([k, v]) => `${v} ${k}`)
      .join(", ") || "—"
  );
}

/** The table as Markdown (also readable as plain text). */
export function table(results: SizeResult[]): string {
  const head = [
    "N",
    "phase",
    "resource",
    "seconds",
    "HTTP requests",
    "max req/cert",
    "`__provider` B",
    "state B/resource",
    "provider peak MB",
    "changes",
  ];
  const rows: string[][] = [];
  for (const r of results) {
    for (const f of r.figures) {
      rows.push([
        String(f.n),
        f.phase,
        f.kind,
        f.runs.length > 1 ? `${f.seconds.toFixed(2)} (median of ${f.runs.length})` : f.seconds.toFixed(2),
        String(f.requests),
        String(f.maxRequestsPerCertificate),
        String(f.providerBytes),
        String(f.stateBytesPerResource),
        f.providerPeakMb === undefined ? "—" : f.providerPeakMb.toFixed(0),
        changesText(f.changes),
      ]);
    }
  }
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(" | ")} |`;
  return [line(head), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

/** Requests by route per phase (RenewedCertificate at real limits; the unlimited one makes the same, the no-ops none). */
export function routeTable(results: SizeResult[]): string {
  const lines = ["| N | phase | requests by route |", "| - | ----- | ----------------- |"];
  for (const r of results) {
    for (const f of r.figures.filter((x) => x.kind === REAL)) {
      const routes = Object.entries(f.routes)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => `${k} ${v}`)
        .join(", ");
      lines.push(`| ${r.n} | ${f.phase} | ${routes || "none"} |`);
    }
  }
  return lines.join("\n");
}

/** What the machine was. */
export interface MachineInfo {
  cpu: string;
  cores: number;
  memoryGb: number;
  os: string;
  node: string;
  pulumiCli: string;
  pulumiSdk: string;
  loadBefore: number[];
  loadAfter: number[];
}

/** Reads the machine's facts (versions come from the caller). */
export function machineInfo(pulumiCli: string, pulumiSdk: string, loadBefore: number[]): MachineInfo {
  return {
    cpu: os.cpus()[0]?.model ?? "unknown",
    cores: os.cpus().length,
    memoryGb: round(os.totalmem() / 2 ** 30, 1),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    pulumiCli,
    pulumiSdk,
    loadBefore,
    loadAfter: os.loadavg(),
  };
}
