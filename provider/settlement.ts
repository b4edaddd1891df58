/**
 * What happened before: settled first, before anything new is decided. A renewal pending in state,
 * one whose outcome was never heard, one the journal knows of (./journal.ts), or an expiry that
 * moved at the vendor (renewed by hand, or by a run whose result was lost). `settleEarlier` serves
 * create and update, `settleForRead` a refresh.
 */
import { canFindPendingRenewals } from "./backends";
import { withKnownNames } from "./backends/backend";
import { unknownOutcomeAdvice, vendorLabel } from "./backends/advice";
import { pollOnce, waitForRenewal } from "./follow";
import type { RenewalProgress } from "./backends/backend";
import { CertificateState } from "./inputs";
import { clearJournal, journalReflected, readJournal } from "./journal";
import { failWithState, lookupOrFail } from "./partialFailure";
import type { RenewalStep } from "./renewalStep";
import { withProgress } from "./state";

/** Settles an earlier renewal whose outcome was unknown: adopt it, or see its effect. */
async function reconcileUnknown(step: RenewalStep, state: CertificateState): Promise<CertificateState> {
  const certificateId = String(step.inputs.certificateId);
  const action = state.lastAction ?? "renew";
  const given = await handedIn(step, state);
  const pending =
    given ??
    (await step.backend.findPendingRenewal(
      certificateId,
      { certificateName: state.certificateName },
      action,
    ));
  if (pending)
    return withProgress(
      {
        ...state,
        renewalReason: given
          ? `renewal ${given.transactionId}, handed in as symantec.renewalTransactionId, is recorded and followed`
          : `found the earlier ${action === "reissue" ? "reissue" : "renewal"} pending at the vendor; following it`,
        ...counted(state, action),
      },
      pending,
      step.now,
    );
  const snapshot = await step.backend.inspect(certificateId);
  state = withKnownNames(state, snapshot);
  if (snapshot.notAfter && state.notAfter && Date.parse(snapshot.notAfter) > Date.parse(state.notAfter)) {
    const latest = await latestFinishedRenewal(step, state);
    return {
      ...state,
      ...snapshot,
      jobId: latest?.jobId ?? state.jobId,
      renewalStatus: "succeeded",
      vendorStatus: "SUCCESS",
      outcomeUnknown: false,
      ...counted(state, action),
      renewalReason: `the earlier ${action === "reissue" ? "reissue" : "renewal"} went through: the expiry moved`,
    };
  }
  // Nothing pending and the expiry did not move: the earlier request did not take effect — where
  // the vendor's expiry can prove that (ResellerClub sslcert orders document none).
  const provable = !!snapshot.notAfter && !snapshot.expiryUnconfirmed;
  return canFindPendingRenewals(step.inputs) && provable
    ? { ...state, outcomeUnknown: false, renewedForNotAfter: undefined }
    : state;
}

/**
 * The renewal the user handed in by its id (VICE2: `symantec.renewalTransactionId`), when it is
 * news to state. One already recorded is ignored, and a finished one whose certificate is no later
 * than the expiry state knows is an earlier renewal, named as such rather than recorded.
 */
async function handedIn(step: RenewalStep, state: CertificateState): Promise<RenewalProgress | undefined> {
  const progress = await step.backend.handedInRenewal?.();
  if (!progress || progress.transactionId === state.transactionId) return undefined;
  const earlier =
    progress.status === "succeeded" &&
    !!progress.notAfter &&
    !!state.notAfter &&
    Date.parse(progress.notAfter) <= Date.parse(state.notAfter);
  if (earlier)
    throw new Error(
      `symantec.renewalTransactionId ${progress.transactionId} names a renewal whose certificate expires ` +
        `${progress.notAfter}, no later than the current ${state.notAfter}, so it is not the renewal submitted at ` +
        `${state.lastAttemptAt ?? "the last attempt"}: set it to that renewal's transaction id from the VICE2 console, ` +
        `or change renewalTrigger to renew again`,
    );
  return progress;
}

/** The count and time of an earlier action of unknown outcome, once it turns out accepted. */
function counted(state: CertificateState, action: "renew" | "reissue"): Partial<CertificateState> {
  return action === "reissue"
    ? { reissueCount: (state.reissueCount ?? 0) + 1, lastReissuedAt: state.lastAttemptAt }
    : { renewalCount: (state.renewalCount ?? 0) + 1, lastRenewedAt: state.lastAttemptAt };
}

/** The vendor's latest renewal when it finished and state does not know it yet (best effort). */
async function latestFinishedRenewal(step: RenewalStep, state: CertificateState) {
  const latest = await step.backend
    .latestRenewal?.(
      String(step.inputs.certificateId),
      { certificateName: state.certificateName },
      state.lastAction ?? "renew",
    )
    .catch(() => undefined);
  return latest?.status === "succeeded" && latest.jobId && latest.jobId !== state.jobId ? latest : undefined;
}

