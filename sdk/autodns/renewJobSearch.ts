/**
 * The lists both AutoDNS clients offer, written once over the one list each client speaks on its
 * wire: renew-job searches (JSON: `POST /job/_search`, 300115, and `/job/history/_search`, 300135;
 * XML gateway: tasks 400115 and 400135) and certificate lists (JSON `POST /certificate/_search`,
 * XML task 400105).
 */
import { AUTODNS_JOB_SEARCH_LIMIT, type AutodnsJobAction } from "./jobs";
import { AutodnsCertificateRef, AutodnsJob, autodnsJobPending } from "./types";
import type { AutodnsCertificate, AutodnsCertificateList, AutodnsListPage } from "./types";
import { AUTODNS_CERTIFICATE_LIST_KEYS } from "./types";

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

  /**
   * Waits for the client's next request slot (its rate limit), then runs `compose`, whose first
   * request starts at once on it: a list shared by many callers is built when it can go out.
   */
  abstract inRequestSlot<T>(compose: () => Promise<T>): Promise<T>;

  /**
   * One search of the running jobs of many certificates by name (JSON `POST /job/_search`
   * `object IN values[]`, XML 400115 one `or` block per name), any action, at most `limit`: what
   * {@link runningJobsOf} reads.
   */
  protected abstract searchRunningJobsOf(names: string[], limit: number): Promise<AutodnsJob[]>;

  /**
   * One certificate list request: the certificates with `ids`, or without them the account's, in
   * id order. A list answers each certificate's summary plus the `keys[]` asked for.
   */
  protected abstract listCertificates(
    ids: string[] | undefined,
    view: AutodnsListPage,
    keys: readonly string[],
  ): Promise<AutodnsCertificateList>;

  /**
   * Reads many certificates in one request (one page of `certificateIds.length`). The PEM
   * (`server`) and the paid term (`payable`) are not among the documented keys, so only certificate
   * info reads them. Unknown ids are simply absent from the result.
   */
  async certificateSearch(
    certificateIds: string[],
    keys: readonly string[] = AUTODNS_CERTIFICATE_LIST_KEYS,
  ): Promise<AutodnsCertificate[]> {
    const view = { offset: 0, limit: certificateIds.length };
    return (await this.listCertificates(certificateIds, view, keys)).certificates;
  }

  /**
   * One page of the account's certificates, in id order, with `summary` (how many the account
   * holds in all) where the answer carries it; like {@link certificateSearch}, no PEM, no paid term.
   */
  async certificatePage(
    page: AutodnsListPage,
    keys: readonly string[] = AUTODNS_CERTIFICATE_LIST_KEYS,
  ): Promise<AutodnsCertificateList> {
    return this.listCertificates(undefined, page, keys);
  }

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

  /**
   * The running jobs of many certificates in one request, by lower-cased certificate name (every
   * name asked has an entry, [] for none); any action, so callers filter with `renewsCertificate`.
   * Undefined when the answer cannot be complete for every name: it filled the page (more may
   * exist) or holds a job that names no certificate.
   */
  async runningJobsOf(names: string[]): Promise<ReadonlyMap<string, AutodnsJob[]> | undefined> {
    const jobs = await this.searchRunningJobsOf(names, AUTODNS_JOB_SEARCH_LIMIT);
    if (jobs.length >= AUTODNS_JOB_SEARCH_LIMIT || jobs.some((j) => j.objectValue === undefined))
      return undefined;
    const byName = new Map(names.map((n) => [n.toLowerCase(), [] as AutodnsJob[]]));
    for (const job of jobs) byName.get(job.objectValue!.toLowerCase())?.push(job);
    return byName;
  }

  /** {@link renewJobs} that have not finished: the guard against a second renewal. */
  async pendingRenewJobs(
    certificate: AutodnsCertificateRef,
    action: AutodnsJobAction = "renew",
  ): Promise<AutodnsJob[]> {
    return (await this.renewJobs(certificate, action)).filter(autodnsJobPending);
  }
}
