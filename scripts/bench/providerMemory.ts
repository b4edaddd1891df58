/**
 * Peak memory of the dynamic-provider processes during a phase. The engine starts the provider
 * plugin (`pulumi-resource-pulumi-nodejs`, a shell script that runs node on
 * `@pulumi/pulumi/cmd/dynamic-provider`) as a descendant of this process; other engineers' engine
 * runs on the same machine are not, so walking our own process tree keeps their providers out.
 * Each sample reads `VmHWM` (the kernel's own peak RSS of the process) so a short spike between
 * samples is still seen. Linux only; elsewhere the figure is absent.
 */
import * as fs from "node:fs";

const PROVIDER_MARK = "dynamic-provider";

function read(file: string): string | undefined {
  try {
    return fs.readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}

/** Children of a process, over all its threads (the Go engine spawns from any thread). */
function childrenOf(pid: number): number[] {
  let tasks: string[];
  try {
    tasks = fs.readdirSync(`/proc/${pid}/task`);
  } catch {
    return [];
  }
  const out: number[] = [];
  for (const tid of tasks) {
    for (const c of (read(`/proc/${pid}/task/${tid}/children`) ?? "").split(" ")) {
      if (c.trim()) out.push(Number(c));
    }
  }
  return out;
}

function descendants(root: number): number[] {
  const seen: number[] = [];
  const queue = childrenOf(root);
  while (queue.length) {
    const pid = queue.shift()!;
    seen.push(pid);
    queue.push(...childrenOf(pid));
  }
  return seen;
}

function peakKb(pid: number): number | undefined {
  const m = /VmHWM:\s+(\d+)\s+kB/.exec(read(`/proc/${pid}/status`) ?? "");
  return m ? Number(m[1]) : undefined;
}

/** A running sampler; `stop` returns the largest peak RSS (MB) of any provider process seen. */
export interface MemorySampler {
  stop(): number | undefined;
}

/** Samples every `intervalMs` until stopped. */
export function sampleProviderMemory(intervalMs = 150): MemorySampler {
  if (!fs.existsSync(`/proc/${process.pid}/task`)) return { stop: () => undefined };
  const providers = new Set<number>();
  const peaks = new Map<number, number>();
  const sample = () => {
    for (const pid of descendants(process.pid)) {
      if (!providers.has(pid)) {
        // `node <…>/cmd/dynamic-provider <engine address>`; not the script's `node -e require.resolve(…)`.
        const argv = (read(`/proc/${pid}/cmdline`) ?? "").split("\0");
        if (!argv[1]?.includes(PROVIDER_MARK)) continue;
        providers.add(pid);
      }
      const kb = peakKb(pid);
      if (kb !== undefined) peaks.set(pid, Math.max(kb, peaks.get(pid) ?? 0));
    }
  };
  const timer = setInterval(sample, intervalMs);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      sample();
      if (!peaks.size) return undefined;
      return Math.max(...peaks.values()) / 1024;
    },
  };
}
