/**
 * Reads the `<Certificate>` of a VICE2 answer. It is usually one X.509 certificate in PEM, but for
 * serverType Microsoft (and in DigiCert's own approve sample) it is a PKCS#7 SignedData bundle —
 * BER, often indefinite-length — inside `BEGIN CERTIFICATE` armour. Such a bundle is split into
 * the leaf and its chain, both PEM, with @peculiar/x509 (loaded on first use, as provider/pem.ts does).
 */
import { DecodeError } from "../common/errors";

/** The certificate of an answer, as PEM. */
export interface Vice2Certificate {
  /** The issued (leaf) certificate, one PEM block. */
  certificatePem: string;
  /** The other certificates of a PKCS#7 bundle, issuer after issuer from the leaf's, PEM. */
  chainPem?: string;
  /** What the vendor sent; "unreadable" when it parses as neither (kept as sent). */
  format: "x509" | "pkcs7" | "unreadable";
}

type X509Module = typeof import("@peculiar/x509");

function x509Module(): X509Module {
  // @peculiar/x509 needs the Reflect metadata polyfill loaded first.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require("reflect-metadata");
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require("@peculiar/x509") as X509Module;
}

function derOf(text: string): Uint8Array<ArrayBuffer> {
  return new Uint8Array(
    Buffer.from(text.replace(/-----(BEGIN|END)[^-]*-----/g, "").replace(/\s+/g, ""), "base64"),
  );
}

/** The leaf first, then each issuer found in the bundle; certificates not on that path follow. */
function orderedChain(certs: InstanceType<X509Module["X509Certificate"]>[]) {
  const issuers = new Set(certs.map((c) => c.issuer));
  // The leaf issues nothing in the bundle; a self-signed root issues itself only.
  const leaf =
    certs.find((c) => !certs.some((other) => other !== c && other.issuer === c.subject)) ?? certs[0];
  const ordered = [leaf];
  let current = leaf;
  while (current.issuer !== current.subject && issuers.size) {
    const next = certs.find((c) => !ordered.includes(c) && c.subject === current.issuer);
    if (!next) break;
    ordered.push(next);
    current = next;
  }
  return [...ordered, ...certs.filter((c) => !ordered.includes(c))];
}

/**
 * Reads `<Certificate>` text: a PEM certificate is returned as it is; a PKCS#7 bundle becomes
 * leaf + chain. Throws a DecodeError for a PKCS#7 bundle without certificates.
 */
export function readVice2Certificate(pem: string, operation: string, rawBody: string): Vice2Certificate {
  const blocks = pem.match(/-----BEGIN [A-Z0-9 ]+-----[\s\S]*?-----END [A-Z0-9 ]+-----/g) ?? [pem];
  const x509 = x509Module();
  try {
    new x509.X509Certificate(derOf(blocks[0]));
    return { certificatePem: pem, format: "x509" };
  } catch {
    // Not one certificate: a PKCS#7 bundle, tried next.
  }
  let certs: InstanceType<X509Module["X509Certificate"]>[];
  try {
    certs = [...new x509.X509Certificates(derOf(blocks[0]))];
  } catch {
    // Neither: handed on as sent (its expiry then stays unknown, as for any unreadable PEM).
    return { certificatePem: pem, format: "unreadable" };
  }
  if (certs.length === 0) {
    throw new DecodeError(
      `Symantec/DigiCert answered ${operation} with a PKCS#7 <Certificate> that holds no certificate`,
      { vendor: "symantec", operation, rawBody },
    );
  }
  const [leaf, ...chain] = orderedChain(certs).map((c) => `${c.toString("pem").trim()}\n`);
  return { certificatePem: leaf, chainPem: chain.length ? chain.join("") : undefined, format: "pkcs7" };
}
