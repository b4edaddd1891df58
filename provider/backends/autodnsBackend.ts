/**
 * AutoDNS adapter: JSON REST and XML gateway behind one {@link VendorBackend}.
 *
 * Jobs as AutoDNS keeps them (docs/VENDOR-CHOICES.md): a running job is read with job info
 * (`GET /job/{id}`, XML 400114) and listed by the job list (`POST /job/_search`, XML 400115); when
 * it finishes it leaves both (EF300101) for the job history (`GET /job/history/{id}`,
 * `POST /job/history/_search`, XML 400135). Job lists find a certificate's jobs by its *name*, so
 * the name is read from certificate info and kept in state (`certificateName`).
 */
import { NotFoundError } from "../../sdk/common/errors";
import { AutodnsJobAction, autodnsJobOutcome, newestFirst, renewsCertificate } from "../../sdk/autodns/jobs";
import { AutodnsJsonClient } from "../../sdk/autodns/jsonClient";
import { AutodnsXmlClient } from "../../sdk/autodns/xmlClient";
import {
  AutodnsCertificate,
  AutodnsCertificateRef,
  AutodnsClientOptions,
  AutodnsJob,
  AutodnsRenewalDetails,
  autodnsJobPending,
} from "../../sdk/autodns/types";
import { requiredCredential } from "../credentials";
import { VENDOR_APIS } from "./vendorApis";
import { AutodnsInput } from "../inputs";
import { AutodnsCertificateLists, AutodnsJobLists, certificateLists, jobLists } from "./autodnsLists";
import {
  CertificateSnapshot,
  KnownCertificate,
  ListedKnown,
  RenewalContext,
  RenewalProgress,
  RenewalRef,
  VendorBackend,
} from "./backend";

/** Maps an AutoDNS job state to ours; a failure carries the vendor's own account of it. */
export function autodnsProgress(job: AutodnsJob): RenewalProgress {
  const status = job.status.toUpperCase();
  const failed = status === "FAILED" || status === "CANCELED";
  return {
    jobId: job.id,
    status: status === "SUCCESS" ? "succeeded" : failed ? "failed" : "pending",
    vendorStatus: status,
    failureReason: failed ? autodnsJobOutcome(job) : undefined,
  };
}

/** See the module comment. */
export class AutodnsBackend implements VendorBackend {
  private readonly json?: AutodnsJsonClient;
  /** The certificate lists (JSON `POST /certificate/_search`, XML 400105) shared by the process. */
  private readonly listed: AutodnsCertificateLists;
  /** Jobs by id, running and finished, shared by the process: the polls of many renewals at once. */
  private readonly jobs: AutodnsJobLists;
  private readonly client: AutodnsJsonClient | AutodnsXmlClient;
  /** Names read by {@link inspect} in this process, so a renewal right after costs no extra read. */
  private readonly names = new Map<string, string>();

  constructor(
    private readonly block: AutodnsInput,
    overrides: Partial<AutodnsClientOptions> = {},
  ) {
    const options: AutodnsClientOptions = {
      endpoint: block.endpoint,
      demo: block.demo,
      requestsPerSecond: block.requestsPerSecond,
      credentials: {
        user: requiredCredential(VENDOR_APIS.autodns, block, "user"),
        password: requiredCredential(VENDOR_APIS.autodns, block, "password"),
        context: requiredCredential(VENDOR_APIS.autodns, block, "context"),
      },
      ...overrides,
    };
    if (block.protocol === "xml") {
      this.client = new AutodnsXmlClient(options);
    } else {
      this.json = new AutodnsJsonClient(options);
      this.client = this.json;
    }
    this.listed = certificateLists(this.client, block.protocol ?? "json", options);
    this.jobs = jobLists(this.client, block.protocol ?? "json", options);
  }

  /**
   * A refresh's read: the account's certificate list (JSON `POST /certificate/_search`, XML 400105,
   * read once per engine operation and shared by every resource of the process) answers when it
   * shows the expiry state already knows and state has the PEM and the paid term (neither is in a
   * list answer; both change only with the expiry). Anything else — a moved expiry, a certificate
   * missing from the list, a failed list request — is read alone with {@link inspect}, so its
   * answer and its errors are exactly those of an unbatched read.
   */
  async inspectListed(certificateId: string, known: ListedKnown): Promise<CertificateSnapshot> {
    const unchanged = await this.listedUnchanged(certificateId, known);
    if (!unchanged) return this.inspect(certificateId);
    if (unchanged.name) this.names.set(certificateId, unchanged.name);
    return { notAfter: unchanged.notAfter, certificateName: unchanged.name };
  }

  /**
   * The read before a renewal: a list by id (JSON `POST /certificate/_search`, XML 400105) that
   * goes out after this call — never the account listing a refresh took, nor any earlier answer —
   * shared with the other updates reading at that moment. It answers when it shows the expiry in
   * `known` (and state has the PEM and the paid term, which change only with the expiry); a moved
   * expiry, a certificate the list does not show or a failed list is read alone with
   * {@link inspect}, with that read's answers and errors.
   */
  async inspectFresh(certificateId: string, known: ListedKnown): Promise<CertificateSnapshot> {
    const unchanged = await this.listedUnchanged(certificateId, known, (id) => this.listed.byId.read(id));
    if (!unchanged) return this.inspect(certificateId);
    if (unchanged.name) this.names.set(certificateId, unchanged.name);
    return { notAfter: unchanged.notAfter, certificateName: unchanged.name };
  }

