/**
 * What the package costs a user program when it starts: `require("pulumi-renewed-certificate")`
 * from the installed tarball, timed inside a fresh node process in the program directory (every
 * preview and up starts one). Measured after `@pulumi/pulumi` is loaded, as every program loads it
 * anyway (the package's own share), and cold (both together, when the package is the program's
 * first import). Interleaved, the median of several runs each.
 */
import { execFileSync } from "node:child_process";
import { median } from "./phases";

/** Milliseconds of one `require` in a fresh process, `@pulumi/pulumi` loaded first or not. */
function timeRequire(programDir: string, pulumiFirst: boolean): number {
  const script = [
    pulumiFirst ? 'require("@pulumi/pulumi");' : "",
    "const t0 = process.hrtime.bigint();",
    'require("pulumi-renewed-certificate");',
    "process.stdout.write(String(Number(process.hrtime.bigint() - t0) / 1e6));",
  ].join("\n");
  const out = execFileSync(process.execPath, ["-e", script], { cwd: programDir, encoding: "utf8" });
  const ms = Number(out.trim());
  if (!Number.isFinite(ms))
    throw new Error(`program start: could not read a time from ${JSON.stringify(out)}`);
  return ms;
}

/** The package's load time in a user program (ms, medians of `runs` fresh processes each). */
export interface ProgramStart {
  /** `require("pulumi-renewed-certificate")` after `@pulumi/pulumi` is loaded. */
  afterPulumiMs: number;
  /** The same `require` as a program's first import (it loads `@pulumi/pulumi` itself). */
  coldMs: number;
  runs: number;
}

/** Measures {@link ProgramStart} in `programDir`, where the package is installed. */
export function measureProgramStart(programDir: string, runs = 7): ProgramStart {
  const after: number[] = [];
  const cold: number[] = [];
  for (let i = 0; i < runs; i++) {
    after.push(timeRequire(programDir, true));
    cold.push(timeRequire(programDir, false));
  }
  const round = (x: number) => Number(x.toFixed(1));
  return { afterPulumiMs: round(median(after)), coldMs: round(median(cold)), runs };
}
