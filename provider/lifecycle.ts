/**
 * The provider's lifecycle as plain functions. `RenewedCertificateProvider` (which is serialized
 * into state) only forwards to these through `require`, so none of this code or anything it
 * captures lands in state.
 */
import { VendorError } from "../sdk/common/errors";
import { canFindPendingRenewals, createBackend } from "./backends";
import { Failure } from "./checkFailure";
import { providerNow } from "./clock";
import { ambientCredential, setConfiguredCredentials } from "./credentials";
import { CertificateInputs, CertificateState, vendorOf } from "./inputs";
import { RenewalDecision, shouldRenew } from "./renewalPolicy";
import { RenewalStep, failWithState, pollOnce, renewOnce, waitForRenewal } from "./renewal";
import {
  adoptedState,
  carriedState,
  finalized,
  inputsDiffer,
  INPUT_KEYS,
  inputsOf,
  normalizedNotAfter,
  resourceId,
  toOutputs,
  withProgress,
} from "./state";
import { containsUnknown, isUnknown } from "./unknowns";
import { validateInputs } from "./validation";

type Props = Record<string, unknown>;
const PROVIDER_KEY = "__provider";

/** Prints one line for the user; a dynamic provider's stdout reaches the CLI as an info message. */
function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

function stepFor(id: string, inputs: CertificateInputs, props: Props, now: Date): RenewalStep {
  return { id, inputs, backend: createBackend(inputs), now, providerRef: props[PROVIDER_KEY] };
}

/** `configure`: remembers credentials given as stack config. */
export async function configure(get: (key: string) => string | undefined): Promise<void> {
  setConfiguredCredentials(get);
}

/** `check`: validates without the network. */
export async function check(news: Props): Promise<{ inputs: Props; failures: Failure[] }> {
  const inputs = inputsOf(news);
  const failures = validateInputs(inputs, (name) => ambientCredential(name) !== undefined);
  return { inputs: news, failures };
}

function replacementKeys(olds: CertificateState, news: CertificateInputs): string[] {
  const keys: string[] = [];
  const oldVendor = vendorOf(olds);
  const newVendor = vendorOf(news);
  if (newVendor && oldVendor !== newVendor) keys.push(newVendor);
  else if (
    newVendor === "autodns" &&
    (olds.autodns?.protocol ?? "json") !== (news.autodns?.protocol ?? "json") &&
    !isUnknown(news.autodns?.protocol)
  ) {
    keys.push("autodns");
  }
  if (isUnknown(news.certificateId) || String(olds.certificateId) !== String(news.certificateId))
    keys.push("certificateId");
  return keys;
}

/** `diff`: decides from state and the clock; calls the vendor only to poll a pending renewal. */
export async function diff(id: string, oldProps: Props, newProps: Props) {
  const olds = oldProps as unknown as CertificateState;
  const news = inputsOf(newProps);
  const replaces = replacementKeys(olds, news);
  if (replaces.length) {
    say(
      `RenewedCertificate ${id}: replacing (${replaces.join(", ")} changed); the new certificate is adopted, nothing is revoked`,
    );
    return { changes: true, replaces, deleteBeforeReplace: false };
  }
  if (containsUnknown(news)) return { changes: true };
  const now = providerNow();
  const decision = shouldRenew(olds, news, now);
  if (decision.poll) {
    const step = stepFor(id, news, newProps, now);
    try {
      const polled = await pollOnce(step, olds);
      if (polled.renewalStatus !== "pending") {
        say(
          `RenewedCertificate ${id}: renewal ${polled.jobId ?? polled.transactionId} ended ${polled.vendorStatus}; the update records it`,
        );
        return { changes: true };
      }
    } catch (e) {
      say(
        `RenewedCertificate ${id}: could not poll the pending renewal (${(e as Error).message}); will try again`,
      );
    }
    return { changes: inputsDiffer(olds, news) };
  }
  if (olds.outcomeUnknown && olds.renewalStatus === "failed" && canFindPendingRenewals(news)) {
    say(
      `RenewedCertificate ${id}: the last renewal's outcome is unknown; the update looks for it at the vendor before anything else`,
    );
    return { changes: true };
  }
  if (decision.renew) {
    say(`RenewedCertificate ${id}: renewal planned — ${decision.reason}`);
    return { changes: true };
  }
  if (decision.reason && olds.renewalStatus === "failed") say(`RenewedCertificate ${id}: ${decision.reason}`);
  return { changes: inputsDiffer(olds, news) };
}

/** `create`: adopts the certificate, renewing only when already due. */
export async function create(props: Props) {
  const inputs = inputsOf(props);
  const id = resourceId(inputs);
  const now = providerNow();
  const step = stepFor(id, inputs, props, now);
  const snapshot = await step.backend.inspect(String(inputs.certificateId));
  const notAfter = snapshot.notAfter ?? normalizedNotAfter(inputs.notAfter);
  const state = adoptedState(inputs, notAfter, snapshot.certificatePem);
  const decision = shouldRenew(undefined, { ...inputs, notAfter }, now);
  if (!decision.renew) return { id, outs: toOutputs(finalized(state, decision)) };
  say(`RenewedCertificate ${id}: renewing on adoption — ${decision.reason}`);
  const renewed = await renewOnce(step, state, decision.reason);
  return {
    id,
    outs: toOutputs(finalized(renewed, afterRenewal(renewed, inputs, now), renewed.renewalReason)),
  };
}

function afterRenewal(state: CertificateState, inputs: CertificateInputs, now: Date): RenewalDecision {
  const d = shouldRenew(state, inputs, now);
  return { ...d, renew: false };
}

