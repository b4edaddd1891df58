/**
 * The renew-job searches both AutoDNS clients offer, written once over the one search each client
 * speaks on its wire (JSON: `POST /job/_search`, 300115, and `/job/history/_search`, 300135; XML
 * gateway: tasks 400115 and 400135).
 */
import type { AutodnsJobAction } from "./jobs";
import { AutodnsCertificateRef, AutodnsJob, autodnsJobPending } from "./types";

/** Running, finished and pending renew jobs of a certificate, over a client's own job search. */
export abstract class AutodnsRenewJobSearch {
  /**
   * One search of a certificate's jobs, running (`finished` false) or finished: newest first, at
   * most 50, only those that renew this certificate (see `renewsCertificate`, jobs.ts).
   */
  protected abstract searchRenewJobs(
    finished: boolean,
    certificate: AutodnsCertificateRef,
    action: AutodnsJobAction,
  ): Promise<AutodnsJob[]>;

  /** The running renew jobs of a certificate, newest first (at most 50). */
  async renewJobs(
    certificate: AutodnsCertificateRef,
    action: AutodnsJobAction = "renew",
  ): Promise<AutodnsJob[]> {
    return this.searchRenewJobs(false, certificate, action);
  }

  /** The finished renew jobs of a certificate (the job history), newest first. */
  async finishedRenewJobs(
    certificate: AutodnsCertificateRef,
    action: AutodnsJobAction = "renew",
  ): Promise<AutodnsJob[]> {
    return this.searchRenewJobs(true, certificate, action);
  }

  /** {@link renewJobs} that have not finished: the guard against a second renewal. */
  async pendingRenewJobs(
    certificate: AutodnsCertificateRef,
    action: AutodnsJobAction = "renew",
  ): Promise<AutodnsJob[]> {
    return (await this.renewJobs(certificate, action)).filter(autodnsJobPending);
  }
}
