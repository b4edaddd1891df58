/**
 * Failing without losing state: the engine-facing contract of a partial failure, and the two ways
 * the lifecycle uses it.
 */
import type { CertificateState, ProviderOutputs } from "./inputs";
import type { RenewalStep } from "./renewalStep";
import { finalized, toOutputs } from "./state";

/**
 * An error the dynamic-provider host turns into a partial failure: the engine stores
 * `properties` as the resource's state, so an accepted job id is never lost. The host recognises
 * it by shape alone (`{id, properties, reasons}`, `grpcResponseFromError` in @pulumi/pulumi's
 * cmd/dynamic-provider), so these three names are the contract.
 */
export class PartialFailure extends Error {
  constructor(
    message: string,
    readonly id: string,
    readonly properties: ProviderOutputs,
    readonly reasons: string[] = [message],
  ) {
    super(message);
    this.name = "PartialFailure";
  }
}

/** Fails with the given state attached (see {@link PartialFailure}). */
export function failWithState(step: RenewalStep, state: CertificateState, message: string): never {
  const outputs = toOutputs(finalized(state, undefined, state.renewalReason));
  const properties: ProviderOutputs =
    step.providerRef === undefined ? outputs : { ...outputs, __provider: step.providerRef };
  throw new PartialFailure(message, step.id, properties);
}

/**
 * Runs a vendor lookup. When it fails, the step fails with `state` kept (its `lastError` set) and
 * the message `describe` makes of the error's, so whatever state already holds is never lost.
 */
export async function lookupOrFail<T>(
  step: RenewalStep,
  state: CertificateState,
  lookup: () => Promise<T>,
  describe: (error: string) => string,
): Promise<T> {
  try {
    return await lookup();
  } catch (e) {
    const error = (e as Error).message;
    failWithState(step, { ...state, lastError: error }, describe(error));
  }
}
