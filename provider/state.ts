/** Building and comparing the state (outputs) of a RenewedCertificate. */
import { parseAnyDate } from "../sdk/common/dates";
import { RenewalProgress } from "./backends/backend";
import {
  CertificateInputs,
  CertificateState,
  DEFAULT_RENEW_BEFORE_DAYS,
  canonicalJson,
  inputsOf,
  vendorOf,
} from "./inputs";

import { ActionDecision, nextAttemptOf } from "./coveragePolicy";
import { renewAfterOf } from "./renewalPolicy";

/**
 * Everything a program reads from a RenewedCertificate: the echoed inputs and the outputs. This
 * list is the only one: their types and docs are CertificateState's, and the class's Output fields
 * are derived from both (`RenewedCertificateOutputs` in ./resource.ts). The constructor registers each as a placeholder (undefined unless
 * the user set it) so every one is an Output even when unset; nothing else is registered, because
 * each registered property costs the Pulumi SDK four promises and an Output on every preview. The
 * provider's own bookkeeping (`lastAttemptAt`, `outcomeUnknown`, `renewedForNotAfter`,
 * `currentChallenge`: docs/REFERENCE.md) is returned as outputs all the same, so it lands in state.
 */
export const PROGRAM_OUTPUTS = [
  "certificateId",
  "lifetimeMonths",
  "renewBeforeDays",
  "renewalTrigger",
  "waitTimeoutSeconds",
  "notAfter",
  "renewAfter",
  "renewalDue",
  "renewalReason",
  "jobId",
  "transactionId",
  "renewalStatus",
  "vendorStatus",
  "certificatePem",
  "certificateChainPem",
  "renewalCount",
  "lastRenewedAt",
  "lastError",
  "failedAttempts",
  "coverageEndsAt",
  "nextAction",
  "nextActionAt",
  "lastAction",
  "reissueCount",
  "lastReissuedAt",
  "nextAttemptAt",
] as const satisfies readonly (keyof CertificateState)[];

/** The name of an output a program reads. */
export type ProgramOutput = (typeof PROGRAM_OUTPUTS)[number];

/** The resource id: vendor and the vendor's certificate id. */
export function resourceId(inputs: CertificateInputs): string {
  const protocol = inputs.autodns?.protocol === "xml" ? "-xml" : "";
  return `${vendorOf(inputs) ?? "unknown"}${protocol}:${inputs.certificateId}`;
}

/** An ISO form of a user-given expiry, or undefined. */
export function normalizedNotAfter(value: string | undefined): string | undefined {
  if (!value) return undefined;
  try {
    return parseAnyDate(value);
  } catch {
    return undefined;
  }
}

/** The later of two ISO instants. */
export function laterOf(a: string | undefined, b: string | undefined): string | undefined {
  if (!a) return b;
  if (!b) return a;
  return Date.parse(a) >= Date.parse(b) ? a : b;
}

/** A fresh state for a certificate just adopted. */
export function adoptedState(
  inputs: CertificateInputs,
  notAfter: string | undefined,
  pem?: string,
  coverageEndsAt?: string,
): CertificateState {
  return {
    ...inputs,
    notAfter,
    coverageEndsAt: coverageEndsAt ?? notAfter,
    renewalDue: false,
    renewalReason: "",
    renewalStatus: "none",
    renewalCount: 0,
    failedAttempts: 0,
    certificatePem: pem,
  };
}

/** Carries the previous state forward under new inputs (outputs kept, inputs replaced). */
export function carriedState(olds: CertificateState, inputs: CertificateInputs): CertificateState {
  const given = normalizedNotAfter(inputs.notAfter);
  return { ...olds, ...inputs, notAfter: laterOf(olds.notAfter, given) };
}

/** Applies a renewal's progress. */
export function withProgress(state: CertificateState, p: RenewalProgress, now: Date): CertificateState {
  const next: CertificateState = {
    ...state,
    jobId: p.jobId ?? state.jobId,
    transactionId: p.transactionId ?? state.transactionId,
    renewalStatus: p.status,
    vendorStatus: p.vendorStatus,
  };
  if (p.status === "succeeded") {
    next.notAfter = laterOf(state.notAfter, p.notAfter);
    next.coverageEndsAt = laterOf(state.coverageEndsAt, p.coverageEndsAt);
    next.certificatePem = p.certificatePem ?? state.certificatePem;
    // A new certificate brings its own chain (or none); without one the old chain still fits.
    next.certificateChainPem = p.certificatePem ? p.certificateChainPem : state.certificateChainPem;
    next.failedAttempts = 0;
    next.lastError = "";
    next.outcomeUnknown = false;
  } else if (p.status === "failed") {
    next.failedAttempts = (state.failedAttempts ?? 0) + 1;
    next.lastAttemptAt = now.toISOString();
    next.lastError = p.failureReason ?? `renewal ended ${p.vendorStatus}`;
    if (p.outcomeUnknown) next.outcomeUnknown = true;
  }
  return next;
}

