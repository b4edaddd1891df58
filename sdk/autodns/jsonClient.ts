/**
 * AutoDNS JSON REST ("Domainrobot") client: renew (task 400106), certificate info (400104),
 * job info and job search. One method per operation, all over one {@link HttpTransport}.
 */
import { asRecord, asString, decodeError, tryParseJson } from "../common/decode";
import { parseAutodnsDate } from "../common/dates";
import { DecodeError } from "../common/errors";
import { HttpResponse, HttpTransport, RepeatPolicy } from "../common/http";
import { AutodnsErrorContext, autodnsError } from "./errors";
import { AutodnsRenewJobSearch } from "./renewJobSearch";
import { autodnsTransport } from "./transport";
import { AutodnsJobAction, autodnsJobFrom, newestFirst, renewJobQuery, renewsCertificate } from "./jobs";
import type { AutodnsCertificate, AutodnsCertificateRef, AutodnsJob, AutodnsRenewResult } from "./types";
import type { AutodnsCertificateList, AutodnsListPage } from "./types";
import type { AutodnsClientOptions, AutodnsRenewalDetails } from "./types";
import { reissueDetails } from "./types";

/** The live JSON API. */
export const AUTODNS_JSON_ENDPOINT = "https://api.autodns.com/v1";
/** The demo JSON API. */
export const AUTODNS_JSON_DEMO_ENDPOINT = "https://api.demo.autodns.com/v1";

const SUCCESS_TYPES = new Set(["SUCCESS", "NOTIFY", "NOTICE", "NICCOM_NOTIFY"]);

interface Envelope {
  stid?: string;
  ctid?: string;
  status: { code: string; text: string; type: string };
  data: unknown[];
  messages: unknown[];
  /** `object.summary`: how many objects a list matched in all (absent where the answer omits it). */
  summary?: number;
}

/**
 * An id as the spec types it (`integer`, int32/int64): a JSON number on the wire. `property` names
 * the input to fix when the value is not a whole number.
 */
export function autodnsWireId(value: string, property: string): number {
  const text = value.trim();
  if (!/^\d{1,15}$/.test(text)) {
    throw new RangeError(
      `${property} must be AutoDNS's numeric id, a whole number (was ${JSON.stringify(value)})`,
    );
  }
  return Number(text);
}

/**
 * Builds the optional Certificate body of a renewal from its details, typed as the spec's
 * `Certificate` model: `id`, `adminContact.id` and `technicalContact.id` are integers.
 */
export function autodnsRenewBody(id: string, d: AutodnsRenewalDetails): Record<string, unknown> | undefined {
  const body: Record<string, unknown> = {
    id: autodnsWireId(id, "certificateId"),
    name: d.name,
    product: d.product,
    lifetime: d.lifetimeMonths === undefined ? undefined : { unit: "MONTH", period: d.lifetimeMonths },
    software: d.software,
    csr: d.csr,
    adminContact:
      d.adminContactId === undefined
        ? undefined
        : { id: autodnsWireId(d.adminContactId, "autodns.adminContactId") },
    technicalContact:
      d.technicalContactId === undefined
        ? undefined
        : { id: autodnsWireId(d.technicalContactId, "autodns.technicalContactId") },
    subjectAlternativeNames: d.subjectAlternativeNames?.map((name) => ({ name })),
    authentication: d.authentication && {
      method: d.authentication.method,
      dns: d.authentication.dns,
      provisioning: d.authentication.provisioning,
    },
  };
  const defined = Object.entries(body).filter(([k, v]) => v !== undefined && k !== "id");
  return defined.length
    ? Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined))
    : undefined;
}

