// The package's main entry loads only what a program needs: the resource and its provider, not the
// vendor emulator (an HTTP(S) server, a CA on @peculiar/x509 and its global Reflect polyfill).
import { expect } from "chai";
import { execFileSync } from "node:child_process";
import * as path from "node:path";

const REPO_ROOT = path.resolve(__dirname, "..", "..");

/** What a fresh Node process has loaded after `require("<repo>/index.ts")` (and, optionally, startSandbox). */
function loadedBy(script: string): {
  sandbox: number;
  x509: number;
  reflectMetadata: boolean;
  exports: string[];
} {
  const out = execFileSync(
    process.execPath,
    [
      "--require",
      "tsx/cjs",
      "-e",
      `(async () => {
        const lib = require(${JSON.stringify(path.join(REPO_ROOT, "index.ts"))});
        ${script}
        const files = Object.keys(require.cache);
        console.log(JSON.stringify({
          sandbox: files.filter((f) => f.includes(${JSON.stringify(path.join(REPO_ROOT, "sandbox") + path.sep)})).length,
          x509: files.filter((f) => f.includes("@peculiar/x509")).length,
          reflectMetadata: typeof Reflect.getMetadata === "function",
          exports: Object.keys(lib),
        }));
      })();`,
    ],
    { cwd: REPO_ROOT, encoding: "utf8" },
  );
  return JSON.parse(out.trim().split("\n").pop()!) as ReturnType<typeof loadedBy>;
}

describe("the package entry (index.ts)", function () {
  this.timeout(60_000);

  it("loads neither the sandbox nor @peculiar/x509 nor a Reflect polyfill when imported", function () {
    const loaded = loadedBy("");
    expect(loaded.sandbox, "sandbox modules").to.equal(0);
    expect(loaded.x509, "@peculiar/x509 modules").to.equal(0);
    expect(loaded.reflectMetadata, "Reflect.getMetadata").to.equal(false);
    expect(loaded.exports).to.include.members([
      "RenewedCertificate",
      "RenewedCertificateProvider",
      "startSandbox",
    ]);
  });

  it("loads the sandbox when startSandbox is called, and the sandbox it starts answers", function () {
    const loaded = loadedBy(`
      const sandbox = await lib.startSandbox();
      const res = await fetch(sandbox.url + "/_sandbox/clock");
      if (!res.ok) throw new Error("sandbox clock: HTTP " + res.status);
      await sandbox.close();
    `);
    expect(loaded.sandbox, "sandbox modules").to.be.greaterThan(0);
  });
});
