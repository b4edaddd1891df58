#!/usr/bin/env node
// Makes the Pulumi CLI (the version pinned by the `pulumi` devDependency) available in
// `${PULUMI_HOME:-~/.pulumi}/versions/<version>/bin`, the same cache the official installers use:
//
//   1. reuse a cached CLI that reports the right version;
//   2. otherwise try the official installer (node_modules/pulumi, downloads from get.pulumi.com);
//   3. otherwise build the CLI from Go modules (scripts/pulumi-cli), which needs only Go >= 1.25
//      and the Go module proxy.
//
// It always places a copy of @pulumi/pulumi's dynamic-provider plugin script
// (pulumi-resource-pulumi-nodejs) beside the binary, and makes sure the Node language host
// (pulumi-language-nodejs, which `pulumi up` in a project directory needs) is there too: from the
// official release archive, else built from Go modules (scripts/pulumi-cli/language-host; see
// ensureLanguageHost below for which host and why). A cache that has the CLI but not the host gets
// the host added.
//
// Usage: `node scripts/ensure-pulumi-cli.js` prints progress on stderr and the bin directory as
// the last line on stdout. `require("./scripts/ensure-pulumi-cli.js").ensurePulumiCli()` resolves
// to `{ root, bin, version }`.
/* global fetch, AbortSignal, setTimeout, clearTimeout, setInterval, clearInterval */
"use strict";

const childProcess = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");

const REPO_ROOT = path.resolve(__dirname, "..");
const GO_MODULE_DIR = path.join(__dirname, "pulumi-cli");
const CLI_PACKAGE = "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi";
const PKG_MODULE = "github.com/pulumi/pulumi/pkg/v3";
const VERSION_VAR = "github.com/pulumi/pulumi/sdk/v3/go/common/version.Version";
const LANGUAGE_HOST = "pulumi-language-nodejs";
const LANGUAGE_HOST_PACKAGE = "github.com/pulumi/pulumi/sdk/v3/nodejs/cmd/pulumi-language-nodejs";
const LANGUAGE_HOST_MODULE_DIR = path.join(GO_MODULE_DIR, "language-host");
const DYNAMIC_PROVIDER_PLUGIN = "pulumi-resource-pulumi-nodejs";
const MIN_GO = [1, 25];
const DOWNLOAD_FETCH_TIMEOUT_MS = 15_000;
const DOWNLOAD_INSTALL_TIMEOUT_MS = 5 * 60_000;
const STALE_TEMP_MS = 6 * 60 * 60_000;
const EXE = process.platform === "win32" ? ".exe" : "";

function log(message) {
  process.stderr.write(`[ensure-pulumi-cli] ${message}\n`);
}

/** The CLI version: the `pulumi` devDependency of package.json (an exact version). */
function pinnedVersion() {
  const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8"));
  const spec =
    (pkg.devDependencies && pkg.devDependencies.pulumi) || (pkg.dependencies && pkg.dependencies.pulumi);
  const match = /^[v=^~]*(\d+\.\d+\.\d+)$/.exec(String(spec || "").trim());
  if (match) return match[1];
  try {
    // A range: fall back to the installed lazy-installer package's version.
    return JSON.parse(fs.readFileSync(require.resolve("pulumi/package.json", { paths: [REPO_ROOT] }), "utf8"))
      .version;
  } catch {
    throw new Error(`package.json must pin the "pulumi" devDependency to an exact version (found ${spec})`);
  }
}

/** `${PULUMI_HOME:-~/.pulumi}/versions/<version>`, like node_modules/pulumi/lib/cache.js. */
function cacheRoot(version) {
  const home = process.env.PULUMI_HOME || path.join(os.homedir(), ".pulumi");
  return path.join(home, "versions", version);
}

