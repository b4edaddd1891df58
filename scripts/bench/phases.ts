/**
 * One stack per resource kind and N, and the phases run on it with their figures: wall-clock
 * seconds of the engine operation, the vendor requests the sandbox logged meanwhile, the peak RSS
 * of the dynamic-provider process, and (from the exported state afterwards) `__provider` bytes and
 * state bytes per resource.
 */
import type { PulumiFn, Stack } from "@pulumi/pulumi/automation";
import type { Sandbox, SandboxRequest } from "../../sandbox";
import { newStack, TestStack } from "../../test/support/engine";
import { sampleProviderMemory } from "./providerMemory";

/**
 * What is measured: the real resource at the vendors' real rate limits (the clients' defaults, as
 * a user's program has them) and again with the AutoDNS limit lifted (1000 requests per second, to
 * show the engine and the provider alone); the no-op floor (a trivial resource); and a no-op given
 * exactly the args a user gives each RenewedCertificate, the floor of any dynamic resource that
 * takes those inputs.
 */
export type ResourceKind =
  "RenewedCertificate (real limits)" | "RenewedCertificate (unlimited)" | "no-op" | "no-op (same args)";

/** The two RenewedCertificate kinds. */
export const RENEWED_KINDS = ["RenewedCertificate (real limits)", "RenewedCertificate (unlimited)"] as const;

/** Whether a kind is a RenewedCertificate (it talks to the vendors). */
export function isRenewed(kind: ResourceKind): boolean {
  return (RENEWED_KINDS as readonly string[]).includes(kind);
}

/** The phases, in the order they run. */
export const PHASES = [
  "up (adopt)",
  "preview (nothing due)",
  "refresh",
  "up (10% due)",
  "up (reissue due)",
] as const;
export type Phase = (typeof PHASES)[number];

/** A stack of one kind holding N resources. */
export interface BenchStack {
  kind: ResourceKind;
  n: number;
  stack: Stack;
  /** The type token of its resources (to pick them out of the exported state). */
  resourceType: string;
  cleanup(): Promise<void>;
}

/** Creates an isolated stack (own PULUMI_HOME and file:// backend) for a program. */
export async function benchStack(
  kind: ResourceKind,
  n: number,
  resourceType: string,
  program: PulumiFn,
  workDir?: string,
): Promise<BenchStack> {
  // One program directory serves every kind: stack names differ so stack config files do too.
  const suffix: Record<ResourceKind, string> = {
    "RenewedCertificate (real limits)": "",
    "RenewedCertificate (unlimited)": "-unlimited",
    "no-op": "",
    "no-op (same args)": "-args",
  };
  const t: TestStack = await newStack({
    projectName: isRenewed(kind) ? "bench-renewed" : "bench-noop",
    stackName: `n${n}${suffix[kind]}`,
    program,
    workDir,
    // The file backend rewrites the whole state file after every step (O(N²) for N creates);
    // only the final state is saved here, for every kind alike. See docs/BENCHMARKS.md.
    envVars: { PULUMI_SKIP_CHECKPOINTS: "true" },
  });
  return { kind, n, stack: t.stack, resourceType, cleanup: () => t.cleanup() };
}

/** Resource changes the engine reported (create, same, update, …), the stack itself excluded. */
export type Changes = Record<string, number>;

/** The figures of one phase on one stack. */
export interface PhaseFigures {
  kind: ResourceKind;
  n: number;
  phase: Phase;
  seconds: number;
  /** Every timed run of this phase (preview runs several times; its figure is the median). */
  runs: number[];
  /** Vendor requests logged by the sandbox during the phase. */
  requests: number;
  /** Requests by route name. */
  routes: Record<string, number>;
  /** Most requests that named one certificate. */
  maxRequestsPerCertificate: number;
  /** Length of one `__provider` value (it is stored twice per resource: inputs and outputs). */
  providerBytes: number;
  /** Bytes of one resource's entry in the exported state, averaged. */
  stateBytesPerResource: number;
  /** Peak RSS of the dynamic-provider process (MB), when it could be read. */
  providerPeakMb?: number;
  changes: Changes;
}

function withoutStack(changes: Record<string, number> | undefined): Changes {
  const out: Changes = { ...(changes ?? {}) };
  // The stack resource itself is "same" on every operation after the first, "create" on the first.
  for (const op of ["same", "create"]) {
    if (out[op]) {
      out[op] -= 1;
      if (!out[op]) delete out[op];
      break;
    }
  }
  return out;
}

