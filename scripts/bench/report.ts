/**
 * The benchmark's output: the table printed and written to docs/BENCHMARKS.md, the verdict on each
 * target, and the one-line JSON summary for the largest N.
 */
import * as os from "node:os";
import type { PhaseFigures } from "./phases";

/** Figures of one N, both kinds, every phase, plus the engine's sanity checks. */
export interface SizeResult {
  n: number;
  dueCount: number;
  figures: PhaseFigures[];
  /** What went against expectation (wrong change counts, renewals that should not be). */
  problems: string[];
}

/** The JSON summary line (largest N). */
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
}

/** The targets of the Performance issue. */
export const TARGETS = {
  previewRatio: 1.25,
  previewRequests: 0,
  refreshRequestsPerResource: 1,
  providerBytes: 4096,
};

function pick(r: SizeResult, kind: PhaseFigures["kind"], phase: PhaseFigures["phase"]): PhaseFigures {
  const f = r.figures.find((x) => x.kind === kind && x.phase === phase);
  if (!f) throw new Error(`no figures for ${kind} ${phase} at N=${r.n}`);
  return f;
}

const round = (x: number, digits = 2) => Number(x.toFixed(digits));

/** The JSON summary of one N. */
export function summarize(r: SizeResult): JsonSummary {
  const preview = pick(r, "RenewedCertificate", "preview (nothing due)");
  const floor = pick(r, "no-op", "preview (nothing due)");
  const sameArgs = pick(r, "no-op (same args)", "preview (nothing due)");
  const refresh = pick(r, "RenewedCertificate", "refresh");
  return {
    resources: r.n,
    previewSeconds: round(preview.seconds),
    baselinePreviewSeconds: round(floor.seconds),
    previewRatio: round(preview.seconds / floor.seconds, 3),
    sameArgsPreviewSeconds: round(sameArgs.seconds),
    sameArgsPreviewRatio: round(preview.seconds / sameArgs.seconds, 3),
    httpRequestsDuringPreview: preview.requests,
    providerBytesPerResource: preview.providerBytes,
    refreshRequestsPerResource: round(refresh.requests / r.n, 3),
  };
}

/** Requests per renewal and the most any one renewed certificate needed, in the "10% due" up. */
export function renewalRequests(r: SizeResult): { perRenewal: number; maxPerCertificate: number } {
  const due = pick(r, "RenewedCertificate", "up (10% due)");
  return {
    perRenewal: r.dueCount ? round(due.requests / r.dueCount) : 0,
    maxPerCertificate: due.maxRequestsPerCertificate,
  };
}

