/**
 * The provider's lifecycle as plain functions. The serialized provider (./serializedProvider)
 * reaches them only through a `require` by package path, so none of this code or anything it
 * captures lands in state; `RenewedCertificateProvider` calls them directly.
 */
import type * as pulumi from "@pulumi/pulumi";
import { NO_VENDOR_BLOCK, canFindPendingRenewals, canReissue, createBackend } from "./backends";
import { forgetAccountListings } from "./backends/accountListing";
import { withKnownNames } from "./backends/backend";
import { providerNow } from "./clock";
import { ambientCredential, setConfiguredCredentials, withSecretCredentials } from "./credentials";
import {
  CertificateInputs,
  CertificateState,
  INPUT_KEYS,
  ProviderInputs,
  ProviderOutputs,
  inputsOf,
  pick,
  vendorOf,
} from "./inputs";
import { ActionDecision, decideNextAction } from "./coveragePolicy";
import { refreshedInputs, withPlannedAction } from "./plannedAction";
import { pollOnce } from "./follow";
import { lookupOrFail } from "./partialFailure";
import type { RenewalStep } from "./renewalStep";
import { beginPendingSearch, PendingSearch, renewOnce } from "./submit";
import {
  adoptedState,
  carriedState,
  finalized,
  inputsDiffer,
  normalizedNotAfter,
  resourceId,
  stateOf,
  toOutputs,
} from "./state";
import { settleEarlier, settleForRead, withVendorExpiry } from "./settlement";
import { containsUnknown, isUnknown } from "./unknowns";
import { validateInputs } from "./validation";

/** Prints one line for the user; a dynamic provider's stdout reaches the CLI as an info message. */
function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

/** The decision for these inputs' vendor (two clocks where it can reissue). */
function shouldAct(
  state: CertificateState | undefined,
  inputs: CertificateInputs,
  now: Date,
): ActionDecision {
  return decideNextAction(state, inputs, now, canReissue(inputs));
}

/** A step's context; `known` is the stored state, whose names of the certificate spare vendor lookups. */
function stepFor(
  id: string,
  inputs: CertificateInputs,
  props: ProviderInputs,
  now: Date,
  known?: CertificateState,
): RenewalStep {
  const backend = createBackend(inputs, { resellerclubApi: known?.resellerclubApi });
  return { id, inputs, backend, now, providerRef: props.__provider };
}

/** `configure`: remembers credentials given as stack config. */
export async function configure(get: (key: string) => string | undefined): Promise<void> {
  setConfiguredCredentials(get);
  // A new engine operation: no list read for an earlier one answers a read of this one.
  forgetAccountListings();
}

/**
 * `check`: validates without the network (what passed in the old inputs and is unchanged is not
 * re-parsed), and returns the inputs with every credential marked secret and the planned action
 * (./plannedAction.ts) for `preview --diff` to show.
 */
