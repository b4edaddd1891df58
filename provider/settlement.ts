/**
 * What happened before: settled first, before anything new is decided. A renewal pending in state,
 * one whose outcome was never heard, one the journal knows of (./journal.ts), or an expiry that
 * moved at the vendor (renewed by hand, or by a run whose result was lost).
 */
import { canFindPendingRenewals } from "./backends";
import { CertificateState } from "./inputs";
import {
  RenewalStep,
  failWithState,
  interruptedMessage,
  lookupOrFail,
  pollOnce,
  recoverFromJournal,
  waitForRenewal,
} from "./renewal";
import { withProgress } from "./state";

/** Settles an earlier renewal whose outcome was unknown: adopt it, or see its effect. */
async function reconcileUnknown(step: RenewalStep, state: CertificateState): Promise<CertificateState> {
  const certificateId = String(step.inputs.certificateId);
  const action = state.lastAction ?? "renew";
  const pending = await step.backend.findPendingRenewal(
    certificateId,
    { certificateName: state.certificateName },
    action,
  );
  if (pending)
    return withProgress(
      {
        ...state,
        renewalReason: `found the earlier ${action === "reissue" ? "reissue" : "renewal"} pending at the vendor; following it`,
        ...counted(state, action),
      },
      pending,
      step.now,
    );
  const snapshot = await step.backend.inspect(certificateId);
  if (snapshot.certificateName) state = { ...state, certificateName: snapshot.certificateName };
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
 */
export async function withVendorExpiry(
  step: RenewalStep,
  state: CertificateState,
): Promise<CertificateState> {
  const snapshot = await step.backend.inspect(String(step.inputs.certificateId));
  if (snapshot.certificateName) state = { ...state, certificateName: snapshot.certificateName };
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