/** Settles an earlier renewal whose outcome was unknown: adopt it, or see its effect. */
async function reconcileUnknown(step: RenewalStep, state: CertificateState): Promise<CertificateState> {
  const certificateId = String(step.inputs.certificateId);
  const pending = await step.backend.findPendingRenewal(certificateId);
  if (pending)
    return withProgress(
      {
        ...state,
        renewalReason: "found the earlier renewal pending at the vendor; following it",
        renewalCount: (state.renewalCount ?? 0) + 1,
        lastRenewedAt: state.lastAttemptAt,
      },
      pending,
      step.now,
    );
  const snapshot = await step.backend.inspect(certificateId);
  if (snapshot.notAfter && state.notAfter && Date.parse(snapshot.notAfter) > Date.parse(state.notAfter)) {
    return {
      ...state,
      ...snapshot,
      renewalStatus: "succeeded",
      vendorStatus: "SUCCESS",
      outcomeUnknown: false,
      renewalCount: (state.renewalCount ?? 0) + 1,
      lastRenewedAt: state.lastAttemptAt,
      renewalReason: "the earlier renewal went through: the expiry moved",
    };
  }
  // Nothing pending and the expiry did not move: the earlier request did not take effect.
  return canFindPendingRenewals(step.inputs)
    ? { ...state, outcomeUnknown: false, renewedForNotAfter: undefined }
    : state;
}

/** The inputs a state was made with, every key present (unset ones as undefined). */
function previousInputs(oldProps: Props): CertificateInputs {
  const olds = inputsOf(oldProps) as unknown as Props;
  return Object.fromEntries(INPUT_KEYS.map((k) => [k, olds[k]])) as unknown as CertificateInputs;
}

/** `update`: re-decides with the clock, renews at most once, follows pending renewals. */
export async function update(id: string, oldProps: Props, newProps: Props) {
  const news = inputsOf(newProps);
  const now = providerNow();
  const step = stepFor(id, news, newProps, now);
  let state = carriedState(oldProps as unknown as CertificateState, news);
  const olds = oldProps as unknown as CertificateState;
  if (state.renewalStatus === "pending") {
    state = await pollOnce(step, state);
    if (state.renewalStatus === "pending") {
      // Keep the old lifetime/trigger echoed so a change made meanwhile still renews later.
      const kept = { ...state, lifetimeMonths: olds.lifetimeMonths, renewalTrigger: olds.renewalTrigger };
      return { outs: toOutputs(finalized(await waitForRenewal(step, kept), undefined)) };
    }
  } else if (state.outcomeUnknown && state.renewalStatus === "failed") {
    try {
      state = await reconcileUnknown(step, state);
    } catch (e) {
      failWithState(
        step,
        { ...state, lastError: (e as Error).message },
        `could not look up the earlier renewal of ${id}: ${(e as Error).message}`,
      );
    }
    if (state.renewalStatus === "pending")
      return { outs: toOutputs(finalized(await waitForRenewal(step, state), undefined)) };
  }
  // Decide against the inputs the state was made with (trigger, lifetime, corrections).
  const decision = shouldRenew(
    { ...state, ...previousInputs(oldProps), notAfter: state.notAfter },
    news,
    now,
  );
  if (!decision.renew) {
    const reason = decision.reason || (state.renewalCount ? state.renewalReason : "");
    return { outs: toOutputs(finalized(state, decision, reason)) };
  }
  say(`RenewedCertificate ${id}: renewing — ${decision.reason}`);
  const renewed = await renewOnce(step, state, decision.reason);
  return { outs: toOutputs(finalized(renewed, afterRenewal(renewed, news, now), renewed.renewalReason)) };
}

/** `read` (refresh): re-reads expiry and renewal state; returns inputs for later diffs. */
export async function read(id: string, props: Props) {
  const inputs = inputsOf(props);
  const now = providerNow();
  const step = stepFor(id, inputs, props, now);
  let state = props as unknown as CertificateState;
  if (state.renewalStatus === "pending") state = await pollOnce(step, state);
  const snapshot = await step.backend.inspect(String(inputs.certificateId));
  if (snapshot.notAfter && (!state.notAfter || Date.parse(snapshot.notAfter) > Date.parse(state.notAfter))) {
    const ours = state.renewalStatus === "succeeded" && state.renewedForNotAfter === state.notAfter;
    state = {
      ...state,
      notAfter: snapshot.notAfter,
      certificatePem: snapshot.certificatePem ?? state.certificatePem,
      renewalReason: ours
        ? state.renewalReason
        : `renewed outside Pulumi: the expiry moved from ${state.notAfter ?? "unknown"} to ${snapshot.notAfter}`,
    };
  } else if (snapshot.certificatePem && !state.certificatePem) {
    state = { ...state, certificatePem: snapshot.certificatePem };
  }
  const decision = shouldRenew(state, inputs, now);
  const outs = toOutputs(finalized(state, decision, decision.renew ? decision.reason : state.renewalReason));
  if (props[PROVIDER_KEY] !== undefined) outs[PROVIDER_KEY] = props[PROVIDER_KEY];
  return { id, props: outs, inputs: { ...inputsOf(outs), notAfter: inputs.notAfter } };
}

/** `delete`: forgets the resource; nothing is revoked or cancelled at the vendor. */
export async function remove(): Promise<void> {
  return;
}

/** Error message text, for callers that only show messages. */
export function describeError(e: unknown): string {
  return e instanceof VendorError || e instanceof Error ? e.message : String(e);
}
