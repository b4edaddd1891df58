/**
 * Submitting one renewal. The exactly-once rules live here: look for a renewal already pending at
 * the vendor first; journal the submission where the vendor cannot be searched; record the job id
 * the moment the vendor accepts it; if anything fails after that, fail with the accepted state
 * attached so the engine keeps it.
 */
import { ConnectionError, DecodeError, ServerError } from "../sdk/common/errors";
import { canFindPendingRenewals, pendingSearchNeedsName } from "./backends";
import { unknownOutcomeAdvice, vendorLabel } from "./backends/advice";
import type { RenewalContext, RenewalProgress, VendorBackend } from "./backends/backend";
import type { CertificateAction } from "./coveragePolicy";
import { waitForRenewal } from "./follow";
import type { CertificateState } from "./inputs";
import { clearJournal, writeJournal } from "./journal";
import { failWithState, lookupOrFail } from "./partialFailure";
import type { RenewalStep } from "./renewalStep";
import { withProgress } from "./state";

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

/** The search for an action already pending at the vendor, begun before it is needed (see {@link beginPendingSearch}). */
export interface PendingSearch {
  /** The action it looks for. */
  readonly action: CertificateAction;
  /** Its answer; a failure is handled where the answer is used (never an unhandled rejection). */
  readonly answer: Promise<RenewalProgress | undefined>;
}

/**
 * Begins the search for a pending `action` now, so that it goes out beside the re-read of the
 * expiry before a renewal rather than after it: two requests that do not depend on each other wait
 * for the vendor's rate limit once, together. Nothing is begun when the search needs the
 * certificate's name and state does not know it yet (the re-read tells it; the search then waits).
 */
export function beginPendingSearch(
  step: RenewalStep,
  state: CertificateState,
  action: CertificateAction,
): PendingSearch | undefined {
  if (!state.certificateName && pendingSearchNeedsName(step.inputs)) return undefined;
  const answer = step.backend.findPendingRenewal(
    String(step.inputs.certificateId),
    { certificateName: state.certificateName },
    action,
  );
  // Left unawaited when the re-read decides against renewing: its failure then means nothing.
  answer.catch(() => undefined);
  return { action, answer };
}

/**
 * Renews (or reissues) once: adopts a renewal already pending at the vendor instead of submitting another,
 * records acceptance immediately, then waits up to `waitTimeoutSeconds`. `begun`: the search for a
 * pending one, begun earlier in this call of the provider (used when it looked for this `action`).
 */
export async function renewOnce(
  step: RenewalStep,
  state: CertificateState,
  reason: string,
  action: CertificateAction = "renew",
  forExpiry: string | undefined = state.notAfter,
  begun?: PendingSearch,
): Promise<CertificateState> {
  const certificateId = String(step.inputs.certificateId);
  const noun = action === "reissue" ? "reissue" : "renewal";
  const pending = await lookupOrFail(
    step,
    state,
    () =>
      begun?.action === action
        ? begun.answer
        : step.backend.findPendingRenewal(certificateId, { certificateName: state.certificateName }, action),
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
