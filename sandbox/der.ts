/**
 * Just enough DER to write X.509 certificates: the sandbox signs synchronously with node's
 * `crypto.sign`, so issuing a certificate is a fraction of a millisecond and the whole emulator
 * state can change atomically (no await between a job finishing and its certificate appearing).
 */

/** One encoded element. */
export type Der = Buffer;

function length(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

/** Tag-length-value. */
export function tlv(tag: number, content: Buffer): Der {
  return Buffer.concat([Buffer.from([tag]), length(content.length), content]);
}

/** SEQUENCE of the given elements. */
export function sequence(...items: Der[]): Der {
  return tlv(0x30, Buffer.concat(items));
}

/** SET of the given elements. */
export function set(...items: Der[]): Der {
  return tlv(0x31, Buffer.concat(items));
}

/** A context-specific constructed (EXPLICIT) tag, e.g. `[0]` version, `[3]` extensions. */
export function explicit(tagNumber: number, inner: Der): Der {
  return tlv(0xa0 | tagNumber, inner);
}

/** INTEGER from unsigned big-endian bytes (a leading zero keeps it positive). */
export function integer(bytes: Buffer): Der {
  let b = bytes;
  while (b.length > 1 && b[0] === 0 && b[1] < 0x80) b = b.subarray(1);
  return tlv(0x02, b[0] >= 0x80 ? Buffer.concat([Buffer.from([0]), b]) : b);
}

/** A small non-negative INTEGER. */
export function smallInteger(n: number): Der {
  return integer(Buffer.from([n]));
}

/** OBJECT IDENTIFIER from dotted form. */
export function oid(dotted: string): Der {
  const [a, b, ...rest] = dotted.split(".").map(Number);
  const bytes = [a * 40 + b];
  for (const arc of rest) {
    const chunk: number[] = [arc & 0x7f];
    for (let v = Math.floor(arc / 128); v > 0; v = Math.floor(v / 128)) chunk.unshift((v & 0x7f) | 0x80);
    bytes.push(...chunk);
  }
  return tlv(0x06, Buffer.from(bytes));
}

/** BOOLEAN. */
export function boolean(value: boolean): Der {
  return tlv(0x01, Buffer.from([value ? 0xff : 0]));
}

/** OCTET STRING. */
export function octetString(content: Buffer): Der {
  return tlv(0x04, content);
}

/** BIT STRING with `unusedBits` padding bits in the last byte. */
export function bitString(content: Buffer, unusedBits = 0): Der {
  return tlv(0x03, Buffer.concat([Buffer.from([unusedBits]), content]));
}

/** UTF8String. */
export function utf8String(text: string): Der {
  return tlv(0x0c, Buffer.from(text, "utf8"));
}

/** X.509 Time: UTCTime for 1950–2049, GeneralizedTime otherwise (RFC 5280 §4.1.2.5). */
export function time(ms: number): Der {
  const iso = new Date(Math.floor(ms / 1000) * 1000).toISOString(); // YYYY-MM-DDTHH:MM:SS.000Z
  const digits = iso.slice(0, 19).replace(/[-T:]/g, "");
  const year = Number(iso.slice(0, 4));
  if (year >= 1950 && year <= 2049) return tlv(0x17, Buffer.from(`${digits.slice(2)}Z`, "ascii"));
  return tlv(0x18, Buffer.from(`${digits}Z`, "ascii"));
}

/** A Name holding only a common name. */
export function commonNameOnly(commonName: string): Der {
  return sequence(set(sequence(oid("2.5.4.3"), utf8String(commonName))));
}

/** One Extension. */
export function extension(id: string, critical: boolean, value: Der): Der {
  return critical
    ? sequence(oid(id), boolean(true), octetString(value))
    : sequence(oid(id), octetString(value));
}

/** GeneralName dNSName ([2] IA5String) or iPAddress ([7] octets) for a subjectAltName. */
export function generalName(name: string): Der {
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(name);
  if (v4) return tlv(0x87, Buffer.from(v4.slice(1).map(Number)));
  return tlv(0x82, Buffer.from(name, "ascii"));
}
