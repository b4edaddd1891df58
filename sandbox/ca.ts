/**
 * The sandbox CA: an ECDSA P-256 root that issues the seeded and renewed certificates, the HTTPS
 * server's certificate and the Symantec TLS client certificates. Certificates are real X.509,
 * written with der.ts and signed synchronously (`crypto.sign`), so seeding thousands is cheap and
 * a job's completion and its new certificate happen in one step. CSRs are read with @peculiar/x509.
 */
// @peculiar/x509 (through tsyringe) needs the Reflect metadata polyfill loaded before it.
import "reflect-metadata";
import {
  KeyObject,
  X509Certificate as NodeX509,
  createHash,
  createPublicKey,
  generateKeyPairSync,
  randomBytes,
  sign,
  webcrypto,
} from "node:crypto";
import * as x509 from "@peculiar/x509";
import * as der from "./der";

const ECDSA_WITH_SHA256 = der.sequence(der.oid("1.2.840.10045.4.3.2"));
const EKU = { serverAuth: "1.3.6.1.5.5.7.3.1", clientAuth: "1.3.6.1.5.5.7.3.2" } as const;
/** Real-time validity of the TLS certificates (the sandbox clock does not apply to TLS). */
const TLS_VALIDITY_MS = 5 * 365 * 86_400_000;

/** A certificate and its private key, both PEM. */
export interface IssuedPair {
  certificate: string;
  key: string;
}

/** What a leaf certificate says. */
export interface LeafSpec {
  commonName: string;
  subjectAlternativeNames?: string[];
  notBefore: Date;
  notAfter: Date;
  /** The subscriber key as SPKI DER (from a CSR); the sandbox's shared subscriber key when absent. */
  publicKey?: Buffer;
}

/** Facts read from a CSR. */
export interface ParsedCsr {
  commonName?: string;
  /** SubjectPublicKeyInfo, DER. */
  publicKey: Buffer;
}

