/** AutoDNS adapter: JSON REST and XML gateway behind one {@link VendorBackend}. */
import { NotFoundError } from "../../sdk/common/errors";
import { AutodnsJsonClient } from "../../sdk/autodns/jsonClient";
import { AutodnsXmlClient } from "../../sdk/autodns/xmlClient";
import { AutodnsClientOptions, AutodnsJob, AutodnsRenewalDetails } from "../../sdk/autodns/types";
import { requireCredential } from "../credentials";
import { AutodnsInput } from "../inputs";
import { CertificateSnapshot, RenewalContext, RenewalProgress, RenewalRef, VendorBackend } from "./backend";

/** Maps an AutoDNS job state to ours. */
export function autodnsProgress(job: Pick<AutodnsJob, "id" | "status">): RenewalProgress {
  const status = job.status.toUpperCase();
  return {
    jobId: job.id,
    status:
      status === "SUCCESS"
        ? "succeeded"
        : status === "FAILED" || status === "CANCELED"
          ? "failed"
          : "pending",
    vendorStatus: status,
    failureReason:
      status === "FAILED" || status === "CANCELED" ? `AutoDNS job ${job.id} ended ${status}` : undefined,
  };
}

/** See the module comment. */
export class AutodnsBackend implements VendorBackend {
  private readonly json?: AutodnsJsonClient;
  private readonly client: AutodnsJsonClient | AutodnsXmlClient;

  constructor(
    private readonly block: AutodnsInput,
    overrides: Partial<AutodnsClientOptions> = {},
  ) {
    const options: AutodnsClientOptions = {
      endpoint: block.endpoint,
      demo: block.demo,
      requestsPerSecond: block.requestsPerSecond,
      credentials: {
        user: requireCredential(block.user, "AUTODNS_USER", "autodns.user"),
        password: requireCredential(block.password, "AUTODNS_PASSWORD", "autodns.password"),
        context: requireCredential(block.context, "AUTODNS_CONTEXT", "autodns.context"),
      },
      ...overrides,
    };
    if (block.protocol === "xml") {
      this.client = new AutodnsXmlClient(options);
    } else {
      this.json = new AutodnsJsonClient(options);
      this.client = this.json;
    }
  }

  async inspect(certificateId: string): Promise<CertificateSnapshot> {
    const cert = await this.client.certificateInfo(certificateId);
    return { notAfter: cert.notAfter, certificatePem: cert.pem };
  }

  async findPendingRenewal(certificateId: string): Promise<RenewalProgress | undefined> {
    // The XML gateway tasks we speak have no job search; its guard is state plus the vendor's own refusal.
    if (!this.json) return undefined;
    const [job] = await this.json.pendingRenewJobs(certificateId);
    return job ? autodnsProgress(job) : undefined;
  }

  async latestRenewal(certificateId: string): Promise<RenewalProgress | undefined> {
    if (!this.json) return undefined;
    const [job] = await this.json.renewJobs(certificateId);
    return job ? autodnsProgress(job) : undefined;
  }

  async renew(ctx: RenewalContext): Promise<RenewalProgress> {
    const b = this.block;
    const details: AutodnsRenewalDetails = {
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
    const result = await this.client.renew(ctx.certificateId, details, ctx.ctid);
    return autodnsProgress({ id: result.jobId, status: result.jobStatus ?? "RUNNING" });
  }

  async poll(ref: RenewalRef, certificateId: string, knownNotAfter?: string): Promise<RenewalProgress> {
    const jobId = ref.jobId ?? "";
    let progress: RenewalProgress;
    try {
      progress = autodnsProgress(await this.client.jobInfo(jobId));
    } catch (e) {
      // Finished jobs may be purged: a later expiry proves the renewal went through.
      if (!(e instanceof NotFoundError)) throw e;
      const snapshot = await this.inspect(certificateId);
      if (knownNotAfter && snapshot.notAfter && snapshot.notAfter > knownNotAfter) {
        return { jobId, status: "succeeded", vendorStatus: "SUCCESS", ...snapshot };
      }
      throw e;
    }
    if (progress.status !== "succeeded") return progress;
    return { ...progress, ...(await this.inspect(certificateId)) };
  }
}
