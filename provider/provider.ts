/* eslint-disable @typescript-eslint/no-require-imports -- requiring by package path inside each method keeps the serialized provider small and free of captured code. */
/**
 * `RenewedCertificateProvider`, the object Pulumi serializes into every resource's state.
 * Each method only `require`s the lifecycle module by its package path and forwards: nothing is
 * captured by value, so the serialized provider stays about 1 KB and holds no credentials.
 */
import type * as pulumi from "@pulumi/pulumi";
import type * as Lifecycle from "./lifecycle";

/** Property bags as the dynamic-provider host hands them over. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Props = Record<string, any>;

/** The dynamic provider of {@link RenewedCertificate}; construct it directly to drive the lifecycle in tests. */
export class RenewedCertificateProvider implements pulumi.dynamic.ResourceProvider {
  /** Remembers credentials set as stack config (`pulumi-nodejs:autodnsPassword`, …). */
  async configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> {
    const lc: typeof Lifecycle = require("pulumi-renewed-certificate/dist/provider/lifecycle.js");
    await lc.configure((key) => req.config.get(key));
  }

  /** Validates inputs without the network: one failure per bad property. */
  async check(_olds: Props, news: Props): Promise<pulumi.dynamic.CheckResult> {
    const lc: typeof Lifecycle = require("pulumi-renewed-certificate/dist/provider/lifecycle.js");
    return lc.check(news);
  }

  /** Decides from state and the clock whether a renewal is due. */
  async diff(id: string, olds: Props, news: Props): Promise<pulumi.dynamic.DiffResult> {
    const lc: typeof Lifecycle = require("pulumi-renewed-certificate/dist/provider/lifecycle.js");
    return lc.diff(id, olds, news);
  }

  /** Adopts the certificate; renews only when already due. */
  async create(inputs: Props): Promise<pulumi.dynamic.CreateResult> {
    const lc: typeof Lifecycle = require("pulumi-renewed-certificate/dist/provider/lifecycle.js");
    return lc.create(inputs);
  }

  /** Refreshes expiry and renewal state. */
  async read(id: string, props?: Props): Promise<pulumi.dynamic.ReadResult> {
    const lc: typeof Lifecycle = require("pulumi-renewed-certificate/dist/provider/lifecycle.js");
    return lc.read(id, props ?? {});
  }

  /** Renews at most once, or follows the pending renewal. */
  async update(id: string, olds: Props, news: Props): Promise<pulumi.dynamic.UpdateResult> {
    const lc: typeof Lifecycle = require("pulumi-renewed-certificate/dist/provider/lifecycle.js");
    return lc.update(id, olds, news);
  }

  /** Forgets the resource; never revokes or cancels anything. */
  async delete(): Promise<void> {
    return;
  }
}
