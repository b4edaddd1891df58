/**
 * Symantec/DigiCert VICE2 on the HTTPS server: `POST …/services/renew` (form-encoded) and
 * `GET|POST …/services/pickup` with `transaction_id`. TLS already demanded a client certificate
 * from the sandbox CA; here it must also be registered, else StatusCode 0x3101 (missing admin
 * role). Codes and texts are the vendor's (sandbox/symantec/validation.ts). Answers are
 * `text/xml`, HTTP 200 even for `<Error>`; the new transaction id is `<Transaction_ID>`. For
 * serverType Microsoft the `<Certificate>` is a PKCS#7 bundle (leaf and CA) in CERTIFICATE armour,
 * as DigiCert's approve sample shows. With no tokens left a renewal is held: `0xa00e` "Pending"
 * with its Transaction_ID, until `admin.approve`.
 */
import "reflect-metadata";
import * as x509 from "@peculiar/x509";
import { parseCsr, pemBody } from "../ca";
import { addMonths, parseUsDate } from "../dates";
import { cappedNotAfter } from "../issuanceSchedule";
import { addJob } from "../jobs";
import type { RouteOutcome, Router } from "../http/route";
import { xmlReply } from "../http/route";
import type { CertificateRecord, Store } from "../store";
import { SYMANTEC_WIRE, SymantecCode, SymantecRefusal, validateRenewForm } from "./validation";

const PREFIX = "/vswebservices/rest/services/";

/** The certificate as VICE2 hands it out: PEM, or for serverType Microsoft a PKCS#7 bundle. */
function certificateText(store: Store, record: CertificateRecord): string {
  if (record.serverType !== "Microsoft") return record.pem.trim();
  const bundle = new x509.X509Certificates([
    new x509.X509Certificate(record.pem),
    new x509.X509Certificate(store.ca.certificatePem),
  ]).export("base64");
  const lines = bundle.match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join("\n")}\n-----END CERTIFICATE-----`;
}

/** `<Response>` as the vendor lays it out; the certificate only when there is one. */
export function symantecSuccess(
  transactionId: string,
  certificate: string | undefined,
  message = "success",
  code: SymantecCode = "0x00",
): RouteOutcome {
  const body = certificate ? `<Certificate>\n${certificate}\n</Certificate>\n` : "";
  return xmlReply(
    200,
    `<Response xmlns="urn:symantec:api">\n<StatusCode>${code}</StatusCode>\n<Message>${message}</Message>\n` +
      `<Transaction_ID>${transactionId}</Transaction_ID>\n${body}</Response>\n`,
    "text/xml",
  );
}

/** `<Error>` with one of the vendor's codes; 0x6000 says which parameter. */
export function symantecError(refusal: SymantecCode | SymantecRefusal, httpStatus = 200): RouteOutcome {
  const { code, detail } = typeof refusal === "string" ? { code: refusal, detail: undefined } : refusal;
  const message = detail ? `${SYMANTEC_WIRE[code]}: ${detail}` : SYMANTEC_WIRE[code];
  return xmlReply(
    httpStatus,
    `<Error>\n<StatusCode>${code}</StatusCode>\n<Message>${message}</Message>\n</Error>\n`,
    "text/xml",
  );
}

/** The answer for a held renewal: the vendor's "Pending" code with the transaction to follow. */
function held(id: string): RouteOutcome {
  return symantecSuccess(id, undefined, SYMANTEC_WIRE["0xa00e"], "0xa00e");
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
    return symantecError("0x9511");
  }
  const original = findOriginal(store, form);
  if (!original) return symantecError("0x3301");
  const certificateId = original.id;
  if (form.get("original_challenge") !== original.challenge)
    return { ...symantecError("0x3069"), certificateId };

  const months = Number(form.get("validityPeriod")!.slice(0, 1)) * 12;
  const endDate = form.get("specificEndDate");
  // DigiCert cuts every public certificate to the CA/B schedule at its issue date (199 days from
  // 2026-03-15); a Private SSL certificate chains to a private root, which the schedule does not bind.
  const wanted = endDate ? parseUsDate(endDate)! : addMonths(original.notAfter, months);
  const sans = (form.get("subject_alt_names") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const now = store.clock.nowMs();
  const isPrivate = form.get("certProductType") === "PrivateServer";
  const notAfter = isPrivate ? wanted : cappedNotAfter("symantec", now, wanted);
  const id = store.newTransactionId();
  const record: CertificateRecord = {
    vendor: "symantec",
    id,
    commonName: csr.commonName ?? original.commonName,
    notBefore: now,
    notAfter,
    coverageEndsAt: notAfter,
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
    serverType: form.get("serverType") ?? undefined,
  };
  store.putCertificate(record);
  store.countRenewal("symantec", original.id);
  const outOfTokens = store.symantecTokens === 0;
  if (store.symantecTokens !== undefined && !outOfTokens) store.symantecTokens--;
  if (outOfTokens || !store.symantecAutoApprove) {
    addJob(store, {
      id,
      vendor: "symantec",
      certificateId,
      state: "pending",
      lifetimeMonths: months,
      publicKey: csr.publicKey,
    });
    record.heldForTokens = outOfTokens;
    return { ...(outOfTokens ? held(id) : symantecSuccess(id, undefined)), certificateId };
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
  return { ...symantecSuccess(id, certificateText(store, record)), certificateId };
}

function pickup(store: Store, query: URLSearchParams): RouteOutcome {
  const unknown = [...query.keys()].find((k) => k !== "transaction_id");
  if (unknown) return symantecError({ code: "0x6000", detail: `unknown parameter ${unknown}` });
  const id = query.get("transaction_id");
  if (!id) return symantecError({ code: "0x6000", detail: "transaction_id is missing" });
  const tx = store.certificate("symantec", id);
  if (!tx)
    return { ...symantecError({ code: "0x6000", detail: "invalid transaction id" }), certificateId: id };
  if (!tx.approved && tx.heldForTokens) return { ...held(id), certificateId: id };
  // Not approved yet: success without a certificate (the sandbox's choice; UNCONFIRMED).
  if (!tx.approved) return { ...symantecSuccess(id, undefined, "pending"), certificateId: id };
  return { ...symantecSuccess(id, certificateText(store, tx)), certificateId: id };
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
        if (!isRenew && !isPickup) {
          return symantecError(
            { code: "0x6000", detail: `unsupported operation ${request.method} ${operation}` },
            404,
          );
        }
        if (!request.clientFingerprint256 || !registered.has(request.clientFingerprint256)) {
          return symantecError("0x3101");
        }
        if (isRenew) return renew(store, form);
        return pickup(store, form);
      },
    };
  };
}
