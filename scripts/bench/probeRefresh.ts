// PROBE (not committed): refresh of the real-limits stack, with CPU profiles of the provider process.
import { startSandbox } from "../../sandbox";
import { pulumiCli } from "../../test/support/engine";
import { packagedInstall } from "../../test/support/packagedInstall";
import { seedFleet } from "./fleet";
import { benchStack } from "./phases";
import { NoopResource } from "./noopResource";

const RENEWED_TYPE = "pulumi-nodejs:dynamic/renewed-certificate:RenewedCertificate";
async function main() {
  const n = Number(process.argv[2] ?? 1000);
  const kind = process.argv[3] ?? "renewed";
  await pulumiCli();
  const { dir, lib } = packagedInstall();
  const sandbox = await startSandbox({ seed: false, jobCompletion: { afterSeconds: 3 } });
  const fleet = await seedFleet(sandbox, n, { waitTimeoutSeconds: 20, autodnsRequestsPerSecond: 1000 });
  const s = await benchStack(
    "RenewedCertificate (unlimited)",
    n,
    RENEWED_TYPE,
    async () => {
      for (const m of fleet) {
        if (kind === "renewed") new lib.RenewedCertificate(m.name, m.args());
        else new NoopResource(m.name, { key: m.name, ...m.args() });
      }
    },
    dir,
  );
  const opts = { suppressProgress: true, suppressOutputs: true };
  let t = Date.now();
  await s.stack.up(opts);
  console.log(`adopt ${(Date.now() - t) / 1000}s`);
  for (let i = 0; i < 2; i++) {
    t = Date.now();
    await s.stack.refresh(opts);
    console.log(`refresh ${(Date.now() - t) / 1000}s`);
  }
  s.stack.workspace.envVars.NODE_OPTIONS = "--require /tmp/provprof.js";
  t = Date.now();
  await s.stack.refresh(opts);
  console.log(`refresh (profiled) ${(Date.now() - t) / 1000}s`);
  await s.cleanup();
  await sandbox.close();
}
main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