function certificateFrom(raw: Record<string, unknown>): AutodnsCertificate {
  const lifetime = asRecord(raw.lifetime);
  const period = Number(lifetime?.period);
  const lifetimeMonths = Number.isFinite(period)
    ? lifetime?.unit === "YEAR"
      ? period * 12
      : period
    : undefined;
  const expire = asString(raw.expire);
  const payable = asString(raw.payable);
  const sans = Array.isArray(raw.subjectAlternativeNames) ? raw.subjectAlternativeNames : [];
  return {
    id: asString(raw.id) ?? "",
    name: asString(raw.name),
    product: asString(raw.product),
    notAfter: expire ? parseAutodnsDate(expire) : undefined,
    ...(payable ? { coverageEndsAt: parseAutodnsDate(payable) } : {}),
    lifetimeMonths,
    software: asString(raw.software),
    csr: asString(raw.csr),
    pem: asString(raw.server),
    adminContactId: asString(asRecord(raw.adminContact)?.id),
    technicalContactId: asString(asRecord(raw.technicalContact)?.id),
    subjectAlternativeNames: sans
      .map((s) => asString(s) ?? asString(asRecord(s)?.name))
      .filter((s): s is string => !!s),
    created: asString(raw.created) ? parseAutodnsDate(asString(raw.created)!) : undefined,
    updated: asString(raw.updated) ? parseAutodnsDate(asString(raw.updated)!) : undefined,
  };
}

/** The AutoDNS JSON REST client. */
export class AutodnsJsonClient extends AutodnsRenewJobSearch {
  private readonly transport: HttpTransport;

  constructor(options: AutodnsClientOptions) {
    super();
    const { user, password, context } = options.credentials;
    this.transport = autodnsTransport(options, AUTODNS_JSON_ENDPOINT, {
      auth: { username: user, password },
      headers: {
        "X-Domainrobot-Context": String(context),
        Accept: "application/json",
        ...(options.demo ? { "X-Domainrobot-Demo": "true" } : {}),
      },
    });
  }

  /**
   * Starts a renewal (`PUT /certificate/{id}/_renew`). With no details the body is empty, as the
   * seed documents; with details it is the Certificate object. Never retried once sent.
   */
  async renew(
    certificateId: string,
    details: AutodnsRenewalDetails = {},
    ctid?: string,
  ): Promise<AutodnsRenewResult> {
    return this.startJob(
      "renew",
      `certificate/${encodeURIComponent(certificateId)}/_renew`,
      certificateId,
      details,
      ctid,
    );
  }

  /**
   * Starts a reissue (`PUT /certificate/{id}`, task 400102): a new certificate inside the paid
   * term, free of charge, with the current CSR and details (the lifetime is the term's and is not
   * sent). Never retried once sent.
   */
  async reissue(
    certificateId: string,
    details: AutodnsRenewalDetails = {},
    ctid?: string,
  ): Promise<AutodnsRenewResult> {
    const path = `certificate/${encodeURIComponent(certificateId)}`;
    return this.startJob("reissue", path, certificateId, reissueDetails(details), ctid);
  }

  private async startJob(
    operation: "renew" | "reissue",
    path: string,
    certificateId: string,
    details: AutodnsRenewalDetails,
    ctid?: string,
  ): Promise<AutodnsRenewResult> {
    const body = autodnsRenewBody(certificateId, details);
    const env = await this.call(
      {
        method: "PUT",
        path,
        query: details.authentication?.provisioning ? { "keys[]": "dnsProvisioning" } : undefined,
        body: body ? JSON.stringify(body) : undefined,
        headers: { "Content-Type": "application/json", ...(ctid ? { "X-Domainrobot-Ctid": ctid } : {}) },
      },
      operation,
      "refusedOnly",
      { certificateId },
    );
    const first = asRecord(env.data[0]);
    const jobId = asString(first?.id) ?? asString(asRecord(first?.job)?.id);
    if (!jobId) {
      const what = operation === "renew" ? "renewal" : "reissue";
      throw new DecodeError(
        `AutoDNS accepted the ${what} of certificate ${certificateId} but its answer carries no job id ` +
          `(data[0].id)${env.stid ? ` (stid ${env.stid})` : ""}; look the job up with a job search before retrying`,
        {
          vendor: "autodns",
          operation,
          status: 200,
          requestId: env.stid,
          rawBody: JSON.stringify(env),
        },
      );
    }
    return {
      jobId,
      jobStatus: asString(asRecord(first?.job)?.status) ?? asString(first?.status),
      statusCode: env.status.code,
      statusText: env.status.text,
      stid: env.stid,
      ctid: env.ctid,
    };
  }