/** One line per target: holds or not, with the figure. */
export function verdicts(r: SizeResult, maxRequestsPerRenewal: number): string[] {
  const s = summarize(r);
  const refresh = pick(r, "RenewedCertificate", "refresh");
  const renewal = renewalRequests(r);
  const mark = (ok: boolean) => (ok ? "holds" : "FAILS");
  // Run r of each kind ran in the same round, back to back: their ratios show the spread.
  const ours = pick(r, "RenewedCertificate", "preview (nothing due)").runs;
  const floor = pick(r, "no-op", "preview (nothing due)").runs;
  const ratios = ours.map((x, i) => x / floor[i]).filter(Number.isFinite);
  const spread =
    ratios.length > 1 ? `; round by round ${round(Math.min(...ratios))}–${round(Math.max(...ratios))}×` : "";
  return [
    `preview ≤ ${TARGETS.previewRatio}× the no-op floor: ${mark(s.previewRatio <= TARGETS.previewRatio)} (${s.previewSeconds} s vs ${s.baselinePreviewSeconds} s, ${s.previewRatio}× as medians${spread}; ` +
      `a no-op given the same args took ${s.sameArgsPreviewSeconds} s: ${s.sameArgsPreviewRatio}×)`,
    `zero HTTP requests in a preview with nothing pending: ${mark(s.httpRequestsDuringPreview === 0)} (${s.httpRequestsDuringPreview})`,
    `at most one request per certificate on refresh: ${mark(s.refreshRequestsPerResource <= 1 && refresh.maxRequestsPerCertificate <= 1)} (${s.refreshRequestsPerResource} per resource, at most ${refresh.maxRequestsPerCertificate} naming one certificate)`,
    `__provider ≤ 4 KB: ${mark(s.providerBytesPerResource <= TARGETS.providerBytes)} (${s.providerBytesPerResource} bytes)`,
    `bounded requests per renewal (≤ ${maxRequestsPerRenewal}, polling with backoff): ${mark(renewal.maxPerCertificate <= maxRequestsPerRenewal)} (${renewal.perRenewal} per renewal on average, at most ${renewal.maxPerCertificate} for one certificate)`,
  ];
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

/** Requests by route per phase (RenewedCertificate only; the no-op makes none). */
export function routeTable(results: SizeResult[]): string {
  const lines = ["| N | phase | requests by route |", "| - | ----- | ----------------- |"];
  for (const r of results) {
    for (const f of r.figures.filter((x) => x.kind === "RenewedCertificate")) {
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

/** The whole of docs/BENCHMARKS.md. */
export function markdown(
  results: SizeResult[],
  machine: MachineInfo,
  settings: { previewRuns: number; autodnsRequestsPerSecond: number; waitTimeoutSeconds: number },
  maxRequestsPerRenewal: number,
  totalSeconds: number,
): string {
  const largest = results[results.length - 1];
  const load = (l: number[]) => l.map((x) => x.toFixed(2)).join(" / ");
  const problems = results.flatMap((r) => r.problems.map((p) => `- N=${r.n}: ${p}`));
  const s = summarize(largest);
  return `# Benchmarks

Generated by \`npm run bench\` (\`scripts/bench/run.ts\`) on ${new Date().toISOString().slice(0, 10)}; the
whole run took ${Math.round(totalSeconds)} s. Re-run it to refresh this file.

## What is measured

The real Pulumi engine (Automation API, \`file://\` backend, the package installed from its tarball
as users get it) against the vendor sandbox, with N RenewedCertificates spread round-robin over the
four renewal APIs (AutoDNS JSON, AutoDNS XML, Symantec VICE2, ResellerClub). Beside them, in the
same run, phase by phase, rotating which goes first, N resources of two no-op kinds
(\`scripts/bench/noopResource.ts\`: \`check\` echoes, \`diff\` reports no changes, \`create\`/\`update\`
echo, \`read\` returns the state):

- **no-op** — a trivial dynamic resource with one input: the floor of the mechanism;
- **no-op (same args)** — the same no-op provider given exactly the args each RenewedCertificate
  gets (vendor blocks with their secrets and PEMs), and nothing else: the floor of any dynamic
  resource that takes these inputs, whatever its provider does.

Phases, in order:

1. **up (adopt)** — the first \`pulumi up\`: every certificate is adopted (read once), none renewed.
2. **preview (nothing due)** — nothing is due and nothing pending; run ${settings.previewRuns} times per kind, interleaved, the median shown.
3. **refresh** — \`pulumi refresh\`: every certificate's expiry is read again.
4. **up (10% due)** — the sandbox clock and the provider clock (\`RENEWED_CERTIFICATE_NOW\`) move
   35 days: exactly the 10% of certificates seeded to expire in 60 days (the others in 200) are
   inside the 30-day window and are renewed. Each \`up\` follows its renewal's job for up to
   \`waitTimeoutSeconds\` = ${settings.waitTimeoutSeconds}, polling after 1 s, 2 s, 4 s, … (sandbox jobs finish on their
   second poll). Its seconds are mostly those waits: the engine runs at most 4 × cores resource
   operations at once (its default \`--parallel\`).

Columns: **seconds** — wall clock of the engine operation (program, engine and provider);
**HTTP requests** — vendor requests in the sandbox's request log during the phase; **max req/cert**
— the most requests that named one certificate; **\`__provider\` B** — length of the serialized
provider (state holds it twice per resource, in inputs and outputs); **state B/resource** — one
resource's entry in the exported state (inputs, outputs, secrets encrypted); **provider peak MB** —
the largest \`VmHWM\` (peak RSS) of the dynamic-provider process (\`node …/cmd/dynamic-provider\`, a
descendant of the bench, so other runs on the machine are not counted), sampled from \`/proc\`;
**changes** — the engine's resource changes.

Settings, the same for every kind:

- \`autodns.requestsPerSecond\` = ${settings.autodnsRequestsPerSecond}. The AutoDNS clients default to 3 requests per second,
  the vendor's limit per IP; against the loopback sandbox the bench lifts it so the figures show the
  engine and the provider rather than a deliberate wait. With the default, the N / 2 AutoDNS reads
  of an adopt or refresh take at least N / 6 seconds.
- \`PULUMI_SKIP_CHECKPOINTS=true\`: the engine saves the state once at the end of an operation. By
  default the \`file://\` backend rewrites the whole state file after every step, which makes an
  operation that changes N resources O(N²): several minutes per \`up\` at N = 1000, whatever the
  provider does. Previews never write state.
- Each Symantec certificate has its own CSR and original certificate, as in real use.

## Results

${table(results)}

Vendor requests by route (RenewedCertificate; the no-ops make none):

${routeTable(results)}

## Targets (N = ${largest.n})

${verdicts(largest, maxRequestsPerRenewal)
  .map((v) => `- ${v}`)
  .join("\n")}
${problems.length ? `\nUnexpected engine results:\n\n${problems.join("\n")}\n` : ""}
JSON summary (\`npm run bench -- --json\`, last line):

\`\`\`json
${JSON.stringify(s)}
\`\`\`

### Why a preview costs more than the trivial no-op

At N = ${largest.n} a preview of RenewedCertificates took ${s.previewSeconds} s: ${s.previewRatio.toFixed(2)}× the trivial no-op
(${s.baselinePreviewSeconds} s) and ${s.sameArgsPreviewRatio.toFixed(2)}× a no-op given the same args (${s.sameArgsPreviewSeconds} s). What is left of
the gap to the trivial no-op is what the inputs themselves cost, not what the provider does: a
provider that does nothing at all, given the same args, is ${(s.sameArgsPreviewSeconds / s.baselinePreviewSeconds).toFixed(2)}× the trivial no-op. Where it
goes (CPU profiles of the three processes of a preview at N = 1000, 2026-11-22, RenewedCertificate
against the trivial no-op):

- **The engine** (Pulumi CLI ${machine.pulumiCli}) logs every top-level property of every RPC at
  verbosity 9 into its automatic log (\`~/.pulumi/logs\`, gzip-compressed, on by default, no switch),
  and marshals each property several times per resource (register, \`Check\`, \`Diff\`, the answer
  to the program, the event stream). Its CPU time grows with the number and size of properties:
  about 5.5 s for RenewedCertificates against 3.0 s for the trivial no-op.
- **The program** receives each resource's outputs and the engine's events (the Automation API
  streams every step with its properties), and for every registered property the Pulumi Node SDK
  creates four promises and an Output. The 16 output placeholders (the outputs of the public
  contract, registered so each is an Output even when unset) cost about 1–1.5 s of program CPU at
  N = 1000: measured by registering none, which previews in about 0.5 s less.
- **The provider process** runs \`check\` and \`diff\`: about 2.3 s of CPU against 1.8 s for a
  provider that does nothing (most of both is Node starting and gRPC).

Run to run, the ratio moves more than the target's margin. Three full runs of the same code on
2026-11-22 gave medians of 1.26×, 1.23× and 1.46× (the no-op given the same args: 1.41×, 1.52× and
1.67× the trivial no-op). So the target holds in some runs and not in others; a provider that did
nothing at all would fail it with these inputs.

### Changes made for performance

- The serialized provider (\`provider/serializedProvider.ts\`) is a module object: where the
  package is installed under \`node_modules\`, Pulumi serializes it as one \`require\` of this
  package (about 300 bytes) instead of a class instance of 3.7 KB. State per resource fell from about
  11.7 KB to 4.6 KB; preview at N = 1000 went from 19.4 s to 13.1 s.
- The Pulumi Node SDK captures a stack trace for each of the four promises it makes per registered
  property, and formats it at once, source-mapped when source maps are on (tsx, ts-node,
  source-map-support: TypeScript programs). For a resource with 23 registered properties that was
  half of the program's CPU time in a preview. The RenewedCertificate constructor registers with
  \`Error.stackTraceLimit\` at 0 (those traces only feed the SDK's promise-leak report, shown under
  \`PULUMI_DEBUG_PROMISE_LEAKS\`, which turns this off); the resource's source position is still
  captured. Preview at N = 1000 went from about 12 s to about 8 s (the trivial no-op: about 6 s).
- Only what a program reads is registered: the provider's bookkeeping outputs (\`lastAttemptAt\`,
  \`outcomeUnknown\`, \`renewedForNotAfter\`, \`currentChallenge\`) stay in state without a
  placeholder on the resource.
- \`check\` does not parse a CSR or PEM again when it is the same text as in the inputs that
  passed before, and the vendor adapters (HTTP and XML clients) load when first used, so a preview
  with nothing due never loads them.
- Importing the package no longer loads the sandbox. \`require("pulumi-renewed-certificate")\`
  in a program (after \`@pulumi/pulumi\`, which every program loads) loaded the vendor emulator, its
  CA on \`@peculiar/x509\` and that library's global \`Reflect\` metadata polyfill: 257 modules.
  \`startSandbox\` now loads the emulator when called: 17 modules. Measured on 2026-11-27 with the
  packed tarball installed in a program directory, 7 runs each, interleaved, on this shared machine
  under load (load average about 10): median 380 ms before, 20 ms after; every program start
  (each preview and up) saves the difference.

## Machine

- CPU: ${machine.cpu}, ${machine.cores} cores; ${machine.memoryGb} GB RAM; ${machine.os}
- Node ${machine.node}; Pulumi CLI ${machine.pulumiCli}; \`@pulumi/pulumi\` ${machine.pulumiSdk}
- Load average (1/5/15 min) before: ${load(machine.loadBefore)}; after: ${load(machine.loadAfter)}.
  The machine is shared: other work running at the same time slows every kind alike, which is why
  they are measured interleaved and compared as ratios.

## Reproduce

\`\`\`sh
npm install
npm run bench                      # N = 100, 500, 1000; prints the table, rewrites this file
npm run bench -- --sizes 100       # a quick run (about a minute)
npm run bench -- --json            # … and the JSON summary of the largest N as the last line
npm run bench -- --preview-runs 9  # more preview repetitions per kind (default 5)
\`\`\`

It builds \`dist/\`, makes sure the pinned Pulumi CLI is available (see the README), packs and installs
the package into a temporary program directory, starts the sandbox in-process, and removes every
stack and temporary directory afterwards. Nothing leaves the machine.
`;
}
