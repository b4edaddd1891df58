// The main job: `npm start` runs scripts/demo.ts; here it runs the same way and must end with a job id.
import { expect } from "chai";
import { execFile } from "node:child_process";
import * as path from "node:path";
import { promisify } from "node:util";

const REPO_ROOT = path.resolve(__dirname, "..", "..");

describe("the demo (npm start)", function () {
  this.timeout(10 * 60_000);

  it("adopts, reissues free inside the term, then renews (paid) at its end, narrating each step", async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [path.join(REPO_ROOT, "node_modules", "tsx", "dist", "cli.mjs"), "scripts/demo.ts"],
      { cwd: REPO_ROOT, maxBuffer: 10_000_000 },
    );
    // The certificate expires before its paid term: first a free reissue, then the paid renewal
    // (the demo used to renew at the certificate's expiry).
    expect(stdout).to.match(
      /reissue planned \(free, inside the term paid until \d{4}-\d{2}-\d{2}\) — certificate 101 expires in 25 day\(s\)/,
    );
    expect(stdout).to.match(/reissues sent\s+1\s+renewals sent\s+0/);
    expect(stdout).to.match(/renewal planned \(paid\) — the term of certificate 101 ends in 25 day\(s\)/);
    expect(stdout).to.match(/renewals sent\s+1/);
    expect(stdout).to.match(/renewalStatus\s+succeeded/);
    expect(stdout).to.match(
      /Done\. Job \d+ renewed certificate 101 until \d{4}-\d{2}-\d{2}T.* \(after 1 free reissue\)\./,
    );
  });
});
