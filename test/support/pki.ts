/** Real PKCS#10 requests and certificates for tests, made with @peculiar/x509 over node's WebCrypto. */
import "reflect-metadata";
import * as x509 from "@peculiar/x509";
import { webcrypto } from "node:crypto";

x509.cryptoProvider.set(webcrypto as unknown as Crypto);
const alg = { name: "ECDSA", namedCurve: "P-256", hash: "SHA-256" };

/** A PEM certificate request for `cn`. */
export async function makeCsr(cn = "example.com"): Promise<string> {
  const keys = await webcrypto.subtle.generateKey(alg, true, ["sign", "verify"]);
  const csr = await x509.Pkcs10CertificateRequestGenerator.create({
    name: `CN=${cn}`,
    keys: keys as unknown as CryptoKeyPair,
    signingAlgorithm: alg,
  });
  return csr.toString("pem");
}

/** A self-signed PEM certificate for `cn` valid until `notAfter`. */
export async function makeCertificate(cn: string, notAfter: Date): Promise<string> {
  const keys = await webcrypto.subtle.generateKey(alg, true, ["sign", "verify"]);
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: "01",
    name: `CN=${cn}`,
    notBefore: new Date(notAfter.getTime() - 365 * 86_400_000),
    notAfter,
    keys: keys as unknown as CryptoKeyPair,
    signingAlgorithm: alg,
  });
  return cert.toString("pem");
}