  /** The listed certificate when the list shows the expiry in `known`; otherwise undefined. */
  private async listedUnchanged(
    certificateId: string,
    known: ListedKnown,
    list: (id: string) => Promise<AutodnsCertificate | undefined> = (id) => this.listedCertificate(id),
  ) {
    if (!known.notAfter || !known.certificatePem || !known.coverageEndsAt) return undefined;
    const listed = await list(certificateId).catch(() => undefined);
    const same = !!listed?.notAfter && Date.parse(listed.notAfter) === Date.parse(known.notAfter);
    return same ? listed : undefined;
  }

  /** The certificate as the account list shows it, else as a list by id does (undefined: in neither). */
  private async listedCertificate(certificateId: string): Promise<AutodnsCertificate | undefined> {
    const found = await this.listed.account.find(certificateId);
    if (found.listed) return found.entry;
    // The whole account was listed without it: a list by id would not find it either.
    return found.complete ? undefined : this.listed.byId.read(certificateId);
  }

  async inspect(certificateId: string): Promise<CertificateSnapshot> {
    const cert = await this.client.certificateInfo(certificateId);
    if (cert.name) this.names.set(certificateId, cert.name);
    return {
      notAfter: cert.notAfter,
      coverageEndsAt: cert.coverageEndsAt,
      certificatePem: cert.pem,
      certificateName: cert.name,
    };
  }

  /** The certificate as job lists know it: its name from state, this process, or certificate info. */
  private async certificateRef(
    certificateId: string,
    known?: KnownCertificate,
  ): Promise<AutodnsCertificateRef> {
    const name =
      known?.certificateName ??
      this.names.get(certificateId) ??
      (await this.inspect(certificateId)).certificateName;
    if (!name) {
      throw new Error(
        `AutoDNS reports certificate ${certificateId} without a name, so its renew jobs cannot be searched; ` +
          `check certificateId`,
      );
    }
    return { id: certificateId, name };
  }

  async findPendingRenewal(
    certificateId: string,
    known?: KnownCertificate,
    action: AutodnsJobAction = "renew",
  ): Promise<RenewalProgress | undefined> {
    const certificate = await this.certificateRef(certificateId, known);
    for (const job of await this.pendingJobs(certificate, action)) {
      const confirmed = await this.confirmed(job, certificate);
      if (confirmed) return this.withCertificate(autodnsProgress(confirmed), certificateId);
    }
    return undefined;
  }

  /**
   * The certificate's pending jobs of `action`, newest first: from one running-jobs search by name
   * shared with the other updates asking at that moment (sent after this call), else — when that
   * answer cannot vouch for this name, or fails — from the certificate's own search, as before.
   */
  private async pendingJobs(
    certificate: AutodnsCertificateRef,
    action: AutodnsJobAction,
  ): Promise<AutodnsJob[]> {
    const listed = await this.runningJobsNamed(certificate.name);
    if (!listed) return this.client.pendingRenewJobs(certificate, action);
    return newestFirst(
      listed.filter((j) => renewsCertificate(j, certificate, action) && autodnsJobPending(j)),
    );
  }

  /**
   * The job as the running jobs list shows it now, undefined when it is not running: from the
   * search by certificate name that the guards before renewals share (sent after this call), else
   * — no name known, or an answer that cannot vouch for it — from the running list by id.
   */
  private async runningJob(jobId: string, name: string | undefined): Promise<AutodnsJob | undefined> {
    const byName = name ? await this.runningJobsNamed(name) : undefined;
    if (byName) return byName.find((j) => j.id === jobId);
    return this.jobs.running.read(jobId).catch(() => undefined);
  }

  /** The running jobs of the certificate `name` from the shared search; undefined when it cannot vouch. */
  private runningJobsNamed(name: string): Promise<AutodnsJob[] | undefined> {
    return this.jobs.runningByName.read(name.toLowerCase()).catch(() => undefined);
  }

  /**
   * A listed job that names no certificate id (the lists name the certificate only) is read once
   * more: job info carries the id (`ObjectJob.object.data.id`), and two certificates may share a
   * name. A job that finished in between is read from the history instead.
   */
  private async confirmed(
    job: AutodnsJob,
    certificate: AutodnsCertificateRef,
  ): Promise<AutodnsJob | undefined> {
    if (job.objectId !== undefined) return job;
    let detail: AutodnsJob | undefined;
    try {
      detail = await this.client.jobInfo(job.id);
    } catch (e) {
      if (!(e instanceof NotFoundError)) throw e;
      detail = await this.finishedJob(job.id, certificate);
      if (!detail) return undefined;
    }
    return detail.objectId === undefined || detail.objectId === certificate.id ? detail : undefined;
  }

