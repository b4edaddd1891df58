/**
 * AutoDNS XML gateway client: tasks 400106 (renew), 400104 (certificate info), 400114 (job info),
 * 400115 (certificate job list) and 400135 (certificate job history list). The gateway reports
 * errors with HTTP 200, so every answer is checked for error blocks. Its dates carry no zone and
 * are Europe/Berlin wall time (help page "Managing Certificate Orders" prints one job in both
 * protocols: JSON `16:12:33.000+0200`, XML `16:12:33`).
 */
import { parseAutodnsXmlDate } from "../common/dates";
import { decodeError, parseXmlAnswer, unreadableAnswer } from "../common/decode";
import { DecodeError } from "../common/errors";
import { HttpResponse, HttpTransport, RepeatPolicy } from "../common/http";
import {
  XmlInputNode,
  XmlNode,
  XmlValue,
  buildXml,
  cdata,
  partialXmlText,
  xmlIsCutOff,
  xmlList,
  xmlPath,
  xmlText,
} from "../common/xml";
import { AutodnsErrorContext, autodnsError } from "./errors";
import { AutodnsRenewJobSearch } from "./renewJobSearch";
import { autodnsTransport } from "./transport";
import { AUTODNS_JOB_SEARCH_LIMIT, AutodnsJobAction, newestFirst, renewsCertificate } from "./jobs";
import type { AutodnsCertificate, AutodnsCertificateRef, AutodnsJob, AutodnsRenewResult } from "./types";
import type { AutodnsClientOptions, AutodnsRenewalDetails } from "./types";
import type { AutodnsCertificateList, AutodnsListPage } from "./types";
import { reissueDetails } from "./types";

/** The live XML gateway. */
export const AUTODNS_XML_ENDPOINT = "https://gateway.autodns.com";
/** The demo XML gateway. */
export const AUTODNS_XML_DEMO_ENDPOINT = "https://demo.autodns.com/gateway/";

/** The `<certificate>` element of a 400106 request, in the seed's element order. */
export function autodnsRenewCertificateXml(id: string, d: AutodnsRenewalDetails): XmlInputNode {
  return {
    id,
    product: d.product,
    lifetime: d.lifetimeMonths,
    software: d.software,
    csr: d.csr === undefined ? undefined : cdata(d.csr),
    name: d.name === undefined ? undefined : cdata(d.name),
    admin: d.adminContactId === undefined ? undefined : { id: d.adminContactId },
    technical: d.technicalContactId === undefined ? undefined : { id: d.technicalContactId },
    subject_alternative_name: d.subjectAlternativeNames?.map((name) => ({ name })),
    authentication: d.authentication && {
      method: d.authentication.method,
      dns: d.authentication.dns,
      provisioning:
        d.authentication.provisioning === undefined ? undefined : d.authentication.provisioning ? 1 : 0,
    },
  };
}

/**
 * The task body of a certificate job list (400115) or history list (400135) for one certificate's
 * renew jobs: `view`, `where` (`and` blocks of key/operator/value) and `order` (key/mode), as the
 * help page "List Inquire" lays them out; the keys are the job element's (`object`, `action`).
 */
export function autodnsRenewJobListTask(
  certificateName: string,
  action: AutodnsJobAction = "renew",
): XmlInputNode {
  return {
    view: { offset: 0, limit: AUTODNS_JOB_SEARCH_LIMIT },
    where: {
      and: [
        { key: "action", operator: "eq", value: action },
        { key: "object", operator: "eq", value: cdata(certificateName) },
      ],
    },
    order: { key: "created", mode: "desc" },
  };
}

/** Reads one `<certificate>` element (400104 answer, 400105 list item). */
function certificateFromXml(cert: XmlValue, fallbackId: string): AutodnsCertificate {
  const expire = xmlText(cert, "expire");
  const payable = xmlText(cert, "payable");
  const lifetime = xmlText(cert, "lifetime");
  const created = xmlText(cert, "created");
  const updated = xmlText(cert, "updated");
  return {
    id: xmlText(cert, "id") ?? fallbackId,
    name: xmlText(cert, "name"),
    product: xmlText(cert, "product"),
    notAfter: expire ? parseAutodnsXmlDate(expire) : undefined,
    ...(payable ? { coverageEndsAt: parseAutodnsXmlDate(payable) } : {}),
    lifetimeMonths: lifetime && /^\d+$/.test(lifetime) ? Number(lifetime) : undefined,
    software: xmlText(cert, "software"),
    csr: xmlText(cert, "csr"),
    pem: xmlText(cert, "server"),
    adminContactId: xmlText(cert, "admin", "id"),
    technicalContactId: xmlText(cert, "technical", "id"),
    subjectAlternativeNames: xmlList(cert, "subject_alternative_name")
      .map((s) => xmlText(s, "name"))
      .filter((s): s is string => !!s),
    created: created ? parseAutodnsXmlDate(created) : undefined,
    updated: updated ? parseAutodnsXmlDate(updated) : undefined,
  };
}

