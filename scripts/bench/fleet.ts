/**
 * The benchmark's fleet: N certificates seeded in the sandbox, spread round-robin over the four
 * renewal APIs, and the resource args a user would write for each. Exactly `dueFraction` of them
 * (the first indices, so every API gets its share) expire sooner: after the clock moves
 * {@link CLOCK_STEP_DAYS} days those — and only those — are inside the 30-day renewal window.
 * As many AutoDNS certificates after them (the one API that reissues) hold a 12-month paid term
 * with a certificate cut short, as the CA/B schedule cuts them: after a further
 * {@link REISSUE_STEP_DAYS} days those — and only those — are reissued (free, inside the term).
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
/** Days until expiry of the certificates that become due for a reissue. */
const REISSUE_EXPIRES_IN_DAYS = 100;
/** Their paid term: 12 months, far beyond the certificate and every clock step. */
const REISSUE_TERM_DAYS = 360;
/**
 * How far the clock moves again before the "up (reissue due)" phase: 100 − 35 − 50 = 15 days < 30
 * for the reissue cohort; the others keep more than 30 (200 − 85 = 115, and the certificates
 * renewed in the step before are new).
 */
export const REISSUE_STEP_DAYS = 50;

/** The four renewal APIs. */
export type Api = "autodns-json" | "autodns-xml" | "symantec" | "resellerclub";
export const APIS: readonly Api[] = ["autodns-json", "autodns-xml", "symantec", "resellerclub"];

const VENDOR_OF: Record<Api, SandboxVendor> = {
  "autodns-json": "autodns",
  "autodns-xml": "autodns",
  symantec: "symantec",
  resellerclub: "resellerclub",
};

/**
 * Whether a renewal at this vendor runs a job in the sandbox (AutoDNS jobs, ResellerClub actions,
 * done after the configured seconds); Symantec's renewals are approved at once.
 */
export function runsJob(vendor: SandboxVendor): boolean {
  return vendor !== "symantec";
}

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
  /** Whether it falls due for a reissue (inside its paid term) after the second clock step. */
  reissueDue: boolean;
  /** Builds the resource args (inside the program: credentials become secrets). */
  args(): RenewedCertificateArgs;
}

/** How the fleet's resources are configured. */
export interface FleetOptions {
  /** Share of certificates that fall due (default 0.1). */
  dueFraction?: number;
  /**
   * `autodns.requestsPerSecond`; undefined leaves it unset, so the clients keep their default of 3
   * (the vendor's limit per IP) as a user's program would. A large value lifts the limit, so the
   * figures show the engine and the provider alone.
   */
  autodnsRequestsPerSecond?: number;
  /** `waitTimeoutSeconds`: how long an `up` follows each renewal's job (polling with backoff). */
  waitTimeoutSeconds: number;
}

/** Seeds `n` certificates and returns how to declare each. */
export async function seedFleet(sandbox: Sandbox, n: number, options: FleetOptions): Promise<FleetMember[]> {
  const now = sandbox.admin.clock.now().getTime();
  const dueCount = Math.round(n * (options.dueFraction ?? 0.1));
  const members: FleetMember[] = [];
  let reissueLeft = dueCount;
  const inDays = (days: number) => new Date(now + days * DAY_MS).toISOString();
  for (let i = 0; i < n; i++) {
    const api = APIS[i % APIS.length];
    const vendor = VENDOR_OF[api];
    const due = i < dueCount;
    const reissueDue = !due && vendor === "autodns" && reissueLeft > 0;
    if (reissueDue) reissueLeft--;
    const notAfter = inDays(
      due ? DUE_EXPIRES_IN_DAYS : reissueDue ? REISSUE_EXPIRES_IN_DAYS : FAR_EXPIRES_IN_DAYS,
    );
    const seeded = await sandbox.admin.seedCertificate(
      vendor === "resellerclub"
        ? { vendor, notAfter, api: "digitalcertificate" }
        : reissueDue
          ? { vendor, notAfter, coverageEndsAt: inDays(REISSUE_TERM_DAYS) }
          : { vendor, notAfter },
    );
    // Each Symantec certificate gets its own request, as in real use (nothing is shared or cached).
    const csr = vendor === "symantec" ? await makeCsr(seeded.commonName) : "";
    members.push({
      name: `cert-${String(i).padStart(4, "0")}`,
      api,
      vendor,
      id: seeded.id,
      due,
      reissueDue,
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
    const autodns = sandboxAutodns(sandbox, protocol, options.autodnsRequestsPerSecond ?? 0);
    // Left out when unset, as a user's program would: the clients' default (the vendor's limit) holds.
    if (options.autodnsRequestsPerSecond === undefined) delete autodns.requestsPerSecond;
    return { ...common, autodns };
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
