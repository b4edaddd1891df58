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

  /**
   * Jobs by id, running (`finished` false: JSON `POST /job/_search`, XML 400115) or finished (the
   * history: `POST /job/history/_search`, 400135), many in one request; ids the list does not hold
   * are absent. What `poll` asks of many renewals at once.
   */
  abstract jobsById(jobIds: string[], finished: boolean): Promise<AutodnsJob[]>;

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