function isExecutable(file) {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** The version `pulumi version` prints (e.g. "v3.250.0"), or undefined if it does not run. */
function cliVersion(exe) {
  if (!isExecutable(exe)) return undefined;
  try {
    return childProcess
      .execFileSync(exe, ["version"], {
        encoding: "utf8",
        timeout: 60_000,
        stdio: ["ignore", "pipe", "ignore"],
        env: { ...process.env, PULUMI_SKIP_UPDATE_CHECK: "true" },
      })
      .trim();
  } catch {
    return undefined;
  }
}

function mkTempDirBeside(target, label) {
  const parent = path.dirname(target);
  fs.mkdirSync(parent, { recursive: true });
  return fs.mkdtempSync(path.join(parent, `.${path.basename(target)}-${label}-`));
}

/** Removes temp dirs left behind by killed runs (`.<version>-build-*`, `.<version>-download-*`). */
function removeStaleTempDirs(root) {
  const parent = path.dirname(root);
  let entries = [];
  try {
    entries = fs.readdirSync(parent);
  } catch {
    return;
  }
  const prefix = `.${path.basename(root)}-`;
  for (const name of entries) {
    if (!name.startsWith(prefix)) continue;
    const dir = path.join(parent, name);
    try {
      if (Date.now() - fs.statSync(dir).mtimeMs > STALE_TEMP_MS)
        fs.rmSync(dir, { recursive: true, force: true });
    } catch {
      // Another process may be removing it too.
    }
  }
}

/** Moves every file of `fromBin` (or those named in `only`) into `toBin` by rename (atomic per file), `pulumi` last. */
function moveBinaries(fromBin, toBin, only) {
  fs.mkdirSync(toBin, { recursive: true });
  const names = fs
    .readdirSync(fromBin)
    .filter((name) => !only || only.includes(name))
    .sort((a, b) => (a === `pulumi${EXE}`) - (b === `pulumi${EXE}`));
  for (const name of names) fs.renameSync(path.join(fromBin, name), path.join(toBin, name));
}

// ---------------------------------------------------------------------------------------------
// 1. The official installer.

/**
 * Installs the release archive of `version` into a temp dir, then moves its binaries into
 * `root`/bin: all of them, or only those named in `only`.
 */
async function tryOfficialInstaller(version, root, only) {
  let download;
  try {
    download = require(require.resolve("pulumi/lib/download", { paths: [REPO_ROOT] }));
  } catch (e) {
    return { ok: false, reason: `the "pulumi" npm package is not installed (${e.message})` };
  }
  const tmp = mkTempDirBeside(root, "download");
  try {
    log(`Trying the official installer for Pulumi CLI v${version} (get.pulumi.com)…`);
    await download.installCLI(version, tmp, {
      fetchText: async (url) => {
        const res = await fetch(url, { signal: AbortSignal.timeout(DOWNLOAD_FETCH_TIMEOUT_MS) });
        if (!res.ok) throw new Error(`HTTP ${res.status} fetching ${url}`);
        return res.text();
      },
      execScript: (scriptPath, args) => {
        childProcess.execFileSync("/bin/sh", [scriptPath, ...args], {
          stdio: ["ignore", process.stderr, process.stderr],
          timeout: DOWNLOAD_INSTALL_TIMEOUT_MS,
          killSignal: "SIGKILL",
        });
      },
    });
    const got = cliVersion(path.join(tmp, "bin", `pulumi${EXE}`));
    if (got !== `v${version}`)
      return { ok: false, reason: `the installer produced ${got || "no working CLI"}` };
    moveBinaries(path.join(tmp, "bin"), path.join(root, "bin"), only);
    return { ok: true };
  } catch (e) {
    const cause = e && e.cause && e.cause.code ? ` (${e.cause.code})` : "";
    return { ok: false, reason: `${e.message}${cause}` };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------
// 2. The source build from Go modules.

/** The `go` binary: on PATH, else /usr/local/go/bin/go; undefined if neither runs. */
function findGo() {
  const candidates = [];
  for (const dir of (process.env.PATH || "").split(path.delimiter))
    if (dir) candidates.push(path.join(dir, `go${EXE}`));
  candidates.push("/usr/local/go/bin/go", path.join(os.homedir(), "go", "bin", "go"), "/usr/lib/go/bin/go");
  for (const go of candidates) {
    if (!isExecutable(go)) continue;
    try {
      const out = childProcess
        .execFileSync(go, ["env", "GOVERSION"], { encoding: "utf8", timeout: 30_000 })
        .trim();
      const m = /^go(\d+)\.(\d+)/.exec(out);
      return {
        go,
        goVersion: out,
        tooOld: !!m && (+m[1] < MIN_GO[0] || (+m[1] === MIN_GO[0] && +m[2] < MIN_GO[1])),
      };
    } catch {
      // Not a working toolchain; try the next one.
    }
  }
  return undefined;
}

function goEnv(extra) {
  return { ...process.env, CGO_ENABLED: "0", GOWORK: "off", GOFLAGS: "-mod=readonly", ...extra };
}

/** Runs `go …` asynchronously; returns { code, tail } with the last lines of its output. */
function runGo(go, args, { cwd, env, timeoutMs, onLine }) {
  return new Promise((resolve) => {
    const child = childProcess.spawn(go, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    const tail = [];
    let buffered = "";
    const onData = (chunk) => {
      buffered += chunk.toString("utf8");
      const lines = buffered.split("\n");
      buffered = lines.pop();
      for (const line of lines) {
        tail.push(line);
        if (tail.length > 40) tail.shift();
        if (onLine) onLine(line);
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    const timer = timeoutMs ? setTimeout(() => child.kill("SIGKILL"), timeoutMs) : undefined;
    const finish = (code) => {
      if (timer) clearTimeout(timer);
      if (buffered) tail.push(buffered);
      resolve({ code, tail: tail.join("\n") });
    };
    child.on("error", (e) => {
      tail.push(e.message);
      finish(-1);
    });
    child.on("close", (code, signal) => finish(signal ? `signal ${signal}` : code));
  });
}

function checkWrapperModule(version) {
  const goMod = fs.readFileSync(path.join(GO_MODULE_DIR, "go.mod"), "utf8");
  const m = /github\.com\/pulumi\/pulumi\/pkg\/v3 (v\S+)/.exec(goMod);
  if (!m || m[1] !== `v${version}`) {
    throw new Error(
      `scripts/pulumi-cli/go.mod requires ${PKG_MODULE} ${m ? m[1] : "(nothing)"} but package.json pins pulumi ${version}: ` +
        `run \`go get ${PKG_MODULE}@v${version} github.com/pulumi/pulumi/sdk/v3@v${version} && go mod tidy\` in scripts/pulumi-cli ` +
        `(and copy pkg's non-local replace lines).`,
    );
  }
}

async function buildFromSource(go, version, root) {
  checkWrapperModule(version);
  const tmp = mkTempDirBeside(root, "build");
  const started = Date.now();
  try {
    log(`Building the Pulumi CLI v${version} from Go modules (first run only, several minutes)…`);
    let packages = 0;
    let downloads = 0;
    const elapsed = () => `${Math.round((Date.now() - started) / 1000)} s`;
    const progress = setInterval(() => {
      const fetched = downloads ? `${downloads} modules downloaded, ` : "";
      log(`… ${fetched}${packages} packages compiled (${elapsed()})`);
    }, 20_000);
    const ldflags = `-s -w -X ${VERSION_VAR}=v${version}`;
    const args = ["build", "-v", "-trimpath", "-tags", "osusergo,grpcnotrace", "-ldflags", ldflags];
    let result;
    try {
      result = await runGo(go, [...args, "-o", path.join(tmp, "bin") + path.sep, CLI_PACKAGE], {
        cwd: GO_MODULE_DIR,
        env: goEnv(),
        onLine: (line) => {
          // `go build -v` prints each package it compiles; the first run also downloads modules.
          if (line.startsWith("go: downloading")) {
            if (downloads++ === 0) log("Downloading Go modules from the module proxy…");
          } else if (/^[\w.~-]+(\/[\w.~+-]+)*$/.test(line)) {
            packages++;
          }
        },
      });
    } finally {
      clearInterval(progress);
    }
    if (result.code !== 0) throw new Error(`go build failed (exit ${result.code}):\n${result.tail}`);
    const got = cliVersion(path.join(tmp, "bin", `pulumi${EXE}`));
    if (got !== `v${version}`)
      throw new Error(`the built CLI reports ${got || "nothing"} instead of v${version}`);
    moveBinaries(path.join(tmp, "bin"), path.join(root, "bin"));
    const seconds = Math.round((Date.now() - started) / 1000);
    log(
      `Built the Pulumi CLI v${version} in ${seconds} s (${downloads} modules downloaded, ${packages} packages compiled).`,
    );
    return seconds;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------
// 3. The Node language host (pulumi-language-nodejs).
//
// The CLI runs a project directory (`pulumi up` beside a Pulumi.yaml with `runtime: nodejs`) through
// this separate binary; the Automation API's inline programs do not need it. The official release
// archive carries it beside the CLI. Built from Go modules it has to come from
// github.com/pulumi/pulumi/sdk/v3@v3.68.0: the newest sdk release that still contained
// nodejs/cmd/pulumi-language-nodejs. Later releases moved it into a module of its own that has no
// version tags, which the Go module proxy does not serve. The host speaks the language-host gRPC
// protocol that CLI 3.250 still uses, and it starts the program through the run script of the
// program's own @pulumi/pulumi, so the SDK version a program uses is unaffected.

/** Builds the language host from scripts/pulumi-cli/language-host into `root`/bin. */
async function buildLanguageHost(go, root) {
  const goMod = fs.readFileSync(path.join(LANGUAGE_HOST_MODULE_DIR, "go.mod"), "utf8");
  const m = /github\.com\/pulumi\/pulumi\/sdk\/v3 (v\S+)/.exec(goMod);
  const hostVersion = m ? m[1] : "unknown";
  const out = mkTempDirBeside(root, "build");
  const started = Date.now();
  try {
    log(
      `Building ${LANGUAGE_HOST} from ${LANGUAGE_HOST_PACKAGE}@${hostVersion} (first run only, about 1-2 minutes)…`,
    );
    const ldflags = `-s -w -X ${VERSION_VAR}=${hostVersion}`;
    const build = await runGo(
      go,
      ["build", "-trimpath", "-ldflags", ldflags, "-o", out + path.sep, LANGUAGE_HOST_PACKAGE],
      { cwd: LANGUAGE_HOST_MODULE_DIR, env: goEnv(), timeoutMs: 20 * 60_000 },
    );
    if (build.code !== 0) throw new Error(`go build failed (exit ${build.code}):\n${build.tail}`);
    if (!isExecutable(path.join(out, `${LANGUAGE_HOST}${EXE}`)))
      throw new Error(`go build produced no ${LANGUAGE_HOST}${EXE}`);
    moveBinaries(out, path.join(root, "bin"));
    log(`Built ${LANGUAGE_HOST} ${hostVersion} in ${Math.round((Date.now() - started) / 1000)} s.`);
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
}

/**
 * Makes sure `root`/bin holds the Node language host: already there (the official archive has it,
 * or an earlier run built it); else the official archive's copy; else the build from Go modules.
 */
async function ensureLanguageHost(version, root) {
  const host = path.join(root, "bin", `${LANGUAGE_HOST}${EXE}`);
  if (isExecutable(host)) return;
  log(`${host} is missing: Pulumi.yaml projects (pulumi up in a directory) need it.`);
  const download = await tryOfficialInstaller(version, root, [`${LANGUAGE_HOST}${EXE}`]);
  if (download.ok && isExecutable(host)) {
    log(`Installed ${LANGUAGE_HOST} from the official release of v${version}.`);
    return;
  }
  if (!download.ok) log(`The official installer failed: ${download.reason}`);
  const found = findGo();
  if (!found) {
    throw new Error(
      `Cannot install ${LANGUAGE_HOST}: the download failed and no Go toolchain was found. ` +
        `Install the Pulumi CLI v${version} with the official installer into ${root}, ` +
        `or install Go (https://go.dev/dl/) for the build from Go modules, then rerun.`,
    );
  }
  try {
    await buildLanguageHost(found.go, root);
  } catch (e) {
    throw new Error(
      `Cannot install ${LANGUAGE_HOST}: the download failed and the build with ${found.go} (${found.goVersion}) failed: ${e.message}`,
    );
  }
}

// ---------------------------------------------------------------------------------------------
// The dynamic-provider plugin.

/** Copies (not symlinks) @pulumi/pulumi's pulumi-resource-pulumi-nodejs into bin, executable. */
function installDynamicProviderPlugin(bin) {
  const sdkDir = path.dirname(require.resolve("@pulumi/pulumi/package.json", { paths: [REPO_ROOT] }));
  const names = [DYNAMIC_PROVIDER_PLUGIN];
  if (process.platform === "win32") names.push(`${DYNAMIC_PROVIDER_PLUGIN}.cmd`);
  for (const name of names) {
    const source = path.join(sdkDir, name);
    const target = path.join(bin, name);
    const content = fs.readFileSync(source);
    let current;
    try {
      current = fs.readFileSync(target);
    } catch {
      current = undefined;
    }
    if (!current || !current.equals(content) || !isExecutable(target)) {
      const tmp = `${target}.tmp-${process.pid}`;
      fs.writeFileSync(tmp, content, { mode: 0o755 });
      fs.chmodSync(tmp, 0o755);
      fs.renameSync(tmp, target);
    }
  }
}

// ---------------------------------------------------------------------------------------------

/**
 * Ensures the pinned Pulumi CLI is installed under `${PULUMI_HOME:-~/.pulumi}/versions/<version>`.
 * @returns {Promise<{ root: string, bin: string, version: string }>}
 */
async function ensurePulumiCli() {
  const version = pinnedVersion();
  const root = cacheRoot(version);
  const bin = path.join(root, "bin");
  const exe = path.join(bin, `pulumi${EXE}`);

  if (cliVersion(exe) === `v${version}`) {
    installDynamicProviderPlugin(bin);
    await ensureLanguageHost(version, root);
    log(`Reusing the Pulumi CLI v${version} in ${bin} (with ${LANGUAGE_HOST}).`);
    return { root, bin, version };
  }

  fs.mkdirSync(path.dirname(root), { recursive: true });
  removeStaleTempDirs(root);

  const download = await tryOfficialInstaller(version, root);
  if (download.ok) {
    log(`Installed the Pulumi CLI v${version} with the official installer.`);
  } else {
    log(`The official installer failed: ${download.reason}`);
    const found = findGo();
    if (!found) {
      throw new Error(
        `Cannot install the Pulumi CLI v${version}: the download failed and no Go toolchain was found.\n` +
          `Either install the Pulumi CLI v${version} (https://www.pulumi.com/docs/install/), e.g.\n` +
          `  curl -fsSL https://get.pulumi.com | sh -s -- --version ${version} --install-root ${root}\n` +
          `so that ${exe} exists, or install Go >= ${MIN_GO.join(".")} (https://go.dev/dl/) for the source build, then rerun.`,
      );
    }
    if (found.tooOld)
      log(`Warning: ${found.go} is ${found.goVersion}; the build needs Go >= ${MIN_GO.join(".")}.`);
    try {
      await buildFromSource(found.go, version, root);
    } catch (e) {
      throw new Error(
        `Cannot install the Pulumi CLI v${version}: the download failed and the source build with ${found.go} ` +
          `(${found.goVersion}) failed: ${e.message}\n` +
          `Install the Pulumi CLI v${version} (https://www.pulumi.com/docs/install/) or Go >= ${MIN_GO.join(".")} with access to the Go module proxy.`,
      );
    }
  }

  if (cliVersion(exe) !== `v${version}`)
    throw new Error(`${exe} does not report v${version} after installation`);
  installDynamicProviderPlugin(bin);
  await ensureLanguageHost(version, root);
  log(`Pulumi CLI v${version} ready in ${bin} (with ${LANGUAGE_HOST}).`);
  return { root, bin, version };
}

module.exports = { ensurePulumiCli, pinnedVersion, cacheRoot };

if (require.main === module) {
  ensurePulumiCli().then(
    ({ bin }) => process.stdout.write(`${bin}\n`),
    (e) => {
      process.stderr.write(`[ensure-pulumi-cli] ${e.message}\n`);
      process.exit(1);
    },
  );
}