/** Reads one `<job>` element (400114 answer, 400115/400135 list item). */
function jobFromXml(job: XmlNode | undefined, certificateId: string | undefined): AutodnsJob | undefined {
  const id = xmlText(job, "id");
  const status = xmlText(job, "status");
  if (!job || !id || !status) return undefined;
  const created = xmlText(job, "created");
  const updated = xmlText(job, "updated");
  const objectValue = xmlText(job, "object");
  return {
    id,
    status,
    subStatus: xmlText(job, "sub_status"),
    action: xmlText(job, "action"),
    ...(objectValue === undefined ? {} : { objectValue }),
    ...(certificateId === undefined ? {} : { objectId: certificateId }),
    created: created ? parseAutodnsXmlDate(created) : undefined,
    updated: updated ? parseAutodnsXmlDate(updated) : undefined,
  };
}

/** The AutoDNS XML gateway client. */
export class AutodnsXmlClient extends AutodnsRenewJobSearch {
  private readonly transport: HttpTransport;

  constructor(private readonly options: AutodnsClientOptions) {
    super();
    this.transport = autodnsTransport(options, AUTODNS_XML_ENDPOINT, {
      headers: { "Content-Type": "application/xml; charset=UTF-8", Accept: "application/xml" },
    });
  }

  /** Builds a whole gateway request document (exposed for fixture tests). */
  requestXml(code: string, taskBody: XmlInputNode, ctid?: string): string {
    const { user, password, context } = this.options.credentials;
    return buildXml({
      request: { auth: { user, password, context: String(context) }, task: { ...taskBody, ctid, code } },
    });
  }

  /** Task 400106: starts a renewal; the answer holds the new job. Never retried once sent. */
  async renew(
    certificateId: string,
    details: AutodnsRenewalDetails = {},
    ctid?: string,
  ): Promise<AutodnsRenewResult> {
    return this.startJob("400106", "renew", certificateId, details, ctid);
  }

  /**
   * Task 400102: starts a reissue inside the paid term (free) with the current CSR and details;
   * the lifetime is the term's and is not sent. Never retried once sent.
   */
  async reissue(
    certificateId: string,
    details: AutodnsRenewalDetails = {},
    ctid?: string,
  ): Promise<AutodnsRenewResult> {
    return this.startJob("400102", "reissue", certificateId, reissueDetails(details), ctid);
  }

  private async startJob(
    code: "400106" | "400102",
    operation: "renew" | "reissue",
    certificateId: string,
    details: AutodnsRenewalDetails,
    ctid?: string,
  ): Promise<AutodnsRenewResult> {
    const body = this.requestXml(
      code,
      { certificate: autodnsRenewCertificateXml(certificateId, details) },
      ctid,
    );
    const response = await this.transport.send({ method: "POST", path: "", body }, operation, "refusedOnly");
    let parsed: { root: XmlNode; result: XmlNode };
    try {
      parsed = readGatewayResponse(response, operation, { certificateId });
    } catch (e) {
      // The renewal may have gone through: keep its job if the part that arrived names it.
      const salvaged = e instanceof DecodeError ? salvageAutodnsXmlRenewal(response) : undefined;
      if (salvaged) return salvaged;
      throw e;
    }
    const { result, root } = parsed;
    const jobId =
      xmlText(result, "data", "certificate_job", "job", "id") ?? xmlText(result, "data", "job", "id");
    if (!jobId) {
      const what = operation === "renew" ? "renewal" : "reissue";
      throw new DecodeError(
        `AutoDNS accepted the ${what} of certificate ${certificateId} but its answer carries no ` +
          `certificate_job/job/id; look for a pending ${operation} job before retrying`,
        { vendor: "autodns", operation, status: response.status, rawBody: response.body },
      );
    }
    return {
      jobId,
      jobStatus:
        xmlText(result, "data", "certificate_job", "job", "status") ??
        xmlText(result, "data", "job", "status"),
      statusCode: xmlText(result, "status", "code") ?? "",
      statusText: xmlText(result, "status", "text") ?? "",
      stid: xmlText(root, "stid"),
      ctid: xmlText(root, "ctid"),
    };
  }

