/**
 * `plannedAction`: the action a run will take and why, as an input property, so that
 * `pulumi preview --diff` shows it on the resource's own lines (`~ plannedAction: "none" =>
 * "renewal planned — certificate 100 expires in 20 day(s) …"`).
 *
 * Why an input, computed in `check`, fed by `read`: for a dynamic resource the CLI's `--diff`
 * prints the old inputs against the checked new inputs and nothing else — the Node dynamic-provider
 * host sends no detailed diff and supports no provider preview, so outputs and diff results never
 * reach those lines. `check` receives only the old inputs, never the state's outputs, so it can
 * decide only from facts that a refresh (`read`, which may return inputs) put there:
 * `refreshedState`. Hence `--refresh` (docs/REFERENCE.md). No vendor call is made here.
 *
 * Facts are good until a run plans a renewal: then the vendor's answer is unknown until the next
 * refresh, and the value says so instead of repeating a reason that no longer holds.
 */
import {
  CertificateInputs,
  CertificateState,
  ProviderInputs,
  ProviderSetInputs,
  RefreshedState,
  inputsOf,
} from "./inputs";
import { canReissue } from "./backends";
import { decideNextAction } from "./coveragePolicy";
import { UNKNOWN, containsUnknown } from "./unknowns";

/** The input key of the planned action (set by the provider, never by a program). */
export const PLANNED_ACTION_KEY = "plannedAction" satisfies keyof ProviderSetInputs;
/** The input key of the facts a refresh found (set by the provider, never by a program). */
export const REFRESHED_STATE_KEY = "refreshedState" satisfies keyof ProviderSetInputs;

/** Nothing will be bought or changed at the vendor. */
export const NO_ACTION = "none";
/** The first run adopts the certificate and buys nothing. */
export const ADOPT_ACTION = "adopt — the certificate is read from the vendor; nothing is bought";
/** No refreshed facts (or a renewal was planned since): only a refresh can tell. */
export const UNKNOWN_ACTION = "unknown until refreshed — run with --refresh to see the planned action here";
const RENEWAL_PREFIX = "renewal planned — ";

/** The facts of a refreshed state, unset ones left out (a protobuf Struct has no `undefined`). */
export function refreshedStateOf(state: CertificateState): RefreshedState {
  const facts: RefreshedState = {
    notAfter: state.notAfter,
    coverageEndsAt: state.coverageEndsAt,
    lastAction: state.lastAction,
    renewalStatus: state.renewalStatus,
    jobId: state.jobId,
    transactionId: state.transactionId,
    renewedForNotAfter: state.renewedForNotAfter,
    lastAttemptAt: state.lastAttemptAt,
    failedAttempts: state.failedAttempts,
    outcomeUnknown: state.outcomeUnknown,
  };
  return JSON.parse(JSON.stringify(facts)) as RefreshedState;
}

/**
 * The inputs `read` hands back for the engine to store: the program's inputs as echoed in the
 * outputs, the refreshed facts, and `plannedAction: "none"` — the baseline the next check's value
 * is shown against. `notAfter` is left out: its output is the known expiry, not what the program set.
 */
export function refreshedInputs(state: CertificateState): CertificateInputs & ProviderSetInputs {
  const { notAfter: _known, ...inputs } = inputsOf(state);
  return { ...inputs, refreshedState: refreshedStateOf(state), plannedAction: NO_ACTION };
}

/**
 * The planned action for new inputs, from the old inputs alone (`olds` is empty on create).
 * Pure: the clock is passed in.
 */
export function plannedAction(olds: Partial<ProviderInputs>, news: CertificateInputs, now: Date): string {
  // An input not known yet (preview) makes the plan not known yet either: the CLI shows [unknown].
  if (containsUnknown(news)) return UNKNOWN;
  if (olds.certificateId === undefined || String(olds.certificateId) !== String(news.certificateId))
    return ADOPT_ACTION;
  const facts = olds.plannedAction === NO_ACTION ? olds.refreshedState : undefined;
  // Only what the policy reads of a state: the old inputs (trigger, lifetime) and the facts.
  const basis = {
    ...inputsOf(olds as ProviderInputs),
    ...(facts ?? { notAfter: undefined }),
  } as CertificateState;
  // Without facts only the inputs can tell (a changed trigger or lifetime), not a user-given expiry
  // that a renewal since may have overtaken.
  const decision = decideNextAction(
    basis,
    facts ? news : { ...news, notAfter: undefined },
    now,
    canReissue(news),
  );
  if (decision.renew) return decision.plan ?? `${RENEWAL_PREFIX}${decision.reason}`;
  return facts ? NO_ACTION : UNKNOWN_ACTION;
}

/** The checked inputs with the refreshed facts carried and the planned action computed. */
export function withPlannedAction<T extends CertificateInputs>(
  checked: T,
  olds: Partial<ProviderInputs>,
  news: CertificateInputs,
  now: Date,
): T & ProviderSetInputs {
  // Decided from `news` as given: `checked` has its credentials wrapped as secrets.
  const facts = olds.refreshedState;
  return {
    ...checked,
    ...(facts === undefined ? {} : { refreshedState: facts }),
    plannedAction: plannedAction(olds, news, now),
  };
}