  /** Reads a certificate (`GET /certificate/{id}`). */
  async certificateInfo(certificateId: string): Promise<AutodnsCertificate> {
    const env = await this.call(
      { method: "GET", path: `certificate/${encodeURIComponent(certificateId)}` },
      "certificateInfo",
      "safe",
      { certificateId },
    );
    const raw = asRecord(env.data[0]);
    if (!raw) throw this.missingData("certificateInfo", env);
    return this.decodeWith("certificateInfo", env, () => certificateFrom(raw));
  }

  /** `POST /certificate/_search`: `id IN values[]` with ids, else the whole account in id order. */
  protected async listCertificates(
    ids: string[] | undefined,
    view: AutodnsListPage,
    keys: readonly string[],
  ): Promise<AutodnsCertificateList> {
    const filters = ids && [{ key: "id", values: ids, operator: "IN" }];
    const env = await this.call(
      {
        method: "POST",
        path: "certificate/_search",
        query: keys.length ? { "keys[]": [...keys] } : undefined,
        body: JSON.stringify({
          view: { limit: view.limit, offset: view.offset },
          // Pages of a whole list in a stable order, so that no certificate falls between two.
          ...(filters ? { filters } : { orders: [{ key: "id", type: "ASC" }] }),
        }),
        headers: { "Content-Type": "application/json" },
      },
      "certificateSearch",
      "safe",
      {},
    );
    const certificates = this.decodeWith("certificateSearch", env, () =>
      env.data
        .map((item) => asRecord(item))
        .filter((r): r is Record<string, unknown> => !!r)
        .map(certificateFrom),
    );
    return { certificates, received: env.data.length, summary: env.summary };
  }

  /** Reads a running job (`GET /job/{id}`, 300114); a finished one answers EF300101 (NotFoundError). */
  async jobInfo(jobId: string): Promise<AutodnsJob> {
    return this.readJob(`job/${encodeURIComponent(jobId)}`, "jobInfo", jobId);
  }

  /** Reads a finished job (`GET /job/history/{id}`, 300134): where a job goes when it ends. */
  async jobHistoryInfo(jobId: string): Promise<AutodnsJob> {
    return this.readJob(`job/history/${encodeURIComponent(jobId)}`, "jobHistoryInfo", jobId);
  }

  private async readJob(path: string, operation: string, jobId: string): Promise<AutodnsJob> {
    const env = await this.call({ method: "GET", path }, operation, "safe", { jobId });
    const job = this.decodeWith(operation, env, () => autodnsJobFrom(env.data[0], env.messages));
    if (!job) throw this.missingData(operation, env);
    return job;
  }

  protected async searchRenewJobs(
    finished: boolean,
    certificate: AutodnsCertificateRef,
    action: AutodnsJobAction,
  ): Promise<AutodnsJob[]> {
    const operation = finished ? "jobHistorySearch" : "jobSearch";
    const env = await this.call(
      {
        method: "POST",
        path: finished ? "job/history/_search" : "job/_search",
        body: JSON.stringify(renewJobQuery(certificate.name, action)),
        headers: { "Content-Type": "application/json" },
      },
      operation,
      "safe",
      { certificateId: certificate.id },
    );
    const jobs = this.decodeWith(operation, env, () =>
      env.data.map((item) => autodnsJobFrom(item)).filter((j): j is AutodnsJob => !!j),
    );
    return newestFirst(jobs.filter((j) => renewsCertificate(j, certificate, action)));
  }

  protected async searchRunningJobsOf(names: string[], limit: number): Promise<AutodnsJob[]> {
    const env = await this.call(
      {
        method: "POST",
        path: "job/_search",
        body: JSON.stringify({
          filters: [{ key: "object", values: names, operator: "IN" }],
          view: { limit, offset: 0 },
        }),
        headers: { "Content-Type": "application/json" },
      },
      "jobSearch",
      "safe",
      {},
    );
    return this.decodeWith("jobSearch", env, () =>
      env.data.map((item) => autodnsJobFrom(item)).filter((j): j is AutodnsJob => !!j),
    );
  }

  inRequestSlot<T>(compose: () => Promise<T>): Promise<T> {
    return this.transport.inSlot(compose);
  }

