// Installs this package the way a user gets it — `npm pack`, then `npm install <tarball>` into a
// fresh program directory — so e2e tests prove that the serialized provider works from outside the
// repository (its `require("pulumi-renewed-certificate/dist/…")` must resolve through the exports map).
//
// `@pulumi/pulumi` in that directory is a symlink to this repo's copy: the inline program runs in
// the test process, and one process must use one instance of the Pulumi runtime.
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const REPO_ROOT = path.resolve(__dirname, "..", "..");

/** The installed program directory and the package as loaded from it. */
export interface PackagedInstall {
  /** Program directory (use it as the workspace's workDir). */
  dir: string;
  /** The tarball `npm pack` produced. */
  tarball: string;
  /** `require("pulumi-renewed-certificate")` from the program directory. */
  lib: typeof import("../../index");
}

let installed: PackagedInstall | undefined;

/** Packs and installs once per process (the build in dist/ must be current: `npm test` builds first). */
export function packagedInstall(): PackagedInstall {
  if (installed) return installed;
  if (!fs.existsSync(path.join(REPO_ROOT, "dist", "index.js"))) {
    throw new Error("dist/ is missing: run `npm run build` (npm test does) before the e2e suite");
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "renewed-certificate-app-"));
  const packOut = execFileSync("npm", ["pack", "--silent", "--pack-destination", dir], {
    cwd: REPO_ROOT,
    encoding: "utf8",
  });
  const tarball = path.join(dir, packOut.trim().split("\n").pop()!.trim());
  fs.writeFileSync(
    path.join(dir, "package.json"),
    JSON.stringify({ name: "renewed-certificate-e2e-app", private: true, version: "0.0.0" }, null, 2),
  );
  execFileSync(
    "npm",
    [
      "install",
      tarball,
      "--legacy-peer-deps",
      "--prefer-offline",
      "--no-audit",
      "--no-fund",
      "--loglevel=error",
    ],
    { cwd: dir, stdio: ["ignore", "ignore", "inherit"] },
  );
  fs.mkdirSync(path.join(dir, "node_modules"), { recursive: true });
  fs.symlinkSync(
    path.join(REPO_ROOT, "node_modules", "@pulumi"),
    path.join(dir, "node_modules", "@pulumi"),
    "dir",
  );
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const lib = require(path.join(dir, "node_modules", "pulumi-renewed-certificate")) as PackagedInstall["lib"];
  installed = { dir, tarball, lib };
  return installed;
}
