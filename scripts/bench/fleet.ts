/**
 * The benchmark's fleet: N certificates seeded in the sandbox, spread round-robin over the four
 * renewal APIs, and the resource args a user would write for each. Exactly `dueFraction` of them
 * (the first indices, so every API gets its share) expire sooner: after the clock moves
 * {@link CLOCK_STEP_DAYS} days those — and only those — are inside the 30-day renewal window.
 */
import type { RenewedCertificateArgs } from "../../provider/args";
import type { Sandbox, SandboxVendor } from "../../sandbox";
import { makeCsr } from "../../test/support/pki";
import { sandboxAutodns, sandboxResellerClub, sandboxSymantec } from "../../test/support/vendorCases";

const DAY_MS = 86_400_000;
/** Days until expiry of the certificates that become due. */
const DUE_EXPIRES_IN_DAYS = 60;
/** Days until expiry of all the others: still outside the window after the clock step. */
const FAR_EXPIRES_IN_DAYS = 200;
/** How far the clock moves before the "up with 10% due" phase (60 − 35 = 25 days < 30). */
export const CLOCK_STEP_DAYS = 35;

/** The four renewal APIs. */
export type Api = "autodns-json" | "autodns-xml" | "symantec" | "resellerclub";
export const APIS: readonly Api[] = ["autodns-json", "autodns-xml", "symantec", "resellerclub"];

const VENDOR_OF: Record<Api, SandboxVendor> = {
  "autodns-json": "autodns",
  "autodns-xml": "autodns",
  symantec: "symantec",
  resellerclub: "resellerclub",
};

/** One certificate of the fleet. */
export interface FleetMember {
  /** Resource name. */
  name: string;
  api: Api;
  vendor: SandboxVendor;
  /** The vendor's id of the seeded certificate. */
  id: string;
  /** Whether it falls due after the clock step. */
  due: boolean;
  /** Builds the resource args (inside the program: credentials become secrets). */
  args(): RenewedCertificateArgs;
}

/** How the fleet's resources are configured. */
export interface FleetOptions {
  /** Share of certificates that fall due (default 0.1). */
  dueFraction?: number;
  /**
   * `autodns.requestsPerSecond`. The clients default to 3 (the vendor's limit per IP); against the
   * loopback sandbox the bench lifts it so the figures show the engine and the provider, not a
   * deliberate wait.
   */
  autodnsRequestsPerSecond: number;
  /** `waitTimeoutSeconds`: how long an `up` follows each renewal's job (polling with backoff). */
  waitTimeoutSeconds: number;
}

/** Seeds `n` certificates and returns how to declare each. */
export async function seedFleet(sandbox: Sandbox, n: number, options: FleetOptions): Promise<FleetMember[]> {
  const now = sandbox.admin.clock.now().getTime();
  const dueCount = Math.round(n * (options.dueFraction ?? 0.1));
  const members: FleetMember[] = [];
  for (let i = 0; i < n; i++) {
    const api = APIS[i % APIS.length];
    const vendor = VENDOR_OF[api];
    const due = i < dueCount;
    const notAfter = new Date(now + (due ? DUE_EXPIRES_IN_DAYS : FAR_EXPIRES_IN_DAYS) * DAY_MS).toISOString();
    const seeded = await sandbox.admin.seedCertificate(
      vendor === "resellerclub" ? { vendor, notAfter, api: "digitalcertificate" } : { vendor, notAfter },
    );
    // Each Symantec certificate gets its own request, as in real use (nothing is shared or cached).
    const csr = vendor === "symantec" ? await makeCsr(seeded.commonName) : "";
    members.push({
      name: `cert-${String(i).padStart(4, "0")}`,
      api,
      vendor,
      id: seeded.id,
      due,
      args: () => argsFor(sandbox, api, seeded.id, seeded.pem, csr, options),
    });
  }
  return members;
}

function argsFor(
  sandbox: Sandbox,
  api: Api,
  id: string,
  pem: string,
  csr: string,
  options: FleetOptions,
): RenewedCertificateArgs {
  const common = { certificateId: id, lifetimeMonths: 12, waitTimeoutSeconds: options.waitTimeoutSeconds };
  if (api === "autodns-json" || api === "autodns-xml") {
    const protocol = api === "autodns-json" ? "json" : "xml";
    return { ...common, autodns: sandboxAutodns(sandbox, protocol, options.autodnsRequestsPerSecond) };
  }
  if (api === "symantec") {
    const renewal = {
      csr,
      originalCertificate: pem,
      originalChallenge: "sandbox-challenge",
      challenge: "bench-next-challenge",
    };
    return { ...common, symantec: sandboxSymantec(sandbox, renewal) };
  }
  return { ...common, resellerclub: sandboxResellerClub(sandbox) };
}