/**
 * Re-reads the expiry at the vendor. When it moved past what state knows and not by the renewal
 * state already records, it was renewed elsewhere — by hand, or by a run whose result was never
 * saved: the new expiry is recorded, with the vendor's finished renewal where it can be listed.
 * `read` "listed" (refresh only) lets the adapter answer from a list shared across resources when
 * nothing changed; "fresh" (every path that may renew) always reads with a request sent after
 * this call — this certificate alone, or a list by id shared with other updates reading then.
 */
export async function withVendorExpiry(
  step: RenewalStep,
  state: CertificateState,
  read: "fresh" | "listed" = "fresh",
): Promise<CertificateState> {
  const certificateId = String(step.inputs.certificateId);
  // Only a refresh may be answered by the listing a refresh shares; update decides a renewal on
  // a read sent after it began (alone, or in one list request with other updates reading then).
  const { backend } = step;
  const snapshot =
    read === "listed" && backend.inspectListed
      ? await backend.inspectListed(certificateId, state)
      : backend.inspectFresh
        ? await backend.inspectFresh(certificateId, state)
        : await backend.inspect(certificateId);
  state = withKnownNames(state, snapshot);
  // The term moves only by a renewal, but a renewal made elsewhere moves it too: the vendor's word wins.
  if (snapshot.coverageEndsAt) state = { ...state, coverageEndsAt: snapshot.coverageEndsAt };
  const moved =
    snapshot.notAfter && (!state.notAfter || Date.parse(snapshot.notAfter) > Date.parse(state.notAfter));
  if (!moved) {
    return snapshot.certificatePem && !state.certificatePem
      ? { ...state, certificatePem: snapshot.certificatePem }
      : state;
  }
  const next = {
    ...state,
    notAfter: snapshot.notAfter,
    certificatePem: snapshot.certificatePem ?? state.certificatePem,
  };
  if (state.renewalStatus === "succeeded" && state.renewedForNotAfter === state.notAfter) return next;
  const latest = await latestFinishedRenewal(step, state);
  const reason = `renewed outside Pulumi: the expiry moved from ${state.notAfter ?? "unknown"} to ${snapshot.notAfter}`;
  if (!latest) return { ...next, renewalReason: reason };
  return {
    ...next,
    jobId: latest.jobId,
    renewalStatus: "succeeded",
    vendorStatus: latest.vendorStatus,
    renewedForNotAfter: state.notAfter,
    outcomeUnknown: false,
    failedAttempts: 0,
    lastError: "",
    renewalReason: `${reason} (renewal ${latest.jobId})`,
  };
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

/**
 * Follows or settles an earlier renewal before anything new is decided: one pending in state,
 * one whose outcome is unknown, or one found in the journal. `done`: return `state` as it is.
 * `olds` (update only) keeps the old lifetime/trigger echoed while a renewal is pending, so a
 * change made meanwhile still renews later.
 */
export async function settleEarlier(
  step: RenewalStep,
  carried: CertificateState,
  olds?: CertificateState,
): Promise<{ state: CertificateState; done: boolean }> {
  const recovered = recoverFromJournal(step, carried);
  let state = recovered.state;
  if (state.renewalStatus === "pending") {
    state = await pollOnce(step, state);
    if (state.renewalStatus === "pending") {
      const kept = olds
        ? { ...state, lifetimeMonths: olds.lifetimeMonths, renewalTrigger: olds.renewalTrigger }
        : state;
      return { state: await waitForRenewal(step, kept), done: true };
    }
  } else if (state.outcomeUnknown && state.renewalStatus === "failed") {
    const known = state;
    state = await lookupOrFail(
      step,
      known,
      () => reconcileUnknown(step, known),
      (error) => `could not look up the earlier renewal of ${step.id}: ${error}`,
    );
    if (state.renewalStatus === "pending") return { state: await waitForRenewal(step, state), done: true };
    // Say it loudly once: an interrupted run left a renewal nobody can look up.
    if (recovered.interrupted && state.outcomeUnknown)
      failWithState(step, state, interruptedMessage(step, state));
  }
  return { state, done: false };
}

/**
 * A refresh's view of what happened before: a renewal an interrupted run had accepted is recorded
 * (an unanswered one is left to update, which says so loudly), a pending one is polled once, and
 * the expiry is re-read.
 */
export async function settleForRead(step: RenewalStep, stored: CertificateState): Promise<CertificateState> {
  const recovered = recoverFromJournal(step, stored);
  let state = recovered.interrupted ? stored : recovered.state;
  if (state.renewalStatus === "pending") state = await pollOnce(step, state);
  return withVendorExpiry(step, state, "listed");
}
