/**
 * AutoDNS wire shapes for both protocols: the JSON envelope (`stid`, `status`, `object`, `data`,
 * `messages`) and the XML gateway `<response>`, with certificates and jobs in each form. Error
 * codes and texts are the ones sdk/autodns/codes.ts chose; success texts of reads are ours
 * (UNCONFIRMED by public sources) except job info/list, whose codes and texts are the help pages'.
 * Dates go out in the vendor's zone, Europe/Berlin: JSON `2022-12-26T00:59:59.000+0100`, XML
 * `2022-12-26 00:59:59` (no zone).
 */
import { XMLBuilder } from "fast-xml-parser";
import { autodnsDate, autodnsXmlDate, compactDay } from "../dates";
import type { CertificateRecord, JobRecord, Store } from "../store";
import { VENDOR_JOB_STATUS } from "../jobs";
import { Reply, jsonReply, xmlReply } from "../http/route";

/** Codes and texts the sandbox sends (the error ones mirror sdk/autodns/codes.ts). */
export const AUTODNS_WIRE = {
  renewStarted: { code: "N400106", text: "Certificate renew was started successfully." },
  certificateInfo: { code: "S400104", text: "Certificate data was inquired successfully." },
  certificateList: { code: "S400105", text: "Certificates were inquired successfully." },
  // Job info/list: "Certificate Job Info" (S300114) and "Managing Certificate Orders" (S300115);
  // history codes from the spec's summaries "Job History Info (300134)" / "… List (300135)".
  jobInfo: { code: "S300114", text: "Der Workflow-Auftrag wurde erfolgreich ermittelt." },
  jobList: { code: "S300115", text: "Request data has been inquired successfully." },
  jobHistoryInfo: { code: "S300134", text: "Der Workflow-Auftrag wurde erfolgreich ermittelt." },
  jobHistoryList: { code: "S300135", text: "Request data has been inquired successfully." },
  // XML certificate job list / history list tasks (help page "Managing Certificate Orders").
  xmlJobList: { code: "S400115", text: "Certificate jobs were inquired successfully." },
  xmlJobHistoryList: { code: "S400135", text: "Certificate jobs were inquired successfully." },
  renewWindow: { code: "EF4001012", text: "A renewal is only possible 90 days before expiration." },
  // Reissue (400102): the N-code follows the renew's pattern; no public source lists the refusals
  // of a reissue, so their codes are the sandbox's (UNCONFIRMED, docs/VENDOR-CHOICES.md).
  reissueStarted: { code: "N400102", text: "Certificate reissue was started successfully." },
  reissueOutsideTerm: {
    code: "EF4001013",
    text: "A reissue is only possible while the certificate's term is paid; renew it.",
  },
  jobRunning: { code: "EF4001014", text: "A job for this certificate is already running." },
  adminContactInvalid: { code: "EF4001006", text: "The admin contact is invalid." },
  technicalContactInvalid: { code: "EF4001010", text: "The technical contact is invalid." },
  authentication: { code: "E01003", text: "Authentication error." },
  contextInvalid: { code: "E01004", text: "The context is invalid." },
  certificateNotFound: { code: "EF4001001", text: "Certificate does not exist." },
  jobNotFound: { code: "EF300101", text: "Job does not exist." },
  missingValue: { code: "EF01000", text: "Missing or wrong value." },
  genericError: { code: "E00000", text: "Errors occurred during processing." },
} as const;

/** A code and its text. */
export interface AutodnsMessage {
  code: string;
  text: string;
}

/** The object an error is about. */
export interface AutodnsObject {
  type: string;
  value: string;
}

/** A new server transaction id, `YYYYMMDD-app1-NNNNN`. */
export function newStid(store: Store): string {
  return `${compactDay(store.clock.nowMs())}-app1-${store.nextId("stid")}`;
}

/** Ids are numbers on the JSON wire when they are numeric (the seed writes `"id": 4297539521`). */
export function jsonId(id: string): number | string {
  return /^\d{1,15}$/.test(id) ? Number(id) : id;
}

/** A JSON success envelope. */
export function jsonSuccess(
  stid: string,
  status: AutodnsMessage & { type: "SUCCESS" | "NOTIFY" },
  object: Record<string, unknown> | undefined,
  data: unknown[],
  ctid?: string,
): Reply {
  return jsonReply(200, { stid, status, ...(object ? { object } : {}), data, ...(ctid ? { ctid } : {}) });
}

/** A JSON error envelope; `status` is the HTTP status (400 rules, 401 auth, 404 unknown objects). */
export function jsonError(
  httpStatus: number,
  stid: string,
  message: AutodnsMessage,
  objects: AutodnsObject[] = [],
  ctid?: string,
): Reply {
  // Authentication codes stand in the status block themselves; rule codes under the generic one.
  const status = message.code.startsWith("EF") ? AUTODNS_WIRE.genericError : message;
  return jsonReply(httpStatus, {
    stid,
    status: { code: status.code, text: status.text, type: "ERROR" },
    messages: [{ code: message.code, text: message.text, status: "ERROR", objects }],
    ...(ctid ? { ctid } : {}),
  });
}

/**
 * The term flags of a certificate: `multiyear` when its paid term outlasts the certificate (the
 * spec says no more), `reissueRequired` never (the sandbox has no event that forces one; the
 * provider reissues by the dates).
 */
function termFlags(c: CertificateRecord): Record<string, unknown> {
  return { multiyear: c.coverageEndsAt > c.notAfter, reissueRequired: false };
}

