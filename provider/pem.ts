/**
 * PEM and CSR reading for validation and expiry: certificates through node:crypto, certification
 * requests through @peculiar/x509 (node:crypto cannot parse PKCS#10). Loaded lazily so a provider
 * process that never sees a CSR never pays for it.
 */
import { X509Certificate } from "node:crypto";

/** Facts of a certificate. */
export interface CertificateFacts {
  notAfter: string;
  notBefore: string;
  subject: string;
  serialNumber: string;
}

/** Splits a bundle into its PEM blocks of one label. */
export function pemBlocks(text: string, label: string): string[] {
  const re = new RegExp(`-----BEGIN ${label}-----[\\s\\S]*?-----END ${label}-----`, "g");
  return text.match(re) ?? [];
}

/** Reads the first certificate of a PEM (or bare base64 DER). Throws with a readable reason. */
export function readCertificate(pem: string): CertificateFacts {
  const block = pemBlocks(pem, "CERTIFICATE")[0];
  const der = block ? undefined : Buffer.from(pem.replace(/\s+/g, ""), "base64");
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(block ?? der!);
  } catch (e) {
    throw new Error(`not a PEM certificate (${(e as Error).message})`);
  }
  return {
    notAfter: new Date(cert.validTo).toISOString(),
    notBefore: new Date(cert.validFrom).toISOString(),
    subject: cert.subject,
    serialNumber: cert.serialNumber,
  };
}

/** The expiry of a PEM certificate, or undefined when it does not parse. */
export function certificateNotAfter(pem: string | undefined): string | undefined {
  if (!pem) return undefined;
  try {
    return readCertificate(pem).notAfter;
  } catch {
    return undefined;
  }
}

/** Checks that text is a PKCS#10 request (PEM with either header, or bare base64). Returns its subject. */
export function readCsr(text: string): string {
  const body = text.replace(/-----(BEGIN|END) (NEW )?CERTIFICATE REQUEST-----/g, "").replace(/\s+/g, "");
  if (!/^[A-Za-z0-9+/]+=*$/.test(body) || body.length < 64) {
    throw new Error("not a base64 PKCS#10 certificate request");
  }
  // @peculiar/x509 needs the Reflect metadata polyfill loaded first.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require("reflect-metadata");
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const x509 = require("@peculiar/x509") as typeof import("@peculiar/x509");
  try {
    const csr = new x509.Pkcs10CertificateRequest(Buffer.from(body, "base64"));
    return csr.subject;
  } catch (e) {
    throw new Error(`not a PKCS#10 certificate request (${(e as Error).message})`);
  }
}
