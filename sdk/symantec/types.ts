/** Types of the Symantec/DigiCert Managed PKI for SSL (VICE2) client. */
import type { Sleep } from "../common/rateLimiter";

/** Client construction options. */
export interface SymantecClientOptions {
  /** "pilot", "production" (default) or a base URL ending in `/services`. */
  endpoint?: string;
  /** The RA/admin certificate (PEM) presented for TLS client authentication. */
  clientCertificate: string;
  /** Its private key (PEM). */
  clientKey: string;
  /** Extra CA certificates (PEM) to trust for the server, e.g. the sandbox CA. */
  caCertificate?: string;
  timeoutMs?: number;
  maxRetries?: number;
  backoffMs?: number;
  sleep?: Sleep;
}

/** Certificate product types VICE2 accepts. */
export const SYMANTEC_PRODUCT_TYPES = [
  "Server",
  "GlobalServer",
  "HAServer",
  "HAGlobalServer",
  "IntranetServer",
  "IntranetGlobalServer",
  "PrivateServer",
  "GeotrustServer",
  "CodeSigning",
  "JavaCodeSigning",
  "EVCodeSigning",
  "OFXServer",
] as const;

/** Signature algorithms VICE2 documents. */
export const SYMANTEC_SIGNATURE_ALGORITHMS = [
  "sha256WithRSAEncryption",
  "sha256WithRSAEncryptionFull",
  "sha1WithRSAEncryption",
  "ECDSAwithSHA256",
  "ECDSAwithSHA384",
  "ECDSAwithSHA256Full",
] as const;

/** A renewal request; field names follow the vendor's form fields, camelCased. */
export interface SymantecRenewRequest {
  firstName: string;
  lastName: string;
  /** One address or a comma-separated list (≤ 240 characters). */
  email: string;
  /** Base64 PKCS#10, PEM header lines optional. */
  csr: string;
  certProductType: string;
  serverType: string;
  /** "1Y" | "2Y" | "3Y". */
  validityPeriod: string;
  /** MM/DD/YYYY. */
  specificEndDate?: string;
  /** PEM or base64 of the certificate being renewed. */
  originalCertificate?: string;
  /** Transaction id of the certificate being renewed (≤ 32). */
  originalTransactionId?: string;
  originalChallenge: string;
  challenge: string;
  subjectAlternativeNames?: string[];
  signatureAlgorithm?: string;
  ctLogOption?: "public" | "nolog";
}

/** What a successful renew or pickup returns. */
export interface SymantecResult {
  statusCode: string;
  message: string;
  /** The new transaction id (renew). */
  transactionId?: string;
  /** The issued certificate, PEM, when the answer carries one (the leaf of a PKCS#7 bundle). */
  certificatePem?: string;
  /** The rest of a PKCS#7 bundle (serverType Microsoft), PEM, issuer after issuer. */
  chainPem?: string;
  /** Set when `<Certificate>` was a PKCS#7 bundle. */
  certificateFormat?: "pkcs7";
  /**
   * True for a documented "Pending" code (0xa00e: too few tokens, 0x8134: CAA check failed): the
   * vendor holds the renewal, it is not refused; follow it with pickup.
   */
  pending?: boolean;
}
