// The package's `bin`: a project that installed the tarball starts the sandbox with
// `npx pulumi-renewed-certificate --port 0`, and the help names that command.
import { expect } from "chai";
import { execFileSync, spawn } from "node:child_process";
import { once } from "node:events";
import * as path from "node:path";
import { packagedInstall } from "../support/packagedInstall";

describe("the installed package's sandbox command", function () {
  this.timeout(120_000);

  it("prints help naming `npx pulumi-renewed-certificate`", () => {
    const { dir } = packagedInstall();
    const help = execFileSync("npx", ["--no-install", "pulumi-renewed-certificate", "--help"], {
      cwd: dir,
      encoding: "utf8",
    });
    expect(help).to.match(/^Usage: npx pulumi-renewed-certificate \[options\]/);
    expect(help).to.contain("--port N");
  });

  it("starts the sandbox with --port 0, serves it, and exits 0 on SIGTERM", async () => {
    const { dir } = packagedInstall();
    const bin = path.join(dir, "node_modules", ".bin", "pulumi-renewed-certificate");
    const child = spawn(bin, ["--port", "0"], { cwd: dir, stdio: ["ignore", "pipe", "inherit"] });
    try {
      const out = await new Promise<string>((resolve, reject) => {
        let text = "";
        child.stdout.setEncoding("utf8");
        child.stdout.on("data", (chunk: string) => {
          text += chunk;
          if (text.includes("Press Ctrl+C to stop.")) resolve(text);
        });
        child.once("exit", (code) => reject(new Error(`exited (${code}) before it was ready: ${text}`)));
      });
      const url = /Sandbox listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)![1];
      const info = (await (await fetch(`${url}/_sandbox`)).json()) as { urls: { autodnsJson: string } };
      expect(info.urls.autodnsJson).to.equal(`${url}/autodns/v1`);
      const exited = once(child, "exit") as Promise<[number | null]>;
      child.kill("SIGTERM");
      expect((await exited)[0]).to.equal(0);
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    }
  });
});
