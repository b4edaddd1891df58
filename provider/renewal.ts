/**
 * Submitting one renewal and following it. The exactly-once rules live here: look for a renewal
 * already pending at the vendor first; record the job id the moment the vendor accepts it; if
 * anything fails after that, fail with the accepted state attached so the engine keeps it.
 */
import { ConnectionError, DecodeError, ServerError, VENDOR_LABELS } from "../sdk/common/errors";
import { realSleep, Sleep } from "../sdk/common/rateLimiter";
import { canFindPendingRenewals } from "./backends";
import { RenewalContext, RenewalProgress, VendorBackend } from "./backends/backend";
import type { CertificateAction } from "./coveragePolicy";
import { CertificateInputs, CertificateState, vendorOf } from "./inputs";
import { clearJournal, journalReflected, readJournal, writeJournal } from "./journal";
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
  const ref = state.jobId ?? state.transactionId;
  const progress = await lookupOrFail(
    step,
    state,
    () =>
      step.backend.poll(
        { jobId: state.jobId, transactionId: state.transactionId },
        String(step.inputs.certificateId),
        state.renewedForNotAfter ?? state.notAfter,
        { certificateName: state.certificateName },
      ),
    (error) =>
      `renewal ${ref} of ${step.id} was accepted but could not be followed: ${error}. ` +
      `Its id is kept in state; the next pulumi up or refresh follows it again`,
  );
  return withProgress(state, progress, step.now);
}

/**
 * Whether a failed renew may still have been carried out: no answer after the request was sent
 * (timeout, reset), an answer we cannot read although it came with HTTP 2xx (truncated, garbled,
 * or accepted without an id), or a gateway that lost its upstream (502/504). Anything else —
 * the vendor's refusal, 429, 500/503 — means the vendor did not act.
 */
export function renewOutcomeUnknown(e: unknown): boolean {
  if (e instanceof ConnectionError) return e.requestSent;
  if (e instanceof DecodeError || e instanceof ServerError)
    return e.status === undefined || e.status < 300 || e.status === 502 || e.status === 504;
  return false;
}

function vendorLabel(inputs: CertificateInputs): string {
  const vendor = vendorOf(inputs);
  return vendor ? VENDOR_LABELS[vendor] : "the vendor";
}

/** What the user can do about a renewal whose outcome is unknown, by what the vendor allows. */
export function unknownOutcomeAdvice(inputs: CertificateInputs): string {
  const label = vendorLabel(inputs);
  if (canFindPendingRenewals(inputs))
    return `run pulumi up again: it looks for the renewal at ${label} first and follows it; if none is found, it renews after the retry backoff`;
  const found = inputs.symantec
    ? "if it is there, set symantec.originalCertificate to the renewed certificate and the next pulumi up records it"
    : "if it is there, pulumi refresh records the new expiry once the renewal completes";
  return (
    `${label} cannot be searched for it: check the vendor's console for the renewal; ${found}; ` +
    `if it is not, change renewalTrigger to renew again`
  );
}

/**
 * Applies the renewal journal (see ./journal.ts) for vendors that cannot be searched: a renewal an
 * earlier run submitted whose result never reached state is adopted when the vendor's answer had
 * arrived, and otherwise makes the outcome unknown (`interrupted`). Searchable vendors answer the
 * same question themselves (renewOnce and reconcileUnknown search them first).
 */
export function recoverFromJournal(
  step: RenewalStep,
  state: CertificateState,
): { state: CertificateState; interrupted: boolean } {
  const none = { state, interrupted: false };
  if (canFindPendingRenewals(step.inputs)) return none;
  const entry = readJournal(step.inputs, step.id);
  if (!entry) return none;
  if (journalReflected(entry, state)) {
    clearJournal(step.inputs, step.id);
    return none;
  }
  const label = vendorLabel(step.inputs);
  const base: CertificateState = {
    ...state,
    lastAttemptAt: entry.submittedAt,
    renewedForNotAfter: entry.forNotAfter ?? state.notAfter,
  };
  const ref = entry.jobId ?? entry.transactionId;
  if (ref) {
    const recovered: CertificateState = {
      ...base,
      jobId: entry.jobId ?? state.jobId,
      transactionId: entry.transactionId ?? state.transactionId,
      renewalStatus: "pending",
      vendorStatus: entry.vendorStatus ?? "accepted",
      outcomeUnknown: false,
      renewalCount: (state.renewalCount ?? 0) + 1,
      lastRenewedAt: entry.submittedAt,
      currentChallenge: step.inputs.symantec?.challenge ?? state.currentChallenge,
      renewalReason: `renewal ${ref}, accepted by ${label} at ${entry.submittedAt} in a run whose result was not saved, is recorded now`,
    };
    return { state: recovered, interrupted: false };
  }
  const unknown: CertificateState = {
    ...base,
    renewalStatus: "failed",
    outcomeUnknown: true,
    failedAttempts: (state.failedAttempts ?? 0) + 1,
    lastError: `a renewal submitted to ${label} at ${entry.submittedAt} by a run that was interrupted has no recorded outcome`,
    renewalReason: `a renewal was submitted at ${entry.submittedAt} by a run that was interrupted before ${label} answered`,
  };
  return { state: unknown, interrupted: true };
}

