/**
 * Symantec/DigiCert Managed PKI for SSL ("VICE2") REST client: renew and pickup, authenticated
 * by a TLS client certificate. Answers are XML `<Response>` or `<Error>` under varying namespaces.
 */
import { Agent as HttpsAgent } from "node:https";
import { parseXmlAnswer, unreadableAnswer } from "../common/decode";
import { DigestCache } from "../common/digestCache";
import { ConnectionError, DecodeError } from "../common/errors";
import { HttpResponse, HttpTransport, RepeatPolicy } from "../common/http";
import { partialXmlText, xmlIsCutOff, xmlPath, xmlText } from "../common/xml";
import { readVice2Certificate } from "./certificate";
import { isSymantecPendingCode } from "./codes";
import { symantecError, symantecTlsError } from "./errors";
import { SymantecClientOptions, SymantecRenewRequest, SymantecResult } from "./types";

/** Production base URL (the DigiCert host the service moved to). */
export const SYMANTEC_PRODUCTION_ENDPOINT =
  "https://certmanager-webservices.websecurity.digicert.com/vswebservices/rest/services";
/** Pilot (test) base URL. */
export const SYMANTEC_PILOT_ENDPOINT =
  "https://pilot-certmanager-webservices.websecurity.symantec.com/vswebservices/rest/services";

/** Resolves the "pilot"/"production" shorthands. */
export function symantecEndpoint(endpoint: string | undefined): string {
  if (!endpoint || endpoint === "production") return SYMANTEC_PRODUCTION_ENDPOINT;
  if (endpoint === "pilot") return SYMANTEC_PILOT_ENDPOINT;
  return endpoint;
}

/** Strips PEM armour and whitespace: VICE2 wants bare base64 (headers optional). */
export function base64Body(pem: string): string {
  return pem.replace(/-----(BEGIN|END)[^-]*-----/g, "").replace(/\s+/g, "");
}

/** Encodes a renewal as the vendor's form, in the vendor's field names. */
export function symantecRenewForm(r: SymantecRenewRequest): URLSearchParams {
  const form = new URLSearchParams();
  const put = (k: string, v: string | undefined) => {
    if (v !== undefined && v !== "") form.append(k, v);
  };
  put("firstName", r.firstName);
  put("lastName", r.lastName);
  put("email", r.email);
  put("csr", r.csr);
  put("certProductType", r.certProductType);
  put("serverType", r.serverType);
  put("validityPeriod", r.validityPeriod);
  put("specificEndDate", r.specificEndDate);
  put("original_certificate", r.originalCertificate && base64Body(r.originalCertificate));
  put("original_transaction_id", r.originalTransactionId);
  put("original_challenge", r.originalChallenge);
  put("challenge", r.challenge);
  put("subject_alt_names", r.subjectAlternativeNames?.join(","));
  put("signatureAlgorithm", r.signatureAlgorithm);
  put("ctLogOption", r.ctLogOption);
  return form;
}

/** Normalizes a PEM taken from XML text (indentation, CRLF). */
export function normalizePem(text: string | undefined): string | undefined {
  if (!text) return undefined;
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
  return lines.length ? `${lines.join("\n")}\n` : undefined;
}

/** Agents kept at once, one per client certificate (and CA): a process renews for a few accounts. */
const agents = new DigestCache<HttpsAgent>(16);

/**
 * The keep-alive agent for a client certificate, shared by every client of the process that
 * presents it: one pool of TLS connections per account, not one per certificate renewed, and no
 * agent (with its TLS context) built for each resource a provider process reads.
 */
function tlsClientAgent(options: SymantecClientOptions): HttpsAgent {
  const { clientCertificate: cert, clientKey: key, caCertificate: ca } = options;
  return agents.get(
    [cert, key, ca ?? null],
    () => new HttpsAgent({ cert, key, ...(ca ? { ca } : {}), keepAlive: true }),
  );
}

/** The VICE2 client. */
export class SymantecClient {
  private readonly transport: HttpTransport;
  private readonly baseURL: string;

  constructor(options: SymantecClientOptions) {
    this.baseURL = symantecEndpoint(options.endpoint);
    this.transport = new HttpTransport({
      vendor: "symantec",
      baseURL: this.baseURL,
      timeoutMs: options.timeoutMs,
      maxRetries: options.maxRetries,
      backoffMs: options.backoffMs,
      sleep: options.sleep,
      httpsAgent: tlsClientAgent(options),
      // VICE2 reports business errors with HTTP 200; 5xx are outages worth a retry for reads.
      retryableResponse: (r) => [429, 500, 502, 503, 504].includes(r.status),
    });
  }

