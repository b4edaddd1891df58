/* eslint-disable @typescript-eslint/no-require-imports -- `export =` modules are imported with `import … = require(…)`. */
/**
 * `RenewedCertificateProvider`: the provider's methods as a class, for driving the lifecycle
 * directly (tests, tools). What Pulumi serializes into state is ./serializedProvider (the module
 * itself, so that it serializes as a `require` of this package); the class forwards to it.
 */
import type * as pulumi from "@pulumi/pulumi";
import serializedProvider = require("./serializedProvider");

/** Property bags as the dynamic-provider host hands them over. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Props = Record<string, any>;

/** The dynamic provider of {@link RenewedCertificate}; construct it directly to drive the lifecycle in tests. */
export class RenewedCertificateProvider implements pulumi.dynamic.ResourceProvider {
  /** Remembers credentials set as stack config (`pulumi-nodejs:autodnsPassword`, …). */
  configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> {
    return serializedProvider.configure(req);
  }

  /** Validates inputs without the network: one failure per bad property. */
  check(olds: Props, news: Props): Promise<pulumi.dynamic.CheckResult> {
    return serializedProvider.check(olds, news);
  }

  /** Decides from state and the clock whether a renewal is due. */
  diff(id: string, olds: Props, news: Props): Promise<pulumi.dynamic.DiffResult> {
    return serializedProvider.diff(id, olds, news);
  }

  /** Adopts the certificate; renews only when already due. */
  create(inputs: Props): Promise<pulumi.dynamic.CreateResult> {
    return serializedProvider.create(inputs);
  }

  /** Refreshes expiry and renewal state. */
  read(id: string, props?: Props): Promise<pulumi.dynamic.ReadResult> {
    return serializedProvider.read(id, props);
  }

  /** Renews at most once, or follows the pending renewal. */
  update(id: string, olds: Props, news: Props): Promise<pulumi.dynamic.UpdateResult> {
    return serializedProvider.update(id, olds, news);
  }

  /** Forgets the resource; never revokes or cancels anything. */
  async delete(): Promise<void> {
    return;
  }
}
