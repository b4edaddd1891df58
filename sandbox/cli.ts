#!/usr/bin/env node
/**
 * `npx pulumi-renewed-certificate --port N` (the package's `bin`; `npm run sandbox -- --port N` in
 * this repository): runs the vendor emulator standalone, prints its URLs and the
 * demo credentials, writes the Symantec client certificate, key and the sandbox CA to a temporary
 * directory (removed again on exit), and stops cleanly on SIGINT/SIGTERM with exit code 0.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { SANDBOX_SEED, startSandbox } from "./index";
import type { SandboxOptions } from "./types";

const USAGE = `Usage: npx pulumi-renewed-certificate [options]
       (in a clone of the repository: npm run sandbox -- [options])

Starts the vendor sandbox: AutoDNS (JSON and XML), Symantec/DigiCert VICE2 and ResellerClub.

  --port N             port of the HTTP server (AutoDNS, ResellerClub, admin); default 0 = any free port
  --symantec-port N    port of the HTTPS server (Symantec VICE2); default 0
  --now ISO            start the sandbox clock at this instant
  --job-seconds N      RUNNING jobs finish after N sandbox seconds (default 300)
  --job-polls N        RUNNING jobs finish at their Nth poll
  --manual-jobs        jobs finish only through the admin API
  --no-auto-approve    Symantec renewals wait for POST /_sandbox/jobs/{id}/approve
  --require-user-agent AutoDNS refuses requests without a User-Agent
  --help               this text
`;

function port(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new RangeError(`${name} must be a port number (0-65535)`);
  return n;
}

function count(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`${name} must be a non-negative integer`);
  return n;
}

/** Turns command-line arguments into sandbox options; throws with a message for bad input. */
export function optionsFromArgs(argv: string[]): SandboxOptions & { help: boolean } {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: "string" },
      "symantec-port": { type: "string" },
      now: { type: "string" },
      "job-seconds": { type: "string" },
      "job-polls": { type: "string" },
      "manual-jobs": { type: "boolean" },
      "no-auto-approve": { type: "boolean" },
      "require-user-agent": { type: "boolean" },
      help: { type: "boolean" },
    },
  });
  const afterSeconds = count(values["job-seconds"], "--job-seconds");
  const afterPolls = count(values["job-polls"], "--job-polls");
  const jobCompletion = values["manual-jobs"]
    ? {}
    : afterSeconds === undefined && afterPolls === undefined
      ? undefined
      : { afterSeconds, afterPolls };
  if (values.now !== undefined && Number.isNaN(Date.parse(values.now)))
    throw new RangeError("--now must be an ISO-8601 date");
  return {
    help: values.help ?? false,
    port: port(values.port, "--port"),
    symantecPort: port(values["symantec-port"], "--symantec-port"),
    now: values.now,
    jobCompletion,
    symantecAutoApprove: !values["no-auto-approve"],
    requireUserAgent: values["require-user-agent"] ?? false,
  };
}

async function main(): Promise<void> {
  let options;
  try {
    options = optionsFromArgs(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (options.help) {
    process.stdout.write(USAGE);
    return;
  }
  const sandbox = await startSandbox(options);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "renewed-certificate-sandbox-"));
  const files = {
    certificate: path.join(dir, "symantec-client.pem"),
    key: path.join(dir, "symantec-client-key.pem"),
    ca: path.join(dir, "sandbox-ca.pem"),
  };
  fs.writeFileSync(files.certificate, sandbox.credentials.symantec.clientCertificate);
  fs.writeFileSync(files.key, sandbox.credentials.symantec.clientKey, { mode: 0o600 });
  fs.writeFileSync(files.ca, sandbox.caCertificate);

  const { autodns, resellerclub } = sandbox.credentials;
  const seed = SANDBOX_SEED;
  process.stdout.write(
    [
      `Sandbox listening on ${sandbox.url}`,
      `  AutoDNS JSON    ${sandbox.urls.autodnsJson}`,
      `  AutoDNS XML     ${sandbox.urls.autodnsXml}`,
      `  Symantec VICE2  ${sandbox.urls.symantec}`,
      `  ResellerClub    ${sandbox.urls.resellerclub}`,
      `  Admin           ${sandbox.urls.admin}`,
      `Demo credentials`,
      `  AutoDNS         user=${autodns.user} password=${autodns.password} context=${autodns.context}`,
      `  ResellerClub    auth-userid=${resellerclub.authUserId} api-key=${resellerclub.apiKey}`,
      `  Symantec        client certificate ${files.certificate}`,
      `                  client key         ${files.key}`,
      `                  sandbox CA         ${files.ca}`,
      `Seeded`,
      `  AutoDNS certificates     ${seed.autodns.certificates.map((c) => c.id).join(", ")}`,
      `  ResellerClub orders      ${seed.resellerclub.orders.map((o) => `${o.id} (${o.api})`).join(", ")}`,
      `  Symantec transactions    ${seed.symantec.transactions.map((t) => `${t.id} (challenge ${t.challenge})`).join(", ")}`,
      `Sandbox clock ${sandbox.admin.clock.now().toISOString()}. Press Ctrl+C to stop.`,
      "",
    ].join("\n"),
  );

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`${signal}: stopping the sandbox\n`);
    sandbox
      .close()
      .then(() => fs.rmSync(dir, { recursive: true, force: true }))
      .then(
        () => process.exit(0),
        (e: unknown) => {
          process.stderr.write(`stopping failed: ${String(e)}\n`);
          process.exit(1);
        },
      );
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
}

if (require.main === module) {
  main().catch((e: unknown) => {
    process.stderr.write(`sandbox failed to start: ${(e as Error).message ?? String(e)}\n`);
    process.exit(1);
  });
}
