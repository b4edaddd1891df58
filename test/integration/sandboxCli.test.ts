// `npm run sandbox -- --port 0` (the script is `exec tsx sandbox/cli.ts`, so the signal reaches the
// sandbox rather than an intermediate shell): prints its URLs and the demo credentials, serves
// them, and exits 0 on SIGTERM and on SIGINT.
import { expect } from "chai";
import { ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import * as fs from "node:fs";
import * as path from "node:path";
import { optionsFromArgs } from "../../sandbox/cli";

const ROOT = path.resolve(__dirname, "..", "..");

/** Resolves with everything printed once `marker` has appeared on stdout. */
function waitForOutput(child: ChildProcess, marker: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout!.setEncoding("utf8");
    child.stdout!.on("data", (chunk: string) => {
      out += chunk;
      if (out.includes(marker)) resolve(out);
    });
    child.once("exit", (code) => reject(new Error(`exited (${code}) before printing ${marker}: ${out}`)));
  });
}

describe("sandbox command line", () => {
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    it(`prints its URLs and credentials, serves them, and exits 0 on ${signal}`, async function () {
      this.timeout(30_000);
      const child = spawn("npm", ["run", "--silent", "sandbox", "--", "--port", "0"], {
        cwd: ROOT,
        stdio: ["ignore", "pipe", "inherit"],
      });
      try {
        const out = await waitForOutput(child, "Press Ctrl+C to stop.");
        const url = /Sandbox listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)![1];
        expect(out).to.contain(`AutoDNS JSON    ${url}/autodns/v1`);
        expect(out).to.contain(`ResellerClub    ${url}/resellerclub/api`);
        expect(out).to.match(/Symantec VICE2 {2}https:\/\/127\.0\.0\.1:\d+\/vswebservices\/rest\/services/);
        expect(out).to.contain("user=sandbox-user password=sandbox-password context=4");
        const caFile = /sandbox CA +(\S+)/.exec(out)![1];
        expect(fs.readFileSync(caFile, "utf8")).to.contain("BEGIN CERTIFICATE");
        const info = (await (await fetch(`${url}/_sandbox`)).json()) as { urls: { autodnsJson: string } };
        expect(info.urls.autodnsJson).to.equal(`${url}/autodns/v1`);

        const exited = once(child, "exit") as Promise<[number | null, NodeJS.Signals | null]>;
        child.kill(signal);
        const [code] = await exited;
        expect(code).to.equal(0);
        expect(fs.existsSync(caFile), "the temporary PEM files are removed").to.equal(false);
      } finally {
        if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      }
    });
  }

  it("turns arguments into sandbox options and refuses bad ones", () => {
    expect(optionsFromArgs(["--port", "8080", "--job-seconds", "5", "--no-auto-approve"])).to.deep.include({
      port: 8080,
      jobCompletion: { afterSeconds: 5, afterPolls: undefined },
      symantecAutoApprove: false,
    });
    expect(optionsFromArgs(["--manual-jobs"]).jobCompletion).to.deep.equal({});
    expect(() => optionsFromArgs(["--port", "http"])).to.throw(RangeError);
    expect(() => optionsFromArgs(["--bogus"])).to.throw();
  });
});
