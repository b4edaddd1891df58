// Helpers for e2e tests that type `pulumi …` in a project directory, as users do: the pinned CLI
// (scripts/ensure-pulumi-cli.js, with its Node language host) run as a child process, isolated in
// a temp dir (PULUMI_HOME, a file:// backend), and the shell commands a README shows, run verbatim
// with the sandbox's addresses put in for the documented ones.
import { spawn } from "node:child_process";
import { expect } from "chai";
import * as fs from "node:fs";
import * as path from "node:path";

/** What one command printed and how it exited. */
export interface CommandResult {
  code: number | null;
  /** stdout and stderr, interleaved as far as the pipes allow. */
  output: string;
}

/** The environment of every CLI call: isolated, offline, non-interactive (`--yes` implied). */
export function cliEnvironment(bin: string, dir: string, extra: Record<string, string> = {}) {
  const home = path.join(dir, "pulumi-home");
  const backend = path.join(dir, "pulumi-backend");
  for (const d of [home, backend]) fs.mkdirSync(d, { recursive: true });
  return {
    ...process.env,
    PATH: [bin, process.env.PATH].filter(Boolean).join(path.delimiter),
    PULUMI_HOME: home,
    PULUMI_BACKEND_URL: `file://${backend}`,
    PULUMI_CONFIG_PASSPHRASE: "rehearsal",
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    // What `--yes` does: the README's `pulumi up` is typed at a terminal, here there is none.
    PULUMI_SKIP_CONFIRMATIONS: "true",
    NO_COLOR: "1",
    ...extra,
  } as Record<string, string>;
}

/**
 * Runs a shell script (bash, stopping at the first failing command) in `cwd`. Asynchronously: the
 * sandbox the commands talk to runs in this process and must keep answering meanwhile.
 */
export function sh(script: string, cwd: string, env: Record<string, string>): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn("bash", ["-c", `set -euo pipefail\n${script}`], {
      cwd,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, output }));
  });
}

/** Like {@link sh}, but the script must succeed; resolves to what it printed. */
export async function shOk(script: string, cwd: string, env: Record<string, string>): Promise<string> {
  const r = await sh(script, cwd, env);
  expect(r.code, `\`${script}\` in ${cwd} exited ${r.code}:\n${r.output}`).to.equal(0);
  return r.output;
}

/** The text of a Markdown section (`## title` or `### title`, up to the next heading of that level). */
export function markdownSection(markdown: string, heading: string): string {
  const level = /^#+/.exec(heading)![0];
  const start = markdown.indexOf(`\n${heading}\n`);
  expect(start, `section "${heading}"`).to.be.greaterThan(-1);
  const end = markdown.indexOf(`\n${level} `, start + 1);
  return markdown.slice(start, end < 0 ? undefined : end);
}

/** The fenced code blocks of one language (`sh`, `ts`) in a piece of Markdown, in order. */
export function codeBlocks(markdown: string, language: string): string[] {
  const re = new RegExp("```" + language + "\\n([\\s\\S]*?)```", "g");
  return [...markdown.matchAll(re)].map((m) => m[1]);
}

/** A stack's outputs (`pulumi stack output --json --show-secrets`). */
export async function stackOutputs(
  cwd: string,
  env: Record<string, string>,
): Promise<Record<string, unknown>> {
  return JSON.parse(await shOk("pulumi stack output --json --show-secrets", cwd, env)) as Record<
    string,
    unknown
  >;
}
