/**
 * `RenewedCertificateProvider`: the lifecycle as a class, for driving it in-process (tests,
 * tools). It calls ./lifecycle directly, so whoever drives it runs the source they are editing,
 * not the last build. It is not what Pulumi serializes into state: that is ./serializedProvider,
 * the only module that reaches the lifecycle by its package path.
 */
import type * as pulumi from "@pulumi/pulumi";
import * as lifecycle from "./lifecycle";

/** Property bags as the dynamic-provider host hands them over. */
type Props = Record<string, unknown>;

/** The dynamic provider of {@link RenewedCertificate}; construct it directly to drive the lifecycle in tests. */
export class RenewedCertificateProvider implements pulumi.dynamic.ResourceProvider {
  /** Remembers credentials set as stack config (`pulumi-nodejs:autodnsPassword`, …). */
  async configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> {
    await lifecycle.configure((key) => req.config.get(key));
  }

  /** Validates inputs without the network: one failure per bad property. */
  check(olds: Props, news: Props): Promise<pulumi.dynamic.CheckResult> {
    return lifecycle.check(olds, news);
  }

  /** Decides from state and the clock whether a renewal is due. */
  diff(id: string, olds: Props, news: Props): Promise<pulumi.dynamic.DiffResult> {
    return lifecycle.diff(id, olds, news);
  }

  /** Adopts the certificate; renews only when already due. */
  create(inputs: Props): Promise<pulumi.dynamic.CreateResult> {
    return lifecycle.create(inputs);
  }

  /** Refreshes expiry and renewal state. */
  read(id: string, props?: Props): Promise<pulumi.dynamic.ReadResult> {
    return lifecycle.read(id, props ?? {});
  }

  /** Renews at most once, or follows the pending renewal. */
  update(id: string, olds: Props, news: Props): Promise<pulumi.dynamic.UpdateResult> {
    return lifecycle.update(id, olds, news);
  }

  /** Forgets the resource; never revokes or cancels anything. */
  async delete(): Promise<void> {
    return;
  }
}
