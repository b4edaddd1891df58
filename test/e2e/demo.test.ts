// The main job: `npm start` runs scripts/demo.ts; here it runs the same way and must end with a job id.
import { expect } from "chai";
import { execFile } from "node:child_process";
import * as path from "node:path";
import { promisify } from "node:util";

const REPO_ROOT = path.resolve(__dirname, "..", "..");

describe("the demo (npm start)", function () {
  this.timeout(10 * 60_000);

  it("adopts, plans, renews and refreshes a certificate, narrating each step and showing the job id", async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [path.join(REPO_ROOT, "node_modules", "tsx", "dist", "cli.mjs"), "scripts/demo.ts"],
      { cwd: REPO_ROOT, maxBuffer: 10_000_000 },
    );
    expect(stdout).to.match(/renewal planned — certificate 101 expires in \d+ day\(s\)/);
    expect(stdout).to.match(/renewals sent\s+1/);
    expect(stdout).to.match(/renewalStatus\s+succeeded/);
    expect(stdout).to.match(/Done\. Job \d+ renewed certificate 101 until \d{4}-\d{2}-\d{2}T/);
  });
});