/** Runs one engine operation of a phase; returns its seconds and the resource changes it reported. */
async function operate(stack: Stack, phase: Phase): Promise<{ seconds: number; changes: Changes }> {
  const opts = { suppressProgress: true, suppressOutputs: true };
  const t0 = process.hrtime.bigint();
  let changes: Record<string, number> | undefined;
  if (phase === "preview (nothing due)") {
    changes = (await stack.preview(opts)).changeSummary;
  } else if (phase === "refresh") {
    changes = (await stack.refresh(opts)).summary.resourceChanges;
  } else {
    changes = (await stack.up(opts)).summary.resourceChanges;
  }
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  return { seconds, changes: withoutStack(changes) };
}

/** Sizes from the exported state. */
export async function stateSizes(
  s: BenchStack,
): Promise<{ providerBytes: number; stateBytesPerResource: number }> {
  const deployment = (await s.stack.exportStack()).deployment as {
    resources?: { type: string; outputs?: Record<string, unknown> }[];
  };
  const ours = (deployment.resources ?? []).filter((r) => r.type === s.resourceType);
  if (!ours.length) return { providerBytes: 0, stateBytesPerResource: 0 };
  const total = ours.reduce((sum, r) => sum + Buffer.byteLength(JSON.stringify(r)), 0);
  const provider = ours[0].outputs?.__provider;
  return {
    providerBytes: typeof provider === "string" ? Buffer.byteLength(provider) : 0,
    stateBytesPerResource: Math.round(total / ours.length),
  };
}

/** The median of some figures. */
export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Requests by route and the busiest certificate. */
function tally(requests: SandboxRequest[]) {
  const routes: Record<string, number> = {};
  const perCertificate = new Map<string, number>();
  for (const r of requests) {
    routes[r.route] = (routes[r.route] ?? 0) + 1;
    if (r.certificateId) perCertificate.set(r.certificateId, (perCertificate.get(r.certificateId) ?? 0) + 1);
  }
  return { routes, maxRequestsPerCertificate: Math.max(0, ...perCertificate.values()) };
}

/** Accumulates the runs of one phase on one stack. */
export class PhaseRecorder {
  private runs: number[] = [];
  private requestsByRun: SandboxRequest[][] = [];
  private peaks: number[] = [];
  private changes: Changes = {};

  constructor(
    private readonly s: BenchStack,
    private readonly phase: Phase,
    private readonly sandbox: Sandbox,
  ) {}

  /** Runs the phase's engine operation once, measuring it. */
  async run(): Promise<Changes> {
    const logged = this.sandbox.admin.requests().length;
    const memory = sampleProviderMemory();
    let result: { seconds: number; changes: Changes };
    try {
      result = await operate(this.s.stack, this.phase);
    } finally {
      const peak = memory.stop();
      if (peak !== undefined) this.peaks.push(peak);
    }
    this.requestsByRun.push(this.sandbox.admin.requests().slice(logged));
    this.runs.push(result.seconds);
    this.changes = result.changes;
    return result.changes;
  }

  /** The phase's figures (state sizes read now, after the last run). */
  async figures(): Promise<PhaseFigures> {
    const runs = Math.max(1, this.runs.length);
    const tallies = this.requestsByRun.map(tally);
    const routes: Record<string, number> = {};
    for (const t of tallies) for (const [k, v] of Object.entries(t.routes)) routes[k] = (routes[k] ?? 0) + v;
    const total = this.requestsByRun.reduce((sum, r) => sum + r.length, 0);
    return {
      kind: this.s.kind,
      n: this.s.n,
      phase: this.phase,
      seconds: median(this.runs),
      runs: this.runs,
      // Per run, so repeated previews are comparable with the single-run phases.
      requests: Math.round(total / runs),
      routes: Object.fromEntries(Object.entries(routes).map(([k, v]) => [k, Math.round(v / runs)])),
      maxRequestsPerCertificate: Math.max(0, ...tallies.map((t) => t.maxRequestsPerCertificate)),
      ...(await stateSizes(this.s)),
      providerPeakMb: this.peaks.length ? Math.max(...this.peaks) : undefined,
      changes: this.changes,
    };
  }
}
