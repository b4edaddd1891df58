/**
 * `RenewedCertificateProvider`: the lifecycle as a class, for driving it in-process (tests,
 * tools). It calls ./lifecycle directly, so whoever drives it runs the source they are editing,
 * not the last build. It is not what Pulumi serializes into state: that is ./serializedProvider,
 * the only module that reaches the lifecycle by its package path.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { ProviderInputs, ProviderOutputs } from "./inputs";
import * as lifecycle from "./lifecycle";

/** The dynamic provider of {@link RenewedCertificate}; construct it directly to drive the lifecycle in tests. */
export class RenewedCertificateProvider implements pulumi.dynamic.ResourceProvider<
  ProviderInputs,
  ProviderOutputs
> {
  /** Remembers credentials set as stack config (`pulumi-nodejs:autodnsPassword`, …). */
  async configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> {
    await lifecycle.configure((key) => req.config.get(key));
  }

  /** Validates inputs without the network: one failure per bad property. */
  check(
    olds: ProviderInputs,
    news: ProviderInputs,
  ): Promise<Required<pulumi.dynamic.CheckResult<ProviderInputs>>> {
    return lifecycle.check(olds, news);
  }

  /** Decides from state and the clock whether a renewal is due. */
  diff(id: string, olds: ProviderOutputs, news: ProviderInputs): Promise<pulumi.dynamic.DiffResult> {
    return lifecycle.diff(id, olds, news);
  }

  /** Adopts the certificate; renews only when already due. */
  create(inputs: ProviderInputs): Promise<Required<pulumi.dynamic.CreateResult<ProviderOutputs>>> {
    return lifecycle.create(inputs);
  }

  /** Refreshes expiry and renewal state. */
  read(id: string, props?: ProviderOutputs): Promise<pulumi.dynamic.ReadResult<ProviderOutputs>> {
    return lifecycle.read(id, props);
  }

  /** Renews at most once, or follows the pending renewal. */
  update(
    id: string,
    olds: ProviderOutputs,
    news: ProviderInputs,
  ): Promise<Required<pulumi.dynamic.UpdateResult<ProviderOutputs>>> {
    return lifecycle.update(id, olds, news);
  }

  /** Forgets the resource; never revokes or cancels anything. */
  async delete(): Promise<void> {
    return;
  }
}