  // The return type is VendorBackend's (checked by `implements`).
  async latestRenewal(certificateId: string, known?: KnownCertificate, action: AutodnsJobAction = "renew") {
    const certificate = await this.certificateRef(certificateId, known);
    const [job] = await this.client.finishedRenewJobs(certificate, action);
    return job ? autodnsProgress(job) : undefined;
  }

  async renew(ctx: RenewalContext): Promise<RenewalProgress> {
    const result = await this.client.renew(ctx.certificateId, this.details(ctx), ctx.ctid);
    return autodnsProgress({ id: result.jobId, status: result.jobStatus ?? "RUNNING" });
  }

  /** Reissue (JSON `PUT /certificate/{id}`, XML task 400102) with the current CSR and details. */
  async reissue(ctx: RenewalContext): Promise<RenewalProgress> {
    const result = await this.client.reissue(ctx.certificateId, this.details(ctx), ctx.ctid);
    return autodnsProgress({ id: result.jobId, status: result.jobStatus ?? "RUNNING" });
  }

  /** The certificate details a renew or reissue sends: the vendor block's, with the lifetime. */
  private details(ctx: RenewalContext): AutodnsRenewalDetails {
    const b = this.block;
    return {
      product: b.product,
      lifetimeMonths: ctx.lifetimeMonths,
      software: b.software,
      csr: b.csr,
      name: b.name,
      adminContactId: b.adminContactId === undefined ? undefined : String(b.adminContactId),
      technicalContactId: b.technicalContactId === undefined ? undefined : String(b.technicalContactId),
      subjectAlternativeNames: b.subjectAlternativeNames,
      authentication: b.authentication,
    };
  }

  /** A finished job from the history (JSON: by id; XML: the certificate's history list), if there. */
  private async finishedJob(
    jobId: string,
    certificate: AutodnsCertificateRef,
  ): Promise<AutodnsJob | undefined> {
    if (this.json) {
      try {
        return await this.json.jobHistoryInfo(jobId);
      } catch (e) {
        if (e instanceof NotFoundError) return undefined;
        throw e;
      }
    }
    return (await this.client.finishedRenewJobs(certificate)).find((j) => j.id === jobId);
  }

  /**
   * Follows a job. The running jobs list says whether it still runs: the search by certificate
   * name that every poll and every guard before a renewal of the process share (one request for
   * all who ask while it waits its turn at the rate limit), else the list by id. Once it no longer
   * runs, the certificate is read — the request the new PEM needs anyway — and an expiry past the
   * one before the renewal is its success; only an unmoved expiry looks the job up in the history.
   * A FAILED job, one in neither list, or a failed list is read alone (`GET /job/{id}`, 400114),
   * with that read's answers and errors.
   */
  async poll(
    ref: RenewalRef,
    certificateId: string,
    knownNotAfter?: string,
    known?: KnownCertificate,
  ): Promise<RenewalProgress> {
    const jobId = ref.jobId ?? "";
    const renewed = async () => {
      const snapshot = await this.inspect(certificateId);
      return movedPast(snapshot.notAfter, knownNotAfter)
        ? { jobId, status: "succeeded" as const, vendorStatus: "SUCCESS", ...snapshot }
        : undefined;
    };
    const name = known?.certificateName ?? this.names.get(certificateId);
    const running = jobId ? await this.runningJob(jobId, name) : undefined;
    if (running && autodnsProgress(running).status === "pending") return autodnsProgress(running);
    // Not running: the certificate shows whether it went through, in the one request the new PEM
    // needs anyway, before any history search.
    const late = !running && knownNotAfter ? await renewed() : undefined;
    if (late) return late;
    const listed =
      running ?? (jobId ? await this.jobs.finished.read(jobId).catch(() => undefined) : undefined);
    // A failed job is read alone: its reason (logs, notices) is the job info's, not a list item's.
    if (listed && autodnsProgress(listed).status !== "failed") {
      return this.withCertificate(autodnsProgress(listed), certificateId);
    }
    let job: AutodnsJob;
    try {
      job = await this.client.jobInfo(jobId);
    } catch (e) {
      // EF300101 is how every job ends at AutoDNS: it moved to the history, which has the outcome.
      if (!(e instanceof NotFoundError)) throw e;
      const finished = await this.finishedJob(jobId, await this.certificateRef(certificateId, known));
      if (finished) {
        job = finished;
      } else {
        // Not in the history either (purged): a later expiry still proves the renewal went through.
        const moved = await renewed();
        if (moved) return moved;
        throw e;
      }
    }
    return this.withCertificate(autodnsProgress(job), certificateId);
  }

  /** A succeeded renewal carries the certificate it produced. */
  private async withCertificate(progress: RenewalProgress, certificateId: string): Promise<RenewalProgress> {
    if (progress.status !== "succeeded") return progress;
    return { ...progress, ...(await this.inspect(certificateId)) };
  }
}

/** Whether `notAfter` is later than `before` (both read; either missing: no). */
function movedPast(notAfter: string | undefined, before: string | undefined): boolean {
  return !!notAfter && !!before && Date.parse(notAfter) > Date.parse(before);
}