  /** Renews (`POST /renew`). Never retried once sent: Symantec has no idempotency key. */
  async renew(request: SymantecRenewRequest): Promise<SymantecResult> {
    const response = await this.send(
      {
        method: "POST",
        path: "renew",
        body: symantecRenewForm(request).toString(),
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
      },
      "renew",
      "refusedOnly",
    );
    try {
      return readSymantecResponse(response, "renew", request.originalTransactionId);
    } catch (e) {
      // The renewal may have gone through: keep its id if the part that arrived names it.
      const salvaged = e instanceof DecodeError ? salvageSymantecRenewal(response) : undefined;
      if (salvaged) return salvaged;
      throw e;
    }
  }

  /** Picks up the certificate of a transaction (`GET /pickup?transaction_id=`). */
  async pickup(transactionId: string): Promise<SymantecResult> {
    const response = await this.send(
      { method: "GET", path: "pickup", query: { transaction_id: transactionId } },
      "pickup",
      "safe",
    );
    return readSymantecResponse(response, "pickup", transactionId);
  }

  private async send(request: Parameters<HttpTransport["send"]>[0], operation: string, repeat: RepeatPolicy) {
    try {
      return await this.transport.send(request, operation, repeat);
    } catch (e) {
      // The transport tells a failed handshake (our client certificate, or trust) by its phase.
      if (e instanceof ConnectionError && e.phase === "tls" && e.code)
        throw symantecTlsError(e, this.baseURL);
      throw e;
    }
  }
}

/**
 * Reads an accepted renewal from an answer that arrived cut off (a dropped connection mid-body):
 * HTTP 2xx, a `<Response>` with StatusCode 0x00 and a complete transaction id. Without the
 * certificate: a later pickup fetches it. Undefined when the part that arrived does not prove
 * acceptance.
 */
export function salvageSymantecRenewal(response: HttpResponse): SymantecResult | undefined {
  if (response.status < 200 || response.status >= 300 || !xmlIsCutOff(response.body)) return undefined;
  const body = response.body;
  const statusCode = partialXmlText(body, "Response", "StatusCode");
  const transactionId =
    partialXmlText(body, "Response", "Transaction_ID") ??
    partialXmlText(body, "Response", "transaction_id") ??
    partialXmlText(body, "Response", "TransactionID");
  if (statusCode?.toLowerCase() !== "0x00" || !transactionId || /<(?:[\w.-]+:)?Error[\s>]/.test(body)) {
    return undefined;
  }
  return {
    statusCode,
    message: "the answer arrived cut off; the transaction id was read from the part that arrived",
    transactionId,
  };
}

/** Decodes a VICE2 answer: `<Response>` with StatusCode 0x00 is success, anything else an error. */
export function readSymantecResponse(
  response: HttpResponse,
  operation: string,
  transactionId?: string,
): SymantecResult {
  const unreadable = unreadableAnswer("symantec", operation, response, "XML", () =>
    symantecError({ operation, httpStatus: response.status, rawBody: response.body }, transactionId),
  );
  const doc = parseXmlAnswer(response.body, unreadable);
  const root = xmlPath(doc, "Response") ?? xmlPath(doc, "Error");
  const statusCode = xmlText(root, "StatusCode");
  if (!root || typeof root !== "object" || !statusCode) {
    throw unreadable("no Response/Error with a StatusCode");
  }
  const message = xmlText(root, "Message") ?? "";
  const answeredId =
    xmlText(root, "Transaction_ID") ?? xmlText(root, "transaction_id") ?? xmlText(root, "TransactionID");
  // "Pending" codes (0xa00e, 0x8134) hold the renewal at the vendor: it exists, so it is followed.
  if (isSymantecPendingCode(statusCode) && response.status < 300) {
    return { statusCode, message, transactionId: answeredId, pending: true };
  }
  if (statusCode.toLowerCase() !== "0x00" || "Error" in doc) {
    throw symantecError(
      { operation, httpStatus: response.status, code: statusCode, text: message, rawBody: response.body },
      transactionId,
    );
  }
  const pem = normalizePem(xmlText(root, "Certificate"));
  const certificate = pem ? readVice2Certificate(pem, operation, response.body) : undefined;
  return {
    statusCode,
    message,
    transactionId: answeredId,
    certificatePem: certificate?.certificatePem,
    ...(certificate?.chainPem ? { chainPem: certificate.chainPem } : {}),
    ...(certificate?.format === "pkcs7" ? { certificateFormat: "pkcs7" as const } : {}),
  };
}
