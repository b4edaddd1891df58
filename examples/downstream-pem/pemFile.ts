/**
 * A tiny downstream resource: writes a PEM certificate to a file and rewrites it whenever the PEM
 * changes — that is, after each renewal. It stands in for whatever consumes the certificate (a
 * load balancer listener, a Kubernetes TLS secret, a key vault entry) without pulling in a cloud
 * provider package: replace it with that resource and pass it the same `pem`.
 *
 * Like every dynamic provider, the functions below are serialized into the stack's state and run
 * in the provider process, so they `require` what they use instead of capturing it.
 */
import * as pulumi from "@pulumi/pulumi";

/** Inputs of a {@link PemFile}. */
export interface PemFileArgs {
  /** Absolute path of the file to write. */
  path: pulumi.Input<string>;
  /** The certificate (PEM). */
  pem: pulumi.Input<string>;
}

interface PemFileProps {
  path: string;
  pem: string;
}

/** Writes the file and describes what was written. */
function writePem(props: PemFileProps): Record<string, string> {
  /* eslint-disable @typescript-eslint/no-require-imports -- runs in the provider process */
  const fs = require("node:fs") as typeof import("node:fs");
  const crypto = require("node:crypto") as typeof import("node:crypto");
  /* eslint-enable @typescript-eslint/no-require-imports */
  if (!props.pem || !props.pem.includes("-----BEGIN CERTIFICATE-----")) {
    throw new Error(`PemFile ${props.path}: no certificate to write (the vendor returned no PEM yet)`);
  }
  const cert = new crypto.X509Certificate(props.pem);
  fs.writeFileSync(props.path, props.pem.endsWith("\n") ? props.pem : `${props.pem}\n`, { mode: 0o644 });
  return {
    path: props.path,
    pem: props.pem,
    sha256: crypto.createHash("sha256").update(props.pem).digest("hex"),
    notAfter: new Date(cert.validTo).toISOString(),
    subject: cert.subject,
  };
}

const pemFileProvider: pulumi.dynamic.ResourceProvider = {
  async create(inputs: PemFileProps) {
    return { id: inputs.path, outs: writePem(inputs) };
  },
  async diff(_id: string, olds: PemFileProps, news: PemFileProps) {
    const moved = olds.path !== news.path;
    return { changes: moved || olds.pem !== news.pem, replaces: moved ? ["path"] : [] };
  },
  async update(_id: string, _olds: PemFileProps, news: PemFileProps) {
    return { outs: writePem(news) };
  },
  async delete(_id: string, props: PemFileProps) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    (require("node:fs") as typeof import("node:fs")).rmSync(props.path, { force: true });
  },
};

/** A file holding a certificate (PEM), rewritten whenever the certificate changes. */
export class PemFile extends pulumi.dynamic.Resource {
  declare readonly path: pulumi.Output<string>;
  declare readonly pem: pulumi.Output<string>;
  /** SHA-256 of the PEM written. */
  declare readonly sha256: pulumi.Output<string>;
  /** Expiry of the certificate written (ISO-8601). */
  declare readonly notAfter: pulumi.Output<string>;
  /** Subject of the certificate written. */
  declare readonly subject: pulumi.Output<string>;

  constructor(name: string, args: PemFileArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      pemFileProvider,
      name,
      { sha256: undefined, notAfter: undefined, subject: undefined, ...args },
      opts,
      "pem-file",
      "PemFile",
    );
  }
}
