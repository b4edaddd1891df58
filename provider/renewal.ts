/**
 * Submitting one renewal and following it. The exactly-once rules live here: look for a renewal
 * already pending at the vendor first; record the job id the moment the vendor accepts it; if
 * anything fails after that, fail with the accepted state attached so the engine keeps it.
 */
import { ConnectionError } from "../sdk/common/errors";
import { realSleep, Sleep } from "../sdk/common/rateLimiter";
import { RenewalProgress, VendorBackend } from "./backends/backend";
import { CertificateInputs, CertificateState } from "./inputs";
import { finalized, toOutputs, withProgress } from "./state";

/**
 * An error the dynamic-provider host turns into a partial failure: the engine stores
 * `properties` as the resource's state, so an accepted job id is never lost.
 */
export class PartialFailure extends Error {
  constructor(
    message: string,
    readonly id: string,
    readonly properties: Record<string, unknown>,
    readonly reasons: string[] = [message],
  ) {
    super(message);
    this.name = "PartialFailure";
  }
}

/** First poll after 1 s, doubling up to 15 s: a bounded number of requests per wait. */
export function pollDelays(timeoutSeconds: number): number[] {
  const delays: number[] = [];
  let total = 0;
  for (let d = 1; total + d <= timeoutSeconds; d = Math.min(15, d * 2)) {
    delays.push(d * 1000);
    total += d;
  }
  if (total < timeoutSeconds) delays.push((timeoutSeconds - total) * 1000);
  return delays;
}

/** What a renewal step needs. */
export interface RenewalStep {
  id: string;
  inputs: CertificateInputs;
  backend: VendorBackend;
  now: Date;
  /** The engine's `__provider` value, carried into partial-failure state so later reads work. */
  providerRef: unknown;
  sleep?: Sleep;
}

/** Fails with the given state attached (see {@link PartialFailure}). */
export function failWithState(step: RenewalStep, state: CertificateState, message: string): never {
  const properties = toOutputs(finalized(state, undefined, state.renewalReason));
  if (step.providerRef !== undefined) properties.__provider = step.providerRef;
  throw new PartialFailure(message, step.id, properties);
}

/** Polls a pending renewal until it ends or `waitTimeoutSeconds` pass. Errors keep the state. */
export async function waitForRenewal(step: RenewalStep, state: CertificateState): Promise<CertificateState> {
  const sleep = step.sleep ?? realSleep;
  let current = state;
  for (const delay of pollDelays(step.inputs.waitTimeoutSeconds ?? 0)) {
    if (current.renewalStatus !== "pending") break;
    await sleep(delay);
    current = await pollOnce(step, current);
  }
  return current;
}

/** One poll of a pending renewal; a failure to poll keeps the job id in state. */
export async function pollOnce(step: RenewalStep, state: CertificateState): Promise<CertificateState> {
  let progress: RenewalProgress;
  try {
    progress = await step.backend.poll(
      { jobId: state.jobId, transactionId: state.transactionId },
      String(step.inputs.certificateId),
      state.renewedForNotAfter ?? state.notAfter,
    );
  } catch (e) {
    const ref = state.jobId ?? state.transactionId;
    failWithState(
      step,
      { ...state, lastError: (e as Error).message },
      `renewal ${ref} of ${step.id} was accepted but could not be followed: ${(e as Error).message}. ` +
        `Its id is kept in state; the next pulumi up or refresh follows it again`,
    );
  }
  return withProgress(state, progress, step.now);
}

/**
 * Renews once: adopts a renewal already pending at the vendor instead of submitting another,
 * records acceptance immediately, then waits up to `waitTimeoutSeconds`.
 */
export async function renewOnce(
  step: RenewalStep,
  state: CertificateState,
  reason: string,
): Promise<CertificateState> {
  const certificateId = String(step.inputs.certificateId);
  let pending: RenewalProgress | undefined;
  try {
    pending = await step.backend.findPendingRenewal(certificateId);
  } catch (e) {
    failWithState(
      step,
      { ...state, lastError: (e as Error).message },
      `could not check ${step.id} for a pending renewal, so none was submitted: ${(e as Error).message}`,
    );
  }
  if (pending) {
    const adopted = withProgress(
      {
        ...state,
        renewalReason: `a renewal was already pending at the vendor (${pending.jobId ?? pending.transactionId}); following it instead of renewing again`,
      },
      pending,
      step.now,
    );
    return waitForRenewal(step, adopted);
  }
  let progress: RenewalProgress;
  try {
    progress = await step.backend.renew({
      certificateId,
      lifetimeMonths: step.inputs.lifetimeMonths,
      notAfter: state.notAfter,
      originalTransactionId: state.transactionId ?? certificateId,
      originalChallenge: state.currentChallenge,
      ctid: `${certificateId}-${step.now.getTime()}`,
    });
  } catch (e) {
    const unknownOutcome = e instanceof ConnectionError && e.requestSent;
    const message = (e as Error).message;
    failWithState(
      step,
      {
        ...state,
        renewalStatus: "failed",
        renewalReason: reason,
        lastError: message,
        failedAttempts: (state.failedAttempts ?? 0) + 1,
        lastAttemptAt: step.now.toISOString(),
        outcomeUnknown: unknownOutcome,
        renewedForNotAfter: unknownOutcome ? state.notAfter : state.renewedForNotAfter,
      },
      unknownOutcome
        ? `the renewal of ${step.id} may have reached the vendor but no answer came back (${message}). ` +
            `It will not be submitted again automatically: the next pulumi up looks for it at the vendor; ` +
            `if none is found, check the vendor's console and change renewalTrigger to renew again`
        : `the renewal of ${step.id} failed: ${message}`,
    );
  }
  const accepted = withProgress(
    {
      ...state,
      renewalReason: reason,
      renewalCount: (state.renewalCount ?? 0) + 1,
      lastRenewedAt: step.now.toISOString(),
      lastAttemptAt: step.now.toISOString(),
      renewedForNotAfter: state.notAfter,
      outcomeUnknown: false,
      currentChallenge: step.inputs.symantec
        ? (step.inputs.symantec.challenge ?? state.currentChallenge)
        : state.currentChallenge,
      jobId: progress.jobId,
      transactionId: progress.transactionId ?? state.transactionId,
    },
    progress,
    step.now,
  );
  return waitForRenewal(step, accepted);
}