export async function check(
  olds: ProviderInputs,
  news: ProviderInputs,
): Promise<Required<pulumi.dynamic.CheckResult<ProviderInputs>>> {
  // All of `news`, not just the known inputs: a field it does not know is refused by name.
  const failures = validateInputs(news, (name) => ambientCredential(name) !== undefined, inputsOf(olds));
  // Credentials are returned marked secret, so that state never holds them in plain text even when
  // the program gave a plain string (or drove this provider without the RenewedCertificate class).
  const inputs = withSecretCredentials(news);
  return {
    inputs: withPlannedAction(inputs, olds, news, providerNow()),
    failures,
  };
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
export async function diff(
  id: string,
  oldProps: ProviderOutputs,
  newProps: ProviderInputs,
): Promise<pulumi.dynamic.DiffResult> {
  const olds = stateOf(oldProps);
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
  const decision = shouldAct(olds, news, now);
  if (decision.poll) {
    const step = stepFor(id, news, newProps, now, olds);
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
    say(`RenewedCertificate ${id}: ${decision.plan ?? `renewal planned — ${decision.reason}`}`);
    return { changes: true };
  }
  if (decision.reason && olds.renewalStatus === "failed") say(`RenewedCertificate ${id}: ${decision.reason}`);
  return { changes: inputsDiffer(olds, news) };
}

/**
 * `create`: adopts the certificate and never renews it. A create's preview runs offline and cannot
 * know a vendor-reported expiry, so a renewal here would be a purchase no preview announced; when
 * the certificate is already due, the state says so and the next preview plans the renewal as an
 * update (with its reason), which the next `up` submits.
 */
export async function create(
  props: ProviderInputs,
): Promise<Required<pulumi.dynamic.CreateResult<ProviderOutputs>>> {
  const inputs = inputsOf(props);
  const id = resourceId(inputs);
  const now = providerNow();
  const step = stepFor(id, inputs, props, now);
  const snapshot = await step.backend.inspect(String(inputs.certificateId));
  const notAfter = snapshot.notAfter ?? normalizedNotAfter(inputs.notAfter);
  const adopted = withKnownNames(
    adoptedState(inputs, notAfter, snapshot.certificatePem, snapshot.coverageEndsAt),
    snapshot,
  );
  // An earlier run may have renewed it without saving the result (see ./journal.ts).
  const settled = await settleEarlier(step, adopted);
  if (settled.done) return { id, outs: toOutputs(finalized(settled.state, undefined)) };
  const state = settled.state;
  const decision = shouldAct(state, { ...inputs, notAfter }, now);
  if (decision.renew) {
    say(
      `RenewedCertificate ${id}: adopted without renewing — ${decision.reason}; the next preview shows the renewal and the next up submits it`,
    );
  }
  return { id, outs: toOutputs(finalized(state, decision)) };
}

function afterRenewal(state: CertificateState, inputs: CertificateInputs, now: Date): ActionDecision {
  const d = shouldAct(state, inputs, now);
  return { ...d, renew: false };
}

/** Prints the reason a renewal ended up with when it is not the planned one (a renewal was followed instead). */
function sayIfOther(id: string, reason: string, planned: string): void {
  if (reason && reason !== planned) say(`RenewedCertificate ${id}: ${reason}`);
}

/** The inputs a state was made with, every key present (unset ones as undefined). */
function previousInputs(oldProps: CertificateInputs): CertificateInputs {
  return pick(oldProps, INPUT_KEYS, true);
}

/** `update`: re-decides with the clock, renews at most once, follows pending renewals. */
export async function update(
  id: string,
  oldProps: ProviderOutputs,
  newProps: ProviderInputs,
): Promise<Required<pulumi.dynamic.UpdateResult<ProviderOutputs>>> {
  const news = inputsOf(newProps);
  const now = providerNow();
  const olds = stateOf(oldProps);
  const step = stepFor(id, news, newProps, now, olds);
  const settled = await settleEarlier(step, carriedState(olds, news), olds);
  if (settled.done) return { outs: toOutputs(finalized(settled.state, undefined)) };
  let state = settled.state;
  // Decide against the inputs the state was made with (trigger, lifetime, corrections).
  const decide = (s: CertificateState) =>
    shouldAct({ ...s, ...previousInputs(oldProps), notAfter: s.notAfter }, news, now);
  let decision = decide(state);
  let begun: PendingSearch | undefined;
  if (decision.renew) {
    // State may be stale (a renewal made elsewhere, or by a run whose result was lost): look first.
    // The search for one already pending goes out beside that read; both come before any renewal.
    const known = state;
    begun = beginPendingSearch(step, known, decision.action === "reissue" ? "reissue" : "renew");
    state = await lookupOrFail(
      step,
      known,
      () => withVendorExpiry(step, known, "fresh"),
      (error) =>
        `could not re-read the expiry of ${id} before renewing, so no renewal was submitted: ${error}`,
    );
    decision = decide(state);
    if (!decision.renew) say(`RenewedCertificate ${id}: no renewal after all — ${state.renewalReason}`);
  }
  if (!decision.renew) {
    const reason = decision.reason || (state.renewalCount ? state.renewalReason : "");
    return { outs: toOutputs(finalized(state, decision, reason)) };
  }
  const action = decision.action === "reissue" ? "reissue" : "renew";
  say(
    `RenewedCertificate ${id}: ${action === "reissue" ? "reissuing (free)" : "renewing"} — ${decision.reason}`,
  );
  const renewed = await renewOnce(step, state, decision.reason, action, decision.forExpiry, begun);
  sayIfOther(id, renewed.renewalReason, decision.reason);
  return { outs: toOutputs(finalized(renewed, afterRenewal(renewed, news, now), renewed.renewalReason)) };
}

/**
 * `read` (refresh): re-reads expiry and renewal state into the outputs, and returns the program's
 * inputs with what it found (./plannedAction.ts), so that the next check can plan without the vendor.
 */
export async function read(
  id: string,
  given?: ProviderOutputs,
): Promise<pulumi.dynamic.ReadResult<ProviderOutputs>> {
  // Without state (an import) there is no vendor block to read through.
  if (given === undefined) throw new Error(NO_VENDOR_BLOCK);
  const props = given;
  const inputs = inputsOf(props);
  const now = providerNow();
  const stored = stateOf(props);
  const step = stepFor(id, inputs, props, now, stored);
  const state = await settleForRead(step, stored);
  const decision = shouldAct(state, inputs, now);
  const refreshed = finalized(state, decision, decision.renew ? decision.reason : state.renewalReason);
  // Pulumi types `ReadResult.inputs` with the outputs' type; the host stores them as the inputs.
  const inputsToStore = refreshedInputs(refreshed) as ProviderInputs as ProviderOutputs;
  return { id, props: toOutputs(refreshed), inputs: inputsToStore };
}
