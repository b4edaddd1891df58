/**
 * Symantec/DigiCert VICE2 on the HTTPS server: `POST …/services/renew` (form-encoded) and
 * `GET …/services/pickup?transaction_id=`. TLS already demanded a client certificate from the
 * sandbox CA; here it must also be registered, else StatusCode 0x0101. Codes and texts are the
 * ones sdk/symantec/codes.ts chose. Answers are `text/xml`, HTTP 200 even for `<Error>`.
 */
import { parseCsr, pemBody } from "../ca";
import { addMonths, parseUsDate } from "../dates";
import { addJob } from "../jobs";
import type { RouteOutcome, Router } from "../http/route";
import { xmlReply } from "../http/route";
import type { CertificateRecord, Store } from "../store";
import { SYMANTEC_WIRE, SymantecCode, validateRenewForm } from "./validation";

const PREFIX = "/vswebservices/rest/services/";

/** `<Response>` as the seed lays it out; the certificate only when there is one. */
export function symantecSuccess(
  transactionId: string,
  pem: string | undefined,
  message = "success",
): RouteOutcome {
  const certificate = pem ? `<Certificate>\n${pem.trim()}\n</Certificate>\n` : "";
  return xmlReply(
    200,
    `<Response xmlns="urn:symantec:api">\n<StatusCode>0x00</StatusCode>\n<Message>${message}</Message>\n` +
      `<transaction_id>${transactionId}</transaction_id>\n${certificate}</Response>\n`,
    "text/xml",
  );
}

/** `<Error>` with one of the sandbox's codes. */
export function symantecError(code: SymantecCode): RouteOutcome {
  return xmlReply(
    200,
    `<Error>\n<StatusCode>${code}</StatusCode>\n<Message>${SYMANTEC_WIRE[code]}</Message>\n</Error>\n`,
    "text/xml",
  );
}

function findOriginal(store: Store, form: URLSearchParams): CertificateRecord | undefined {
  const id = form.get("original_transaction_id");
  if (id) return store.certificate("symantec", id);
  const body = pemBody(form.get("original_certificate") ?? "");
  return [...store.certificates.values()].find(
    (c) => c.vendor === "symantec" && c.pem && pemBody(c.pem) === body,
  );
}

function renew(store: Store, form: URLSearchParams): RouteOutcome {
  const invalid = validateRenewForm(form, store.clock.nowMs());
  if (invalid) return symantecError(invalid);
  let csr;
  try {
    csr = parseCsr(form.get("csr")!);
  } catch {
    return symantecError("0x0107");
  }
  const original = findOriginal(store, form);
  if (!original) return symantecError("0x0103");
  const certificateId = original.id;
  if (form.get("original_challenge") !== original.challenge)
    return { ...symantecError("0x0102"), certificateId };

  const months = Number(form.get("validityPeriod")!.slice(0, 1)) * 12;
  const endDate = form.get("specificEndDate");
  const notAfter = endDate ? parseUsDate(endDate)! : addMonths(original.notAfter, months);
  const sans = (form.get("subject_alt_names") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const now = store.clock.nowMs();
  const id = store.newTransactionId();
  const record: CertificateRecord = {
    vendor: "symantec",
    id,
    commonName: csr.commonName ?? original.commonName,
    notBefore: now,
    notAfter,
    pem: "",
    sans: sans.length ? sans : original.sans,
    lifetimeMonths: months,
    created: now,
    updated: now,
    challenge: form.get("challenge")!,
    certProductType: form.get("certProductType")!,
    originalTransactionId: original.id,
    rootTransactionId: original.rootTransactionId ?? original.id,
    approved: false,
  };
  store.putCertificate(record);
  store.countRenewal("symantec", original.id);
  if (!store.symantecAutoApprove) {
    addJob(store, {
      id,
      vendor: "symantec",
      certificateId,
      state: "pending",
      lifetimeMonths: months,
      publicKey: csr.publicKey,
    });
    return { ...symantecSuccess(id, undefined), certificateId };
  }
  record.publicKey = csr.publicKey;
  record.pem = store.ca.issueLeaf({
    commonName: record.commonName,
    subjectAlternativeNames: record.sans,
    notBefore: new Date(now),
    notAfter: new Date(notAfter),
    publicKey: csr.publicKey,
  });
  record.approved = true;
  return { ...symantecSuccess(id, record.pem), certificateId };
}

function pickup(store: Store, query: URLSearchParams): RouteOutcome {
  const id = query.get("transaction_id");
  if (!id) return symantecError("0x0106");
  const tx = store.certificate("symantec", id);
  if (!tx) return { ...symantecError("0x0103"), certificateId: id };
  // Not approved yet: success without a certificate (the sandbox's choice; UNCONFIRMED).
  if (!tx.approved) return { ...symantecSuccess(id, undefined, "pending"), certificateId: id };
  return { ...symantecSuccess(id, tx.pem), certificateId: id };
}

/** The router; `registered` holds the fingerprints of client certificates the account knows. */
export function symantecRouter(store: Store, registered: ReadonlySet<string>): Router {
  return (request) => {
    if (!request.path.startsWith(PREFIX)) return undefined;
    const operation = request.path.slice(PREFIX.length).replace(/\/$/, "");
    const form = new URLSearchParams(request.query);
    if (request.method === "POST") new URLSearchParams(request.body).forEach((v, k) => form.append(k, v));
    const isRenew = operation === "renew" && request.method === "POST";
    const isPickup = operation === "pickup" && (request.method === "GET" || request.method === "POST");
    const route = isRenew ? "symantec.renew" : isPickup ? "symantec.pickup" : "symantec.unknown";
    return {
      vendor: "symantec",
      route,
      format: "xml",
      certificateId:
        (isRenew ? form.get("original_transaction_id") : form.get("transaction_id")) ?? undefined,
      run: () => {
        if (!request.clientFingerprint256 || !registered.has(request.clientFingerprint256)) {
          return symantecError("0x0101");
        }
        if (isRenew) return renew(store, form);
        if (isPickup) return pickup(store, form);
        return symantecError("0x0106");
      },
    };
  };
}
