/**
 * The in-process admin API (`sandbox.admin`). Reads first finish the jobs that are due by the
 * sandbox clock, exactly like a vendor request would, so they show what the vendor would show.
 */
import type { SandboxCa } from "../ca";
import { certificateFacts } from "../ca";
import type { FaultRegistry } from "../faults";
import { JobStateError, finishJob, settleJobs, viewJob } from "../jobs";
import type { RequestLog } from "../requestLog";
import { seedCertificate, seedDemoData } from "../seed";
import type { Store } from "../store";
import type { SandboxAdmin, SandboxClientCertificate, SandboxJob, SandboxVendor } from "../types";

/** What the admin API works on. */
export interface AdminDeps {
  store: Store;
  ca: SandboxCa;
  faults: FaultRegistry;
  log: RequestLog;
  /** Fingerprints of registered Symantec client certificates. */
  registeredClients: Set<string>;
  /** The fingerprint of the demo client certificate, kept registered across resets. */
  defaultClientFingerprint: string;
  seed: boolean;
}

/** Builds the admin API; see {@link SandboxAdmin} for the contract of each method. */
export function createAdmin(deps: AdminDeps): SandboxAdmin {
  const { store, faults, log } = deps;
  const settled = <T>(fn: () => T): T => {
    settleJobs(store);
    return fn();
  };

  const openJob = (id: string, vendor?: SandboxVendor) => {
    const job = store.jobs.get(id);
    if (!job || (vendor && job.vendor !== vendor)) {
      throw new JobStateError(`no ${vendor ?? ""}${vendor ? " " : ""}job ${id} in the sandbox`);
    }
    return job;
  };

  // Promise-returning so callers may treat completion as the asynchronous event it is at a vendor.
  const finish = async (
    id: string,
    success: boolean,
    reason?: string,
    vendor?: SandboxVendor,
  ): Promise<SandboxJob> =>
    settled(() => {
      const job = openJob(id, vendor);
      if (!success && job.vendor === "symantec") {
        throw new JobStateError(
          "Symantec transactions cannot fail in the sandbox; leave them unapproved instead",
        );
      }
      finishJob(store, job, success, reason);
      return viewJob(store, job);
    });

  return {
    clock: store.clock,
    events: store.events,
    seedCertificate: async (spec) => seedCertificate(store, spec),
    certificate: (vendor, id) =>
      settled(() => {
        const r = store.certificate(vendor, id);
        return r && store.viewCertificate(r);
      }),
    certificates: (vendor) =>
      settled(() =>
        [...store.certificates.values()]
          .filter((c) => vendor === undefined || c.vendor === vendor)
          .map((c) => store.viewCertificate(c)),
      ),
    job: (id) =>
      settled(() => {
        const job = store.jobs.get(id);
        return job && viewJob(store, job);
      }),
    jobs: (filter = {}) =>
      settled(() =>
        [...store.jobs.values()]
          .filter((j) => filter.vendor === undefined || j.vendor === filter.vendor)
          .filter((j) => filter.certificateId === undefined || j.certificateId === filter.certificateId)
          .map((j) => viewJob(store, j)),
      ),
    completeJob: (id) => finish(id, true),
    failJob: (id, reason) => finish(id, false, reason),
    approve: (transactionId) => finish(transactionId, true, undefined, "symantec"),
    setSymantecAutoApprove: (on) => {
      store.symantecAutoApprove = on;
    },
    setSymantecTokens: (count) => {
      if (count !== undefined && !(Number.isInteger(count) && count >= 0))
        throw new RangeError(
          "setSymantecTokens: count must be a whole number ≥ 0, or undefined for unlimited",
        );
      store.symantecTokens = count;
    },
    setResellerClubSslcertEndtime: (reported) => {
      store.resellerclubSslcertEndtime = reported;
    },
    setResellerClubArchivesFinished: (on) => {
      store.resellerclubArchivesFinished = on;
    },
    setBalance: (amount) => {
      if (!Number.isFinite(amount)) throw new RangeError("setBalance: amount must be a finite number");
      store.balance = amount;
    },
    balance: () => store.balance,
    injectFault: (spec) => faults.add(spec),
    faults: () => faults.all(),
    clearFaults: () => faults.clear(),
    requests: (filter) => log.list(filter),
    renewalCount: (vendor, id) => store.renewalCount(vendor, id),
    reissueCount: (vendor, id) => store.reissueCount(vendor, id),
    issueClientCertificate: async (options = {}): Promise<SandboxClientCertificate> => {
      const pair = deps.ca.issueClient(options.commonName ?? "Sandbox RA");
      const { fingerprint256 } = certificateFacts(pair.certificate);
      const registered = options.registered ?? true;
      if (registered) deps.registeredClients.add(fingerprint256);
      return { ...pair, fingerprint256, registered };
    },
    reset: async () => {
      store.clear();
      faults.clear();
      log.clear();
      store.clock.reset();
      deps.registeredClients.clear();
      deps.registeredClients.add(deps.defaultClientFingerprint);
      if (deps.seed) seedDemoData(store);
    },
  };
}