/** Fills the derived outputs from a decision taken at `now`. */
export function finalized(
  state: CertificateState,
  decision: ActionDecision | undefined,
  reason?: string,
): CertificateState {
  const renewBeforeDays = state.renewBeforeDays ?? DEFAULT_RENEW_BEFORE_DAYS;
  const next: CertificateState = {
    ...state,
    renewAfter: renewAfterOf(state.notAfter, renewBeforeDays),
    renewalDue: decision?.renew ?? false,
    renewalReason: reason ?? decision?.reason ?? state.renewalReason ?? "",
    // A certificate never outlives its paid term: where the vendor names no term, it is the expiry.
    coverageEndsAt: laterOf(state.coverageEndsAt, state.notAfter),
    nextAttemptAt: nextAttemptOf(state),
  };
  if (decision) {
    next.nextAction = decision.action;
    next.nextActionAt = decision.nextActionAt;
  }
  return next;
}

/**
 * What an output reads while it has nothing to say: the documented `""` and `0`. An unset output
 * would reach a program as `undefined`, which the CLI reports as "Undefined value (…) will not show
 * as a stack output" for every one a program exports.
 */
export const OUTPUT_DEFAULTS = {
  renewalReason: "",
  jobId: "",
  transactionId: "",
  vendorStatus: "",
  certificatePem: "",
  lastRenewedAt: "",
  lastError: "",
  renewalCount: 0,
  failedAttempts: 0,
  nextAction: "none",
  nextActionAt: "",
  lastAction: "",
  reissueCount: 0,
  lastReissuedAt: "",
  nextAttemptAt: "",
} as const satisfies Partial<Record<ProgramOutput, string | number>>;

/** The string outputs whose `""` means "none" (read back as unset, so `a ?? b` keeps working). */
const EMPTY_MEANS_UNSET: readonly (keyof CertificateState)[] = [
  "jobId",
  "transactionId",
  "vendorStatus",
  "certificatePem",
  "lastRenewedAt",
  "nextActionAt",
  "lastAction",
  "lastReissuedAt",
  "nextAttemptAt",
];

/**
 * The outputs object handed to the engine, every documented output present (see
 * {@link OUTPUT_DEFAULTS}). Unset values are otherwise left out: the host encodes outputs as a
 * protobuf Struct, which has no `undefined`.
 */
export function toOutputs(state: CertificateState): CertificateState {
  const outs = JSON.parse(JSON.stringify(state)) as CertificateState;
  const held = new Map(Object.entries(outs));
  const missing = Object.entries(OUTPUT_DEFAULTS).filter(([key]) => held.get(key) == null);
  return { ...outs, ...Object.fromEntries(missing) };
}

/**
 * A stored state (the outputs the engine hands back to diff, update and read) as the provider
 * works with it: the `""` placeholders of {@link toOutputs} become unset again (`lastError` and
 * `renewalReason` keep `""`, which the code sets itself). Older states without them read the same.
 */
export function stateOf(outputs: CertificateState): CertificateState {
  const state = { ...outputs };
  for (const key of EMPTY_MEANS_UNSET) if (state[key] === "") delete state[key];
  return state;
}

/**
 * Whether the new inputs differ from those echoed in the old state. `notAfter` is special: its
 * output is the known expiry, so only a user-given expiry later than that counts as a change.
 */
export function inputsDiffer(olds: CertificateState, news: CertificateInputs): boolean {
  const strip = (x: CertificateInputs) => canonicalJson({ ...inputsOf(x), notAfter: undefined });
  if (strip(olds) !== strip(news)) return true;
  const given = normalizedNotAfter(news.notAfter);
  return !!given && (!olds.notAfter || Date.parse(given) > Date.parse(olds.notAfter));
}
