/**
 * The certificate operations of the AutoDNS JSON API, each answering with the vendor's envelope:
 * renew (task 400106), reissue (400102), certificate info (400104) and certificate search (400105). Jobs are in
 * jsonJobs.ts; login, routing and the contract check in jsonRoutes.ts.
 */
import type { RouteOutcome } from "../http/route";
import type { CertificateRecord, JobRecord, Store } from "../store";
import {
  AutodnsRefusal,
  AutodnsRenewInput,
  findCertificate,
  isRefusal,
  startReissue,
  startRenewal,
} from "./renewal";
import { parseSearch, runSearch } from "./search";
import {
  AUTODNS_WIRE,
  AutodnsMessage,
  certificateJson,
  jsonError,
  jsonId,
  jsonSuccess,
  newStid,
} from "./wire";

/** What every operation needs. */
export interface JsonContext {
  store: Store;
  caPem: string;
  body: string;
  /** The client's correlation id (`X-Domainrobot-Ctid`), echoed. */
  ctid?: string;
  /** The `keys[]` query values: what a list answers beyond each item's summary. */
  keys?: string[];
}

/** Parses a JSON body; an empty body is `undefined` (the seed's renew sends none). */
export function parseBody(body: string): { ok: true; value: unknown } | { ok: false } {
  if (body.trim() === "") return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(body) as unknown };
  } catch {
    return { ok: false };
  }
}

/** A plain object or `{}`. */
export function record(value: unknown): Record<string, unknown> {
  return value && typeof value === "object" && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

/** A scalar as a string. */
export function optionalString(value: unknown): string | undefined {
  return typeof value === "string" || typeof value === "number" ? String(value) : undefined;
}

/** The envelope for a refusal. */
export function refusal(ctx: JsonContext, r: AutodnsRefusal, certificateId?: string): RouteOutcome {
  return {
    ...jsonError(r.httpStatus, newStid(ctx.store), r.message, r.object ? [r.object] : [], ctx.ctid),
    certificateId,
  };
}

const BAD_BODY: AutodnsRefusal = {
  httpStatus: 400,
  message: AUTODNS_WIRE.missingValue,
  object: { type: "body", value: "JSON" },
};

const CERTIFICATE_FIELDS: Record<string, (c: CertificateRecord) => string | undefined> = {
  id: (c) => c.id,
  name: (c) => c.commonName,
  domain: (c) => c.commonName,
  product: (c) => c.product,
  expire: (c) => new Date(c.notAfter).toISOString(),
  created: (c) => new Date(c.created).toISOString(),
  updated: (c) => new Date(c.updated).toISOString(),
};

/** What a renew or reissue body (a Certificate object, or none) asks for. */
function certificateRequest(body: Record<string, unknown>, id: string): AutodnsRenewInput {
  const lifetime = record(body.lifetime);
  const period = lifetime.period === undefined ? undefined : Number(lifetime.period);
  return {
    certificateId: id,
    lifetimeMonths: period === undefined ? undefined : lifetime.unit === "YEAR" ? period * 12 : period,
    adminContactId: optionalString(record(body.adminContact).id),
    technicalContactId: optionalString(record(body.technicalContact).id),
    csr: optionalString(body.csr),
  };
}

/** Runs a job-starting operation and answers with the job id under the given NOTIFY code. */
function startJob(
  ctx: JsonContext,
  id: string,
  start: (store: Store, input: AutodnsRenewInput) => JobRecord | AutodnsRefusal,
  started: AutodnsMessage,
): RouteOutcome {
  const parsed = parseBody(ctx.body);
  if (!parsed.ok) return refusal(ctx, BAD_BODY, id);
  const result = start(ctx.store, certificateRequest(record(parsed.value), id));
  if (isRefusal(result)) return refusal(ctx, result, id);
  const name = ctx.store.certificate("autodns", id)!.commonName;
  const status = { ...started, type: "NOTIFY" as const };
  return {
    ...jsonSuccess(
      newStid(ctx.store),
      status,
      { type: "Certificate", value: name },
      [{ id: jsonId(result.id) }],
      ctx.ctid,
    ),
    certificateId: id,
  };
}

/** `PUT certificate/{id}/_renew`: empty body (the seed) or a Certificate object (the OpenAPI spec). */
export function renew(ctx: JsonContext, id: string): RouteOutcome {
  return startJob(ctx, id, startRenewal, AUTODNS_WIRE.renewStarted);
}

/** `PUT certificate/{id}` (400102): reissue inside the paid term, with the current CSR and details. */
export function reissue(ctx: JsonContext, id: string): RouteOutcome {
  return startJob(ctx, id, startReissue, AUTODNS_WIRE.reissueStarted);
}

/** `GET certificate/{id}`. */
export function certificateInfo(ctx: JsonContext, id: string): RouteOutcome {
  const cert = findCertificate(ctx.store, id);
  if (isRefusal(cert)) return refusal(ctx, cert, id);
  const status = { ...AUTODNS_WIRE.certificateInfo, type: "SUCCESS" as const };
  const object = { type: "Certificate", value: cert.commonName };
  return {
    ...jsonSuccess(newStid(ctx.store), status, object, [certificateJson(cert, ctx.caPem)], ctx.ctid),
    certificateId: id,
  };
}

/** Runs a search body (already checked against the contract) over `items`. */
export function search<T>(
  ctx: JsonContext,
  fields: Record<string, (item: T) => string | undefined>,
  items: T[],
  defaultOrder: (a: T, b: T) => number,
  respond: (page: T[], total: number) => RouteOutcome,
): RouteOutcome {
  const parsed = parseBody(ctx.body);
  if (!parsed.ok) return refusal(ctx, BAD_BODY);
  const { page, total } = runSearch(items, parseSearch(parsed.value, fields), fields, defaultOrder);
  return respond(page, total);
}

/**
 * A certificate as a list answers it: the id, plus what `keys[]` asked for. The vendor documents
 * `keys[]` as the way to "fetch additional data", and neither the PEM (`server`) nor the paid term
 * (`payable`) is among its keys, so the sandbox never lists them (no kinder than the vendor).
 */
function listedCertificateJson(c: CertificateRecord, caPem: string, keys: string[]): Record<string, unknown> {
  const full = certificateJson(c, caPem);
  return Object.fromEntries(Object.entries(full).filter(([k]) => k === "id" || keys.includes(k)));
}

/** `POST certificate/_search` (e.g. `{key:"id", values:["1","2"], operator:"IN"}`, `keys[]=expire`). */
export function certificateSearch(ctx: JsonContext): RouteOutcome {
  const all = [...ctx.store.certificates.values()].filter((c) => c.vendor === "autodns");
  const byId = (a: CertificateRecord, b: CertificateRecord) =>
    Number(a.id) - Number(b.id) || a.id.localeCompare(b.id);
  return search(ctx, CERTIFICATE_FIELDS, all, byId, (page, total) => {
    const status = { ...AUTODNS_WIRE.certificateList, type: "SUCCESS" as const };
    const data = page.map((c) => listedCertificateJson(c, ctx.caPem, ctx.keys ?? []));
    return jsonSuccess(newStid(ctx.store), status, { type: "Certificate", summary: total }, data, ctx.ctid);
  });
}