  /** Task 400104: reads a certificate. */
  async certificateInfo(certificateId: string): Promise<AutodnsCertificate> {
    const body = this.requestXml("400104", { certificate: { id: certificateId } });
    const { result, response } = await this.call(body, "certificateInfo", "safe", { certificateId });
    const cert = xmlPath(result, "data", "certificate");
    if (!cert || typeof cert !== "object") {
      throw decodeError("autodns", "certificateInfo", response, "XML", "no data/certificate");
    }
    return this.readValue("certificateInfo", response, () => certificateFromXml(cert, certificateId));
  }

  /** Task 400105: `where` one `or` block per id (`id eq …`) with ids, else the account in id order. */
  protected async listCertificates(
    ids: string[] | undefined,
    view: AutodnsListPage,
    keys: readonly string[],
  ): Promise<AutodnsCertificateList> {
    const where = ids && { or: ids.map((id) => ({ key: "id", operator: "eq", value: id })) };
    const body = this.requestXml("400105", {
      view: { offset: view.offset, limit: view.limit },
      key: [...keys],
      // Pages of a whole list in a stable order, so that no certificate falls between two.
      ...(where ? { where } : { order: { key: "id", mode: "asc" } }),
    });
    const { result, response } = await this.call(body, "certificateSearch", "safe", {});
    const items = xmlList(result, "data", "certificate");
    const certificates = this.readValue("certificateSearch", response, () =>
      items.map((cert) => certificateFromXml(cert, "")).filter((c) => c.id !== ""),
    );
    const summary = String(xmlText(result, "data", "summary") ?? xmlPath(result, "data", "summary") ?? "");
    return {
      certificates,
      received: items.length,
      summary: /^\d+$/.test(summary) ? Number(summary) : undefined,
    };
  }

  /** Task 400114: reads a running job's state; a finished one answers EF300101 (NotFoundError). */
  async jobInfo(jobId: string): Promise<AutodnsJob> {
    const body = this.requestXml("400114", { certificate_job: { job: { id: jobId } } });
    const { result, response } = await this.call(body, "jobInfo", "safe", { jobId });
    const certificateJob = xmlPath(result, "data", "certificate_job") as XmlNode | undefined;
    const job = (xmlPath(certificateJob, "job") ?? xmlPath(result, "data", "job")) as XmlNode | undefined;
    if (!job || !xmlText(job, "status")) {
      throw decodeError("autodns", "jobInfo", response, "XML", "no data/certificate_job/job/status");
    }
    const found = this.readValue("jobInfo", response, () =>
      jobFromXml(job, xmlText(certificateJob, "certificate", "id")),
    );
    return { ...found!, id: found?.id ?? jobId };
  }

  /** Task 400115 with one `or` block per name (`object eq …`), any action. */
  protected async searchRunningJobsOf(names: string[], limit: number): Promise<AutodnsJob[]> {
    const body = this.requestXml("400115", {
      view: { offset: 0, limit },
      where: { or: names.map((name) => ({ key: "object", operator: "eq", value: cdata(name) })) },
    });
    const { result, response } = await this.call(body, "jobSearch", "safe", {});
    return this.readValue("jobSearch", response, () =>
      xmlList(result, "data", "certificate_job")
        .map((item) => jobFromXml(xmlPath(item, "job") as XmlNode | undefined, undefined))
        .filter((j): j is AutodnsJob => !!j),
    );
  }

  inRequestSlot<T>(compose: () => Promise<T>): Promise<T> {
    return this.transport.inSlot(compose);
  }

