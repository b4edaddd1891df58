/**
 * Killing the engine and/or the provider process at an exact moment: when the sandbox logs a
 * chosen request. The sandbox emits `request` synchronously after running the operation and
 * before writing the answer, so a SIGKILL sent from the listener lands before the answer leaves:
 * a killed provider never reads it. Only descendants of this process (the CLI that the Automation
 * API started, and the dynamic-provider plugin that the CLI started) are killed, by their PIDs.
 */
import { execFileSync } from "node:child_process";
import type { Sandbox, SandboxRequest } from "../../sandbox";

interface ProcessRow {
  pid: number;
  ppid: number;
  args: string;
}

/** This process's descendants, from `ps`. */
export function descendants(root = process.pid): ProcessRow[] {
  const rows = execFileSync("ps", ["-eo", "pid=,ppid=,args="], { encoding: "utf8" })
    .split("\n")
    .map((line) => /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ pid: Number(m[1]), ppid: Number(m[2]), args: m[3] }));
  const out: ProcessRow[] = [];
  const walk = (pid: number) => {
    for (const row of rows.filter((r) => r.ppid === pid)) {
      out.push(row);
      walk(row.pid);
    }
  };
  walk(root);
  return out;
}

/** What to kill. */
export type KillTarget = "engine" | "provider" | "both";

const isCli = (r: ProcessRow) => /\/pulumi (up|preview|refresh|destroy)\b/.test(r.args);
const isProvider = (r: ProcessRow) => /dynamic-provider|pulumi-resource-pulumi-nodejs/.test(r.args);

/** An armed killer: fires once on the first matching request. */
export interface Killer {
  /** PIDs killed (empty when it never fired). */
  readonly killed: number[];
  /** Provider PIDs alive at the time (an engine-only kill leaves them orphaned until they exit). */
  readonly providers: number[];
  /** Removes the listener; kills any provider process still running after a short grace period. */
  disarm(): Promise<void>;
}

function kill(pid: number): boolean {
  try {
    process.kill(pid, "SIGKILL");
    return true;
  } catch {
    return false;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Kills `target` when the sandbox logs a request matching `match`. */
export function killOnRequest(
  sandbox: Sandbox,
  match: (r: SandboxRequest) => boolean,
  target: KillTarget,
): Killer {
  const killed: number[] = [];
  const providers: number[] = [];
  const listener = (r: SandboxRequest) => {
    if (killed.length || !match(r)) return;
    const tree = descendants();
    providers.push(...tree.filter(isProvider).map((p) => p.pid));
    const victims = tree.filter(
      (p) => (target !== "provider" && isCli(p)) || (target !== "engine" && isProvider(p)),
    );
    for (const p of victims) if (kill(p.pid)) killed.push(p.pid);
  };
  sandbox.admin.events.on("request", listener);
  return {
    killed,
    providers,
    async disarm() {
      sandbox.admin.events.off("request", listener);
      // An orphaned provider finishes its call and exits by itself; never leave one behind.
      for (let i = 0; i < 50 && providers.some(alive); i++) await new Promise((r) => setTimeout(r, 100));
      for (const pid of providers.filter(alive)) kill(pid);
    },
  };
}
