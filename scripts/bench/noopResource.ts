/**
 * The floor of the mechanism: a dynamic resource whose provider does nothing. `check` echoes the
 * inputs, `diff` reports no changes, `create`/`update` echo, `read` returns the state unchanged.
 * Whatever a preview, refresh or up of N of these costs is the engine's and the dynamic-provider
 * host's share; RenewedCertificate is measured against it.
 */
import * as pulumi from "@pulumi/pulumi";

/** Captures nothing, so its serialized form is the smallest a dynamic provider gets. */
const noopProvider: pulumi.dynamic.ResourceProvider = {
  async check(_olds, news) {
    return { inputs: news };
  },
  async diff() {
    return { changes: false };
  },
  async create(inputs) {
    return { id: String(inputs.key), outs: inputs };
  },
  async read(id, props) {
    return { id, props };
  },
  async update(_id, _olds, news) {
    return { outs: news };
  },
  async delete() {
    return;
  },
};

/** Inputs of a {@link NoopResource}: `key` becomes the id; anything else is echoed. */
export type NoopArgs = { key: string } & Record<string, unknown>;

/**
 * A no-op dynamic resource (type `pulumi-nodejs:dynamic/bench:Noop`). With just a `key` it is the
 * trivial floor; given a RenewedCertificate's props (its args plus the output placeholders) it is
 * the floor for a resource of that shape and size.
 */
export class NoopResource extends pulumi.dynamic.Resource {
  constructor(name: string, args: NoopArgs, opts?: pulumi.CustomResourceOptions) {
    super(noopProvider, name, { ...args }, opts, "bench", "Noop");
  }
}

/** The type token of {@link NoopResource}. */
export const NOOP_TYPE = "pulumi-nodejs:dynamic/bench:Noop";
