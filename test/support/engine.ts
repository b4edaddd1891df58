// The engine harness for the e2e suite, the fault matrix (scripts/faults) and the benchmark
// (scripts/bench): the real Pulumi engine driven through the Automation API.
//
// The CLI comes from scripts/ensure-pulumi-cli.js (cached in ${PULUMI_HOME:-~/.pulumi}/versions/<v>,
// built from Go modules where it cannot be downloaded). Each stack gets its own temp dir holding an
// isolated PULUMI_HOME, a file:// backend and the workspace, so tests never touch ~/.pulumi state
// or the network.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { LocalWorkspace, PulumiCommand, PulumiFn, Stack } from "@pulumi/pulumi/automation";
import { type PulumiCliInstall, ensurePulumiCli } from "../../scripts/ensure-pulumi-cli.js";

const REPO_ROOT = path.resolve(__dirname, "..", "..");

let cli: Promise<{ install: PulumiCliInstall; command: PulumiCommand }> | undefined;

/** The pinned CLI install, installed or built on first use (memoised per process). */
export async function pulumiCli(): Promise<{ install: PulumiCliInstall; command: PulumiCommand }> {
  cli ??= (async () => {
    const install = await ensurePulumiCli();
    // `<root>/bin/pulumi`. PulumiCommand.get's own `version` option only checks a minimum (and wants
    // a SemVer instance of the SDK's semver copy), so check the exact version here instead.
    const command = await PulumiCommand.get({ root: install.root });
    if (command.version?.format() !== install.version) {
      throw new Error(
        `${install.bin}/pulumi reports ${command.version?.format()}, expected ${install.version}`,
      );
    }
    return { install, command };
  })();
  cli.catch(() => (cli = undefined));
  return cli;
}

/** A PulumiCommand bound to the pinned CLI (`<root>/bin/pulumi`). */
export async function pulumiCommand(): Promise<PulumiCommand> {
  return (await pulumiCli()).command;
}

export interface NewStackOptions {
  projectName: string;
  /** Defaults to the project name (stack config files of a shared workDir must not collide). */
  stackName?: string;
  program: PulumiFn;
  /** The workspace directory (Pulumi.yaml goes there). Defaults to a fresh dir inside the temp dir. */
  workDir?: string;
  /** Extra environment for every CLI call; it wins over the isolation defaults. */
  envVars?: Record<string, string>;
}

export interface TestStack {
  stack: Stack;
  /** The isolated temp dir: `home/` (PULUMI_HOME), `backend/` (file:// state), `work/`. */
  dir: string;
  /** Destroys nothing: removes the stack from the backend and deletes the temp dir. */
  cleanup(): Promise<void>;
}

/**
 * Creates a stack for an inline program in an isolated temp dir:
 * - `PULUMI_HOME` is a fresh, empty dir. The CLI and the dynamic-provider plugin are still found:
 *   the Automation API runs `<root>/bin/pulumi` by absolute path and prepends `<root>/bin` to PATH,
 *   and the engine looks up plugins beside its own executable and on PATH (also set here).
 * - state goes to a `file://` backend in the temp dir, secrets use an empty passphrase;
 * - no update checks, no plugin downloads;
 * - NODE_PATH points at this repo's node_modules: the plugin script resolves
 *   `@pulumi/pulumi/cmd/dynamic-provider` from its working directory (the workspace), which lies
 *   outside the repo, and the provider's serialized code `require`s packages by name.
 */
export async function newStack(opts: NewStackOptions): Promise<TestStack> {
  const { install, command } = await pulumiCli();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `pulumi-e2e-${opts.projectName}-`));
  const home = path.join(dir, "home");
  const backend = path.join(dir, "backend");
  const workDir = opts.workDir ?? path.join(dir, "work");
  for (const d of [home, backend, workDir]) fs.mkdirSync(d, { recursive: true });
  const backendUrl = `file://${backend}`;
  const nodePath = [path.join(REPO_ROOT, "node_modules"), process.env.NODE_PATH]
    .filter(Boolean)
    .join(path.delimiter);

  const envVars: Record<string, string> = {
    PULUMI_HOME: home,
    PULUMI_BACKEND_URL: backendUrl,
    PULUMI_CONFIG_PASSPHRASE: "",
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    PATH: [install.bin, process.env.PATH].filter(Boolean).join(path.delimiter),
    NODE_PATH: nodePath,
    ...opts.envVars,
  };

  let stack: Stack;
  try {
    stack = await LocalWorkspace.createOrSelectStack(
      { projectName: opts.projectName, stackName: opts.stackName ?? opts.projectName, program: opts.program },
      {
        workDir,
        pulumiHome: envVars.PULUMI_HOME,
        pulumiCommand: command,
        envVars,
        projectSettings: {
          name: opts.projectName,
          runtime: "nodejs",
          backend: { url: envVars.PULUMI_BACKEND_URL },
        },
      },
    );
  } catch (e) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw e;
  }

  return {
    stack,
    dir,
    async cleanup() {
      try {
        await stack.workspace.removeStack(stack.name, { force: true });
      } catch {
        // Best effort: the temp dir goes anyway.
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
