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

export { INPUT_KEYS, inputsOf } from "./inputs";
import { RenewalDecision, renewAfterOf } from "./renewalPolicy";

/**
 * Everything a program reads from a RenewedCertificate: the echoed inputs and the outputs, each a
 * declared field of the class. The constructor registers each as a placeholder (undefined unless
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
] as const;

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
): CertificateState {
  return {
    ...inputs,
    notAfter,
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
  decision: RenewalDecision | undefined,
  reason?: string,
): CertificateState {
  const renewBeforeDays = state.renewBeforeDays ?? DEFAULT_RENEW_BEFORE_DAYS;
  return {
    ...state,
    renewAfter: renewAfterOf(state.notAfter, renewBeforeDays),
    renewalDue: decision?.renew ?? false,
    renewalReason: reason ?? decision?.reason ?? state.renewalReason ?? "",
  };
}

/**
 * The outputs object handed to the engine. Unset values are left out: the host encodes outputs as
 * a protobuf Struct, which has no `undefined` (the resource class declares every output key).
 */
export function toOutputs(state: CertificateState): Record<string, unknown> {
  return JSON.parse(JSON.stringify(state)) as Record<string, unknown>;
}

/**
 * Whether the new inputs differ from those echoed in the old state. `notAfter` is special: its
 * output is the known expiry, so only a user-given expiry later than that counts as a change.
 */
export function inputsDiffer(olds: CertificateState, news: CertificateInputs): boolean {
  const strip = (x: CertificateInputs) =>
    canonicalJson({ ...inputsOf(x as unknown as Record<string, unknown>), notAfter: undefined });
  if (strip(olds) !== strip(news)) return true;
  const given = normalizedNotAfter(news.notAfter);
  return !!given && (!olds.notAfter || Date.parse(given) > Date.parse(olds.notAfter));
}