/** A certificate in the JSON form of task 400104. */
export function certificateJson(c: CertificateRecord, caPem: string): Record<string, unknown> {
  return {
    created: autodnsDate(c.created),
    updated: autodnsDate(c.updated),
    id: jsonId(c.id),
    name: c.commonName,
    product: c.product,
    expire: autodnsDate(c.notAfter),
    payable: autodnsDate(c.coverageEndsAt),
    ...termFlags(c),
    lifetime: { unit: "MONTH", period: c.lifetimeMonths },
    software: c.software,
    ...(c.csr ? { csr: c.csr } : {}),
    server: c.pem,
    certificationAuthority: [{ caType: "ROOT", caCertificate: caPem }],
    adminContact: { id: jsonId(c.adminContactId ?? "") },
    technicalContact: { id: jsonId(c.technicalContactId ?? "") },
    subjectAlternativeNames: c.sans.map((name) => ({ name })),
    authentication: { method: "DNS", provisioning: false },
  };
}

/** Why a failed job failed, where the sandbox puts it: a sub-status and one NIC-communication log. */
export const FAILED_SUB_STATUS = "CA_REJECTED";

/** A job in the spec's `Job` form. */
export function jobJson(j: JobRecord): Record<string, unknown> {
  return {
    created: autodnsDate(j.created),
    updated: autodnsDate(j.updated),
    status: VENDOR_JOB_STATUS.autodns[j.state],
    ...(j.state === "failed" ? { subStatus: FAILED_SUB_STATUS } : {}),
    subType: (j.kind ?? "renew").toUpperCase(),
    action: j.kind ?? "renew",
    id: jsonId(j.id),
  };
}

/**
 * A job as job info, lists and history answer it: the spec's `ObjectJob` `{job, object, …}` with
 * the certificate as `object` (its name as `value`; `data.id` only where `withId`, as the help
 * page's job info shows it and its list example does not).
 */
export function objectJobJson(
  j: JobRecord,
  c: CertificateRecord | undefined,
  withId: boolean,
): Record<string, unknown> {
  const done = j.state === "succeeded";
  return {
    job: jobJson(j),
    object: {
      type: "Certificate",
      value: c?.commonName ?? j.certificateId,
      ...(withId ? { data: { id: jsonId(j.certificateId) } } : {}),
    },
    ...(withId
      ? {
          authentication: [{ status: done ? "SUCCESS" : "PENDING", step: done ? "ISSUED" : "DCV" }],
          dcvAuth: c ? [{ domain: c.commonName, status: done ? "SUCCESS" : "PENDING" }] : [],
        }
      : {}),
    ...(j.state === "failed" ? { niccomLogs: [{ jobId: jsonId(j.id), text: j.reason }] } : {}),
  };
}

const builder = new XMLBuilder({
  ignoreAttributes: true,
  format: true,
  indentBy: "    ",
  cdataPropName: "#cdata",
  suppressEmptyNode: false,
  processEntities: true,
});

/** Serializes a `<response>` the way the gateway lays it out. */
export function xmlDocument(response: Record<string, unknown>): string {
  return (builder.build({ response }) as string).trimEnd() + "\n";
}

/** A gateway success: `<result><data>…</data><status>…</status></result>` plus the ctid echo (as the seed). */
export function xmlSuccess(
  data: unknown,
  status: AutodnsMessage,
  object?: AutodnsObject,
  ctid?: string,
): Reply {
  return xmlReply(
    200,
    xmlDocument({
      result: {
        data,
        status: {
          code: status.code,
          text: status.text,
          type: status.code.startsWith("N") ? "notify" : "success",
          object,
        },
      },
      ctid,
    }),
  );
}

/** A gateway error: HTTP 200 with `<msg>` and an error `<status>`, as the vendor's documentation shows. */
export function xmlError(
  stid: string,
  message: AutodnsMessage,
  object?: AutodnsObject,
  ctid?: string,
): Reply {
  const status = message.code.startsWith("EF") ? AUTODNS_WIRE.genericError : message;
  return xmlReply(
    200,
    xmlDocument({
      result: {
        msg: { text: message.text, code: message.code, type: "error", object },
        status: { code: status.code, text: status.text, type: "error" },
      },
      stid,
      ctid,
    }),
  );
}

/** A certificate in the XML form of task 400104. */
export function certificateXml(c: CertificateRecord): Record<string, unknown> {
  return {
    id: c.id,
    name: c.commonName,
    product: c.product,
    expire: autodnsXmlDate(c.notAfter),
    payable: autodnsXmlDate(c.coverageEndsAt),
    lifetime: c.lifetimeMonths,
    software: c.software,
    // CDATA keeps the PEM exact (a parser trims plain text, dropping the final newline).
    csr: c.csr ? { "#cdata": c.csr } : undefined,
    server: { "#cdata": c.pem },
    admin: { id: c.adminContactId },
    technical: { id: c.technicalContactId },
    subject_alternative_name: c.sans.map((name) => ({ name })),
    authentication: { method: "DNS", provisioning: 0 },
    created: autodnsXmlDate(c.created),
    updated: autodnsXmlDate(c.updated),
  };
}

/** A job in the XML form of tasks 400114, 400115 and 400135 (help page "Job Object"). */
export function jobXml(j: JobRecord, c: CertificateRecord | undefined): Record<string, unknown> {
  return {
    id: j.id,
    object: c?.commonName ?? j.certificateId,
    status: VENDOR_JOB_STATUS.autodns[j.state],
    sub_status: j.state === "failed" ? FAILED_SUB_STATUS : undefined,
    created: autodnsXmlDate(j.created),
    updated: autodnsXmlDate(j.updated),
    type: "ssl",
    sub_type: (j.kind ?? "renew").toUpperCase(),
    action: j.kind ?? "renew",
  };
}
