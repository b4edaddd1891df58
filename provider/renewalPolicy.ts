/**
 * The renewal decision, as pure functions of state, inputs and the clock. Everything that decides
 * "renew now?" lives here so it can be tested at the boundary days without a vendor or an engine.
 */
import { CertificateInputs, CertificateState, DEFAULT_RENEW_BEFORE_DAYS, otherInputsKey } from "./inputs";

const DAY_MS = 86_400_000;

/** What the provider should do about a certificate now. */
export interface RenewalDecision {
  /** Submit a renewal now. */
  renew: boolean;
  /** A renewal is pending at the vendor: poll it instead. */
  poll: boolean;
  /** One sentence saying why (or why not); "" when nothing is due and nothing happened. */
  reason: string;
  /** `notAfter − renewBeforeDays`, when the expiry is known. */
  renewAfter?: string;
}

/** Delay before retrying a failed renewal: 1 h, doubling per failure, at most 24 h. */
export function retryBackoffMs(failedAttempts: number): number {
  return Math.min(24, 2 ** Math.max(0, failedAttempts - 1)) * 3_600_000;
}

/** `notAfter − days`, ISO. */
export function renewAfterOf(notAfter: string | undefined, renewBeforeDays: number): string | undefined {
  if (!notAfter) return undefined;
  const t = Date.parse(notAfter);
  return Number.isNaN(t) ? undefined : new Date(t - renewBeforeDays * DAY_MS).toISOString();
}

function describeExpiry(certificateId: string, notAfter: string, now: Date): string {
  const days = Math.floor((Date.parse(notAfter) - now.getTime()) / DAY_MS);
  const when = days < 0 ? `expired ${-days} day(s) ago` : `expires in ${days} day(s)`;
  return `certificate ${certificateId} ${when} (${notAfter})`;
}

/**
 * Decides from the previous state (undefined on create), the new inputs and the clock.
 * Order matters: a pending renewal blocks everything; explicit changes (trigger, lifetime) renew
 * at once, skipping any retry backoff; otherwise the expiry window decides.
 */
export function shouldRenew(
  state: CertificateState | undefined,
  inputs: CertificateInputs,
  now: Date,
): RenewalDecision {
  const id = String(inputs.certificateId);
  const renewBeforeDays = inputs.renewBeforeDays ?? DEFAULT_RENEW_BEFORE_DAYS;
  const notAfter = state?.notAfter ?? inputs.notAfter;
  const renewAfter = renewAfterOf(notAfter, renewBeforeDays);
  const base = { renewAfter };

  if (state?.renewalStatus === "pending") {
    const ref = state.jobId ?? state.transactionId ?? "?";
    return {
      ...base,
      renew: false,
      poll: true,
      reason: `renewal ${ref} of certificate ${id} is pending at the vendor`,
    };
  }
  if (state && (state.renewalTrigger ?? "") !== (inputs.renewalTrigger ?? "")) {
    return {
      ...base,
      renew: true,
      poll: false,
      reason: `renewalTrigger changed from "${state.renewalTrigger ?? ""}" to "${inputs.renewalTrigger ?? ""}"`,
    };
  }
  if (state && state.lifetimeMonths !== inputs.lifetimeMonths) {
    return {
      ...base,
      renew: true,
      poll: false,
      reason: `lifetimeMonths changed from ${state.lifetimeMonths} to ${inputs.lifetimeMonths}`,
    };
  }
  if (!notAfter || !renewAfter) {
    return {
      ...base,
      renew: false,
      poll: false,
      reason: `the expiry of certificate ${id} is unknown; set notAfter (or symantec.originalCertificate)`,
    };
  }
  if (now.getTime() < Date.parse(renewAfter)) {
    return { ...base, renew: false, poll: false, reason: "" };
  }
  if (
    state?.renewedForNotAfter &&
    state.renewedForNotAfter === notAfter &&
    state.renewalStatus === "succeeded"
  ) {
    return {
      ...base,
      renew: false,
      poll: false,
      reason: `certificate ${id} was already renewed for the expiry ${notAfter}; waiting for the vendor to report the new expiry (run pulumi refresh)`,
    };
  }
  const why = `${describeExpiry(id, notAfter, now)}, inside the ${renewBeforeDays}-day renewal window`;
  if (state?.renewalStatus === "failed") {
    if (state.outcomeUnknown) {
      return {
        ...base,
        renew: false,
        poll: false,
        reason: `the outcome of the last renewal of certificate ${id} is unknown; check at the vendor, then change renewalTrigger to renew again`,
      };
    }
    // A changed input (say, a corrected contact id) is worth trying at once.
    const inputsChanged = otherInputsKey(state) !== otherInputsKey(inputs);
    const retryAt = Date.parse(state.lastAttemptAt ?? "") + retryBackoffMs(state.failedAttempts);
    if (!inputsChanged && Number.isFinite(retryAt) && now.getTime() < retryAt) {
      return {
        ...base,
        renew: false,
        poll: false,
        reason: `the last renewal failed; retrying after ${new Date(retryAt).toISOString()} (change renewalTrigger to retry now)`,
      };
    }
    const retry = inputsChanged ? "retrying at once with changed inputs" : "retrying after a failed renewal";
    return { ...base, renew: true, poll: false, reason: `${why}; ${retry}` };
  }
  return { ...base, renew: true, poll: false, reason: why };
}