  async jobsById(jobIds: string[], finished: boolean): Promise<AutodnsJob[]> {
    const [code, operation] = finished ? ["400135", "jobHistorySearch"] : ["400115", "jobSearch"];
    const body = this.requestXml(code, {
      view: { offset: 0, limit: jobIds.length },
      where: { or: jobIds.map((id) => ({ key: "id", operator: "eq", value: id })) },
    });
    const { result, response } = await this.call(body, operation, "safe", {});
    return this.readValue(operation, response, () =>
      xmlList(result, "data", "certificate_job")
        .map((item) => jobFromXml(xmlPath(item, "job") as XmlNode | undefined, undefined))
        .filter((j): j is AutodnsJob => !!j),
    );
  }

  protected async searchRenewJobs(
    finished: boolean,
    certificate: AutodnsCertificateRef,
    action: AutodnsJobAction,
  ): Promise<AutodnsJob[]> {
    const [code, operation] = finished ? ["400135", "jobHistorySearch"] : ["400115", "jobSearch"];
    const body = this.requestXml(code, autodnsRenewJobListTask(certificate.name, action));
    const { result, response } = await this.call(body, operation, "safe", {
      certificateId: certificate.id,
    });
    const jobs = this.readValue(operation, response, () =>
      xmlList(result, "data", "certificate_job")
        .map((item) => jobFromXml(xmlPath(item, "job") as XmlNode | undefined, undefined))
        .filter((j): j is AutodnsJob => !!j),
    );
    return newestFirst(jobs.filter((j) => renewsCertificate(j, certificate, action)));
  }

  private readValue<T>(operation: string, response: HttpResponse, read: () => T): T {
    try {
      return read();
    } catch (e) {
      throw decodeError("autodns", operation, response, "XML", (e as Error).message);
    }
  }

  private async call(body: string, operation: string, repeat: RepeatPolicy, ctx: AutodnsErrorContext) {
    const response = await this.transport.send({ method: "POST", path: "", body }, operation, repeat);
    return { ...readGatewayResponse(response, operation, ctx), response };
  }
}

/**
 * Reads an accepted renewal from a 400106 answer that arrived cut off: HTTP 2xx and a complete
 * `data/certificate_job/job/id` (only an accepted renewal has one; refusals carry no data).
 * Undefined when the part that arrived does not prove acceptance.
 */
export function salvageAutodnsXmlRenewal(response: HttpResponse): AutodnsRenewResult | undefined {
  if (response.status < 200 || response.status >= 300 || !xmlIsCutOff(response.body)) return undefined;
  const body = response.body;
  const job = ["response", "result", "data", "certificate_job", "job"];
  const jobId = partialXmlText(body, ...job, "id");
  if (!jobId) return undefined;
  return {
    jobId,
    jobStatus: partialXmlText(body, ...job, "status"),
    statusCode: "",
    statusText: "the answer arrived cut off; the job id was read from the part that arrived",
  };
}

/** Parses a gateway answer and throws the typed error for error blocks (even on HTTP 200). */
export function readGatewayResponse(
  response: HttpResponse,
  operation: string,
  ctx: AutodnsErrorContext = {},
): { root: XmlNode; result: XmlNode } {
  const unreadable = unreadableAnswer("autodns", operation, response, "XML", () =>
    autodnsError({ operation, httpStatus: response.status, rawBody: response.body }, ctx),
  );
  const root = xmlPath(parseXmlAnswer(response.body, unreadable), "response");
  const result = xmlPath(root, "result");
  if (
    !root ||
    typeof root !== "object" ||
    Array.isArray(root) ||
    !result ||
    typeof result !== "object" ||
    Array.isArray(result)
  ) {
    throw unreadable("no response/result element");
  }
  const statusType = (xmlText(result, "status", "type") ?? "").toLowerCase();
  const errorMsg = xmlList(result, "msg").find((m) => (xmlText(m, "type") ?? "").toLowerCase() === "error");
  if (statusType === "error" || errorMsg || response.status >= 400) {
    throw autodnsError(
      {
        operation,
        httpStatus: response.status,
        code: xmlText(errorMsg, "code") ?? xmlText(result, "status", "code"),
        text: xmlText(errorMsg, "text") ?? xmlText(result, "status", "text"),
        stid: xmlText(root, "stid"),
        rawBody: response.body,
      },
      ctx,
    );
  }
  if (!statusType) {
    throw decodeError("autodns", operation, response, "XML", "no result/status/type");
  }
  return { root: root as XmlNode, result: result as XmlNode };
}