  async jobsById(jobIds: string[], finished: boolean): Promise<AutodnsJob[]> {
    const operation = finished ? "jobHistorySearch" : "jobSearch";
    const env = await this.call(
      {
        method: "POST",
        path: finished ? "job/history/_search" : "job/_search",
        body: JSON.stringify({
          filters: [{ key: "id", values: jobIds, operator: "IN" }],
          view: { limit: jobIds.length, offset: 0 },
        }),
        headers: { "Content-Type": "application/json" },
      },
      operation,
      "safe",
      {},
    );
    return this.decodeWith(operation, env, () =>
      env.data.map((item) => autodnsJobFrom(item)).filter((j): j is AutodnsJob => !!j),
    );
  }

  private missingData(operation: string, env: Envelope): DecodeError {
    return new DecodeError(
      `AutoDNS answered ${operation} without data${env.stid ? ` (stid ${env.stid})` : ""}`,
      {
        vendor: "autodns",
        operation,
        requestId: env.stid,
        rawBody: JSON.stringify(env),
      },
    );
  }

  private decodeWith<T>(operation: string, env: Envelope, read: () => T): T {
    try {
      return read();
    } catch (e) {
      throw new DecodeError(
        `AutoDNS answered ${operation} with an unreadable value: ${(e as Error).message}`,
        {
          vendor: "autodns",
          operation,
          requestId: env.stid,
          rawBody: JSON.stringify(env),
        },
      );
    }
  }

  private async call(
    request: Parameters<HttpTransport["send"]>[0],
    operation: string,
    repeat: RepeatPolicy,
    ctx: AutodnsErrorContext,
  ): Promise<Envelope> {
    const response = await this.transport.send(request, operation, repeat);
    return readEnvelope(response, operation, ctx);
  }
}

/** Decodes and checks an AutoDNS JSON answer; throws the typed error for error answers. */
export function readEnvelope(
  response: HttpResponse,
  operation: string,
  ctx: AutodnsErrorContext = {},
): Envelope {
  const parsed = tryParseJson(response.body);
  const root = parsed.ok ? asRecord(parsed.value) : undefined;
  const status = asRecord(root?.status);
  if (!root || !status || typeof status.type !== "string") {
    if (response.status === 401 || response.status === 403 || response.status === 429) {
      throw autodnsError(
        {
          operation,
          httpStatus: response.status,
          rawBody: response.body,
          retryAfterSeconds: retryAfter(response),
        },
        ctx,
      );
    }
    const reason = parsed.ok ? "no status block" : `invalid JSON: ${parsed.reason}`;
    throw decodeError("autodns", operation, response, "JSON", reason);
  }
  const messages: unknown[] = Array.isArray(root.messages) ? root.messages : [];
  const records = messages.map(asRecord);
  const firstError =
    records.find((m) => m && String(m.status ?? m.type ?? "").toUpperCase() === "ERROR") ?? records[0];
  const type = String(status.type).toUpperCase();
  const stid = asString(root.stid);
  if (response.status >= 400 || !SUCCESS_TYPES.has(type)) {
    throw autodnsError(
      {
        operation,
        httpStatus: response.status,
        code: asString(firstError?.code) ?? asString(status.code) ?? asString(status.resultCode),
        text: asString(firstError?.text) ?? asString(status.text),
        stid,
        rawBody: response.body,
        retryAfterSeconds: retryAfter(response),
      },
      ctx,
    );
  }
  return {
    stid,
    ctid: asString(root.ctid),
    status: {
      code: asString(status.code) ?? asString(status.resultCode) ?? "",
      text: asString(status.text) ?? "",
      type,
    },
    data: Array.isArray(root.data) ? root.data : [],
    messages,
    summary: wholeNumber(asRecord(root.object)?.summary),
  };
}

function wholeNumber(value: unknown): number | undefined {
  const n = typeof value === "string" && /^\d+$/.test(value) ? Number(value) : value;
  return typeof n === "number" && Number.isInteger(n) && n >= 0 ? n : undefined;
}

function retryAfter(response: HttpResponse): number | undefined {
  const v = response.headers["retry-after"];
  return v && /^\d+$/.test(v) ? Number(v) : undefined;
}