function toPem(body: Buffer, label: string): string {
  const lines = body.toString("base64").match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join("\n")}\n-----END ${label}-----\n`;
}

function spki(key: KeyObject): Buffer {
  return key.export({ type: "spki", format: "der" });
}

/** SHA-1 of the subjectPublicKey bits, the usual key identifier (RFC 5280 §4.2.1.2 method 1). */
function keyIdentifier(spkiDer: Buffer): Buffer {
  const key = createPublicKey({ key: spkiDer, format: "der", type: "spki" });
  const jwk = key.export({ format: "jwk" });
  const point =
    jwk.x && jwk.y
      ? Buffer.concat([Buffer.from([4]), Buffer.from(jwk.x, "base64url"), Buffer.from(jwk.y, "base64url")])
      : spkiDer;
  return createHash("sha1").update(point).digest();
}

function serialNumber(): Buffer {
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0] & 0x7f) | 0x10; // positive, 16 bytes
  return bytes;
}

/** Removes PEM armour and whitespace; VICE2 and ResellerClub accept bare base64 too. */
export function pemBody(text: string): string {
  return text.replace(/-----(BEGIN|END)[^-]*-----/g, "").replace(/\s+/g, "");
}

/** Parses a PKCS#10 request given as PEM (any `BEGIN … REQUEST` header) or bare base64; throws otherwise. */
export function parseCsr(text: string): ParsedCsr {
  const body = pemBody(text);
  if (!/^[A-Za-z0-9+/]+=*$/.test(body) || body.length < 64) throw new Error("not base64 PKCS#10");
  const csr = new x509.Pkcs10CertificateRequest(Buffer.from(body, "base64"));
  return { commonName: csr.subjectName.getField("CN")[0], publicKey: Buffer.from(csr.publicKey.rawData) };
}

/** Creates a CSR (PEM) for `commonName` with a fresh P-256 key; for tests and demos. */
export async function createCsr(commonName: string, subjectAlternativeNames: string[] = []): Promise<string> {
  const crypto = webcrypto as unknown as Crypto;
  const keys = (await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, true, [
    "sign",
    "verify",
  ])) as CryptoKeyPair;
  const names = [commonName, ...subjectAlternativeNames].map((value) => ({ type: "dns" as const, value }));
  const csr = await x509.Pkcs10CertificateRequestGenerator.create(
    {
      name: [{ CN: [commonName] }],
      keys,
      signingAlgorithm: { name: "ECDSA", hash: "SHA-256" },
      extensions: [new x509.SubjectAlternativeNameExtension(names)],
    },
    crypto,
  );
  return csr.toString("pem");
}

/** Reads notBefore/notAfter, subject CN and the SHA-256 fingerprint of a PEM certificate. */
export function certificateFacts(pem: string): {
  notBefore: Date;
  notAfter: Date;
  fingerprint256: string;
  subject: string;
} {
  const cert = new NodeX509(pem);
  return {
    notBefore: new Date(cert.validFrom),
    notAfter: new Date(cert.validTo),
    fingerprint256: cert.fingerprint256,
    subject: cert.subject,
  };
}

/** See the module comment. */
export class SandboxCa {
  private readonly key: KeyObject;
  private readonly name = der.commonNameOnly("Pulumi Renewed Certificate Sandbox CA");
  private readonly keyId: Buffer;
  private readonly subscriberKey: Buffer;
  /** The root certificate (PEM). */
  readonly certificatePem: string;

  constructor() {
    const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
    this.key = privateKey;
    this.keyId = keyIdentifier(spki(publicKey));
    this.subscriberKey = spki(generateKeyPairSync("ec", { namedCurve: "P-256" }).publicKey);
    // Wide validity: issued certificates follow the sandbox clock, which tests move freely.
    this.certificatePem = this.sign(
      this.name,
      spki(publicKey),
      Date.UTC(2000, 0, 1),
      Date.UTC(2099, 11, 31, 23, 59, 59),
      [
        der.extension("2.5.29.19", true, der.sequence(der.boolean(true), der.smallInteger(0))),
        der.extension("2.5.29.15", true, der.bitString(Buffer.from([0x06]), 1)), // keyCertSign, cRLSign
        der.extension("2.5.29.14", false, der.octetString(this.keyId)),
      ],
    );
  }

  /** Issues a server-auth leaf for a seeded or renewed certificate (PEM). */
  issueLeaf(spec: LeafSpec): string {
    const names = [spec.commonName, ...(spec.subjectAlternativeNames ?? [])].filter(
      (n, i, all) => all.indexOf(n) === i,
    );
    return this.sign(
      der.commonNameOnly(spec.commonName),
      spec.publicKey ?? this.subscriberKey,
      spec.notBefore.getTime(),
      spec.notAfter.getTime(),
      [
        this.leafConstraints(),
        der.extension("2.5.29.17", false, der.sequence(...names.map(der.generalName))),
        der.extension("2.5.29.37", false, der.sequence(der.oid(EKU.serverAuth))),
      ],
    );
  }

  /** The HTTPS server's certificate for 127.0.0.1/localhost, valid in real time. */
  issueServerTls(): IssuedPair {
    return this.issueWithKey("127.0.0.1", [
      der.extension(
        "2.5.29.17",
        false,
        der.sequence(der.generalName("127.0.0.1"), der.generalName("localhost")),
      ),
      der.extension("2.5.29.37", false, der.sequence(der.oid(EKU.serverAuth))),
    ]);
  }

  /** A TLS client certificate (the RA/admin certificate VICE2 authenticates), valid in real time. */
  issueClient(commonName: string): IssuedPair {
    return this.issueWithKey(commonName, [
      der.extension("2.5.29.15", true, der.bitString(Buffer.from([0x80]), 7)), // digitalSignature
      der.extension("2.5.29.37", false, der.sequence(der.oid(EKU.clientAuth))),
    ]);
  }

  private issueWithKey(commonName: string, extensions: der.Der[]): IssuedPair {
    const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
    const now = Date.now();
    const certificate = this.sign(
      der.commonNameOnly(commonName),
      spki(publicKey),
      now - 86_400_000,
      now + TLS_VALIDITY_MS,
      [this.leafConstraints(), ...extensions],
    );
    return { certificate, key: privateKey.export({ type: "pkcs8", format: "pem" }).toString() };
  }

  private leafConstraints(): der.Der {
    return der.extension("2.5.29.19", true, der.sequence());
  }

  private sign(
    subject: der.Der,
    subjectKey: Buffer,
    notBefore: number,
    notAfter: number,
    extensions: der.Der[],
  ): string {
    const withAuthority =
      subject === this.name
        ? extensions
        : [...extensions, der.extension("2.5.29.35", false, der.sequence(der.tlv(0x80, this.keyId)))];
    const tbs = der.sequence(
      der.explicit(0, der.smallInteger(2)),
      der.integer(serialNumber()),
      ECDSA_WITH_SHA256,
      this.name,
      der.sequence(der.time(notBefore), der.time(notAfter)),
      subject,
      subjectKey,
      der.explicit(3, der.sequence(...withAuthority)),
    );
    const signature = sign("sha256", tbs, this.key);
    return toPem(der.sequence(tbs, ECDSA_WITH_SHA256, der.bitString(signature)), "CERTIFICATE");
  }
}
