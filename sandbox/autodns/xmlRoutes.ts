/**
 * The AutoDNS XML gateway at `/autodns/gateway`: one POST endpoint, the task `<code>` selects the
 * operation (400106 renew, 400102 reissue, 400104 certificate info, 400105 certificate list,
 * 400114 job info, 400115 certificate job list, 400135 its history). Login travels in `<auth>`. Every answer is HTTP 200; errors are
 * `<msg>`/`<status>` blocks, as on the real gateway. As with the JSON API, a finished job has left
 * job info (EF300101) and the job list for the history list. Dates are Berlin wall time.
 */
import { XMLParser, XMLValidator } from "fast-xml-parser";
import type { RouteOutcome, Router } from "../http/route";
import { VENDOR_JOB_STATUS, isOpen } from "../jobs";
import type { Store } from "../store";
import type { AutodnsRouteOptions } from "./jsonRoutes";
import {
  AutodnsRefusal,
  checkLogin,
  findCertificate,
  isRefusal,
  pollAutodnsJob,
  startReissue,
  startRenewal,
} from "./renewal";
import { AUTODNS_WIRE, certificateXml, jobXml, newStid, xmlError, xmlSuccess } from "./wire";
import { listJobsXml } from "./xmlJobList";
import { listCertificatesXml } from "./xmlCertificateList";
import { XmlListError } from "./xmlListInquire";

const PATHS = new Set(["/autodns/gateway", "/autodns/gateway/"]);
const TASKS = new Set(["400106", "400102", "400104", "400105", "400114", "400115", "400135"]);

type Node = Record<string, unknown>;

// The sandbox's own parser settings (independent of sdk/common/xml.ts): strings only, CDATA as text.
const parser = new XMLParser({
  ignoreAttributes: true,
  removeNSPrefix: true,
  parseTagValue: false,
  trimValues: true,
  processEntities: true,
  isArray: (name) => name === "subject_alternative_name" || name === "and" || name === "or",
});

function child(node: unknown, ...path: string[]): unknown {
  let current = node;
  for (const key of path) {
    if (Array.isArray(current)) current = current[0];
    if (!current || typeof current !== "object") return undefined;
    current = (current as Node)[key];
  }
  return current;
}

function text(node: unknown, ...path: string[]): string | undefined {
  const value = child(node, ...path);
  return typeof value === "string" ? value : undefined;
}

function parseRequest(body: string): Node | undefined {
  const trimmed = body.trim();
  if (!trimmed.startsWith("<") || XMLValidator.validate(trimmed) !== true) return undefined;
  const request = child(parser.parse(trimmed), "request");
  return request && typeof request === "object" ? (request as Node) : undefined;
}

/** The router; see the module comment. */
export function autodnsXmlRouter(store: Store, options: AutodnsRouteOptions): Router {
  return (request) => {
    if (!PATHS.has(request.path)) return undefined;
    const doc = request.method === "POST" ? parseRequest(request.body) : undefined;
    const task = child(doc, "task");
    const code = text(task, "code") ?? "";
    const ctid = text(task, "ctid") || undefined;
    const certificateId = text(task, "certificate", "id");
    const route = TASKS.has(code) ? `autodns.xml.${code}` : "autodns.xml.unknown";
    const fail = (r: AutodnsRefusal, certId?: string): RouteOutcome => ({
      ...xmlError(newStid(store), r.message, r.object, ctid),
      certificateId: certId,
    });
    const missing = (type: string, value = ""): RouteOutcome =>
      fail({ httpStatus: 200, message: AUTODNS_WIRE.missingValue, object: { type, value } }, certificateId);

    function operation(): RouteOutcome {
      if (!doc) return missing("request", request.method === "POST" ? "XML" : request.method);
      if (!TASKS.has(code)) return missing("code", code);
      if (code === "400114") {
        const jobId = text(task, "certificate_job", "job", "id") ?? text(task, "job", "id");
        if (!jobId) return missing("job.id");
        const job = pollAutodnsJob(store, jobId);
        if (isRefusal(job)) return fail(job);
        if (!isOpen(job)) {
          const gone = { type: "job", value: job.id };
          return fail(
            { httpStatus: 200, message: AUTODNS_WIRE.jobNotFound, object: gone },
            job.certificateId,
          );
        }
        const cert = store.certificate("autodns", job.certificateId);
        return {
          ...xmlSuccess(
            {
              certificate_job: {
                job: jobXml(job, cert),
                certificate: { id: job.certificateId, name: cert?.commonName },
                authentication: { status: "PENDING", step: "DCV" },
              },
            },
            AUTODNS_WIRE.jobInfo,
            { type: "job", value: job.id },
            ctid,
          ),
          certificateId: job.certificateId,
        };
      }
      if (code === "400105") {
        try {
          return xmlSuccess(listCertificatesXml(store, task), AUTODNS_WIRE.certificateList, undefined, ctid);
        } catch (e) {
          if (!(e instanceof XmlListError)) throw e;
          return { ...missing(e.objectType, e.objectValue), contractViolation: e.message };
        }
      }
      if (code === "400115" || code === "400135") {
        try {
          const listed = listJobsXml(store, task, code === "400115");
          const status = code === "400115" ? AUTODNS_WIRE.xmlJobList : AUTODNS_WIRE.xmlJobHistoryList;
          return { ...xmlSuccess(listed.data, status, undefined, ctid), certificateId: listed.certificateId };
        } catch (e) {
          if (!(e instanceof XmlListError)) throw e;
          return { ...missing(e.objectType, e.objectValue), contractViolation: e.message };
        }
      }
      if (!certificateId) return missing("certificate.id");
      if (code === "400104") {
        const cert = findCertificate(store, certificateId);
        if (isRefusal(cert)) return fail(cert, certificateId);
        return {
          ...xmlSuccess(
            { certificate: certificateXml(cert) },
            AUTODNS_WIRE.certificateInfo,
            { type: "certificate", value: cert.commonName },
            ctid,
          ),
          certificateId,
        };
      }
      const certificate = child(task, "certificate");
      const lifetime = text(certificate, "lifetime");
      // 400106 renews (paid, extends the term); 400102 reissues inside it (free).
      const start = code === "400102" ? startReissue : startRenewal;
      const result = start(store, {
        certificateId,
        lifetimeMonths: lifetime === undefined || lifetime === "" ? undefined : Number(lifetime),
        adminContactId: text(certificate, "admin", "id"),
        technicalContactId: text(certificate, "technical", "id"),
        csr: text(certificate, "csr"),
      });
      if (isRefusal(result)) return fail(result, certificateId);
      const cert = store.certificate("autodns", certificateId)!;
      return {
        ...xmlSuccess(
          { certificate_job: { job: { id: result.id, status: VENDOR_JOB_STATUS.autodns[result.state] } } },
          code === "400102" ? AUTODNS_WIRE.reissueStarted : AUTODNS_WIRE.renewStarted,
          { type: "certificate", value: cert.commonName },
          ctid,
        ),
        certificateId,
      };
    }

    return {
      vendor: "autodns",
      route,
      format: "xml",
      certificateId,
      run: () => {
        if (options.requireUserAgent && !request.headers["user-agent"])
          return missing("header", "User-Agent");
        if (doc) {
          const refused = checkLogin(
            text(doc, "auth", "user"),
            text(doc, "auth", "password"),
            text(doc, "auth", "context"),
          );
          if (refused) return fail(refused, certificateId);
        }
        return operation();
      },
    };
  };
}