/** The error for a renewal an interrupted run submitted without an answer. */
export function interruptedMessage(step: RenewalStep, state: CertificateState): string {
  return (
    `a renewal of ${step.id} was submitted at ${state.lastAttemptAt} by a pulumi run that was interrupted ` +
    `before ${vendorLabel(step.inputs)} answered, and it was not saved in state. It will not be submitted again ` +
    `automatically: ${unknownOutcomeAdvice(step.inputs)}`
  );
}

/** Sends the action to the vendor: a renewal, or a reissue where the adapter has one. */
function submit(
  backend: VendorBackend,
  action: CertificateAction,
  ctx: RenewalContext,
): Promise<RenewalProgress> {
  if (action === "renew") return backend.renew(ctx);
  if (!backend.reissue)
    throw new Error("this vendor API has no reissue; the certificate is renewed when its term ends");
  return backend.reissue(ctx);
}

/**
 * Renews (or reissues) once: adopts a renewal already pending at the vendor instead of submitting another,
 * records acceptance immediately, then waits up to `waitTimeoutSeconds`.
 */
export async function renewOnce(
  step: RenewalStep,
  state: CertificateState,
  reason: string,
  action: CertificateAction = "renew",
  forExpiry: string | undefined = state.notAfter,
): Promise<CertificateState> {
  const certificateId = String(step.inputs.certificateId);
  const noun = action === "reissue" ? "reissue" : "renewal";
  const pending = await lookupOrFail(
    step,
    state,
    () => step.backend.findPendingRenewal(certificateId, { certificateName: state.certificateName }, action),
    (error) => `could not check ${step.id} for a pending ${noun}, so none was submitted: ${error}`,
  );
  if (pending) {
    const adopted = withProgress(
      {
        ...state,
        lastAction: action,
        renewalReason: `a ${noun} was already pending at the vendor (${pending.jobId ?? pending.transactionId}); following it instead of submitting another`,
      },
      pending,
      step.now,
    );
    return waitForRenewal(step, adopted);
  }
  // Journaled first: if this process or the engine dies before the answer is saved, the next run knows.
  const journaled = !canFindPendingRenewals(step.inputs);
  const submittedAt = step.now.toISOString();
  const entry = { resource: step.id, submittedAt, forNotAfter: forExpiry };
  if (journaled) writeJournal(step.inputs, entry);
  let progress: RenewalProgress;
  try {
    const ctx = {
      certificateId,
      lifetimeMonths: step.inputs.lifetimeMonths,
      notAfter: state.notAfter,
      originalTransactionId: state.transactionId ?? certificateId,
      originalChallenge: state.currentChallenge,
      ctid: `${certificateId}-${step.now.getTime()}`,
    };
    progress = await submit(step.backend, action, ctx);
  } catch (e) {
    const unknownOutcome = renewOutcomeUnknown(e);
    // A refusal is final: the entry goes. An unknown outcome stays journaled until state has it.
    if (journaled && !unknownOutcome) clearJournal(step.inputs, step.id);
    const message = (e as Error).message;
    failWithState(
      step,
      {
        ...state,
        lastAction: action,
        renewalStatus: "failed",
        renewalReason: reason,
        lastError: message,
        failedAttempts: (state.failedAttempts ?? 0) + 1,
        lastAttemptAt: step.now.toISOString(),
        outcomeUnknown: unknownOutcome,
        renewedForNotAfter: unknownOutcome ? forExpiry : state.renewedForNotAfter,
      },
      unknownOutcome
        ? `the ${noun} of ${step.id} may have reached ${vendorLabel(step.inputs)} but no usable answer came back ` +
            `(${message}). It will not be submitted again automatically: ${unknownOutcomeAdvice(step.inputs)}`
        : `the ${noun} of ${step.id} failed: ${message}`,
    );
  }
  if (journaled) {
    const { jobId, transactionId, vendorStatus } = progress;
    writeJournal(step.inputs, { ...entry, jobId, transactionId, vendorStatus });
  }
  if (progress.note) {
    // The backend followed a renewal already at the vendor instead of submitting one.
    return waitForRenewal(step, withProgress({ ...state, renewalReason: progress.note }, progress, step.now));
  }
  const counted =
    action === "reissue"
      ? { reissueCount: (state.reissueCount ?? 0) + 1, lastReissuedAt: step.now.toISOString() }
      : { renewalCount: (state.renewalCount ?? 0) + 1, lastRenewedAt: step.now.toISOString() };
  const accepted = withProgress(
    {
      ...state,
      ...counted,
      lastAction: action,
      renewalReason: reason,
      lastAttemptAt: step.now.toISOString(),
      renewedForNotAfter: forExpiry,
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
