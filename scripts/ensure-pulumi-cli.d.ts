/**
 * Types of ./ensure-pulumi-cli.js, which stays plain JavaScript so that `node
 * scripts/ensure-pulumi-cli.js` works without a TypeScript runner (see that file for what it does).
 */

/** Where the Pulumi CLI was made available. */
export interface PulumiCliInstall {
  /** The cache directory of this version: `${PULUMI_HOME:-~/.pulumi}/versions/<version>`. */
  root: string;
  /** Its `bin` directory: the CLI, the Node language host and the dynamic-provider plugin. */
  bin: string;
  /** The CLI version, without a leading `v`. */
  version: string;
}

/** Reuses, downloads or builds the pinned Pulumi CLI (with its Node language host). */
export function ensurePulumiCli(): Promise<PulumiCliInstall>;

/** The CLI version package.json pins (the `pulumi` devDependency). */
export function pinnedVersion(): string;

/** The cache directory of a CLI version. */
export function cacheRoot(version: string): string;
