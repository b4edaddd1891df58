/**
 * The two clocks of a purchased certificate and what they call for, as pure functions. Since
 * 2026-03-15 a certificate lives at most 200 days (./certificateLifetimes.ts) while vendors sell
 * 12–36-month terms: inside the paid term (`coverageEndsAt`) a certificate that nears its
 * `notAfter` is *reissued* free; only when the term itself nears its end is it *renewed* (paid).
 * Both clocks use the one threshold `renewBeforeDays`. The single-clock rules (pending, trigger,
 * lifetime, backoff, unknown outcome, already done) stay in ./renewalPolicy.ts and are applied to
 * each clock here.
 */
import { CertificateInputs, CertificateState, DEFAULT_RENEW_BEFORE_DAYS } from "./inputs";
import { RenewalDecision, renewAfterOf, retryBackoffMs, shouldRenew } from "./renewalPolicy";

const DAY_MS = 86_400_000;

/** What the clocks call for. */
export type NextAction = "none" | "reissue" | "renew";

/** An action that can be submitted. */
export type CertificateAction = Exclude<NextAction, "none">;

/** A {@link RenewalDecision} that also says which action, when it falls due and why in money. */
export interface ActionDecision extends RenewalDecision {
  /** `renew` true: the action to submit now. Otherwise the action the clocks call for next. */
  action: NextAction;
  /** When {@link action} falls due (ISO); may lie in the past while it is held back. */
  nextActionAt?: string;
  /** After a failure: when it may be retried (the backoff); undefined otherwise. */
  nextAttemptAt?: string;
  /** The expiry the action is for (notAfter for a reissue, the term's end for a renewal). */
  forExpiry?: string;
  /** The preview line: which action, whether it costs money, and why. */
  plan?: string;
}

function daysUntil(iso: string, now: Date): number {
  return Math.floor((Date.parse(iso) - now.getTime()) / DAY_MS);
}

function inDays(days: number): string {
  return days < 0 ? `ended ${-days} day(s) ago` : `ends in ${days} day(s)`;
}

/** When a failed action may be retried, if the last one failed and may be retried automatically. */
export function nextAttemptOf(state: CertificateState | undefined): string | undefined {
  if (state?.renewalStatus !== "failed" || state.outcomeUnknown) return undefined;
  const at = Date.parse(state.lastAttemptAt ?? "") + retryBackoffMs(state.failedAttempts);
  return Number.isFinite(at) ? new Date(at).toISOString() : undefined;
}

/** The end of the paid term when it runs past the certificate (two clocks), else undefined. */
export function separateTerm(
  state: Pick<CertificateState, "notAfter" | "coverageEndsAt"> | undefined,
): string | undefined {
  const term = state?.coverageEndsAt;
  const notAfter = state?.notAfter;
  if (!term || !notAfter) return undefined;
  return Date.parse(term) > Date.parse(notAfter) ? term : undefined;
}

/** The action-specific "already done for this expiry" mark, so each clock sees only its own. */
function markFor(state: CertificateState, action: CertificateAction): string | undefined {
  return (state.lastAction ?? "renew") === action ? state.renewedForNotAfter : undefined;
}

/**
 * Decides from the previous state (undefined on create), the new inputs and the clock, for a
 * vendor that can (`reissuable`) or cannot reissue. One clock (no separate term, or no reissue at
 * the vendor) decides exactly as {@link shouldRenew}. With two:
 *  - the term ends within `renewBeforeDays`, or `lifetimeMonths`/`renewalTrigger` changed → renew;
 *  - else the certificate expires within `renewBeforeDays` and the term runs past it → reissue.
 */
export function decideNextAction(
  state: CertificateState | undefined,
  inputs: CertificateInputs,
  now: Date,
  reissuable: boolean,
): ActionDecision {
  const id = String(inputs.certificateId);
  const days = inputs.renewBeforeDays ?? DEFAULT_RENEW_BEFORE_DAYS;
  const nextAttemptAt = nextAttemptOf(state);
  const term = reissuable ? separateTerm(state) : undefined;
  if (!state || !term) {
    const d = shouldRenew(state, inputs, now);
    const notAfter = state?.notAfter ?? inputs.notAfter;
    const action: NextAction = d.poll || !d.renewAfter ? "none" : "renew";
    return {
      ...d,
      action,
      nextActionAt: d.renewAfter,
      nextAttemptAt,
      forExpiry: notAfter,
      // One clock: the line the single-clock resource always printed (a renewal is always paid).
      plan: d.renew ? `renewal planned — ${d.reason}` : undefined,
    };
  }
  const notAfter = state.notAfter!;
  const onTerm = shouldRenew(
    { ...state, notAfter: term, renewedForNotAfter: markFor(state, "renew") },
    inputs,
    now,
  );
  const termDue = now.getTime() >= Date.parse(renewAfterOf(term, days)!);
  const renewAt = renewAfterOf(term, days);
  const reissueAt = renewAfterOf(notAfter, days)!;
  const base = { renewAfter: reissueAt, nextAttemptAt };
  if (onTerm.poll) return { ...onTerm, ...base, action: "none" };
  if (onTerm.renew) {
    // The window's own wording is replaced by the term's; a retry note after ";" is kept.
    const note = onTerm.reason.includes("; ") ? onTerm.reason.slice(onTerm.reason.indexOf("; ")) : "";
    const reason = termDue
      ? `the term of certificate ${id} ${inDays(daysUntil(term, now))} (${term})${note}`
      : onTerm.reason;
    return {
      ...onTerm,
      ...base,
      reason,
      action: "renew",
      nextActionAt: renewAt,
      forExpiry: term,
      plan: `renewal planned (paid) — ${reason}`,
    };
  }
  if (termDue) return { ...onTerm, ...base, action: "renew", nextActionAt: renewAt, forExpiry: term };
  const onCertificate = shouldRenew({ ...state, renewedForNotAfter: markFor(state, "reissue") }, inputs, now);
  const paidUntil = term.slice(0, 10);
  if (onCertificate.renew) {
    const left = daysUntil(notAfter, now);
    const expiry = left < 0 ? `expired ${-left} day(s) ago` : `expires in ${left} day(s)`;
    const note = onCertificate.reason.includes("; ")
      ? onCertificate.reason.slice(onCertificate.reason.indexOf("; "))
      : "";
    const reason = `certificate ${id} ${expiry} (${notAfter}), inside the ${days}-day window; its term is paid until ${paidUntil}${note}`;
    return {
      ...onCertificate,
      ...base,
      reason,
      action: "reissue",
      nextActionAt: reissueAt,
      forExpiry: notAfter,
      plan: `reissue planned (free, inside the term paid until ${paidUntil}) — certificate ${id} ${expiry}${note}`,
    };
  }
  // Nothing due now: the earlier of the two clocks comes next.
  const reissueFirst = Date.parse(reissueAt) < Date.parse(renewAt!);
  return {
    ...onCertificate,
    ...base,
    action: reissueFirst ? "reissue" : "renew",
    nextActionAt: reissueFirst ? reissueAt : renewAt,
    forExpiry: reissueFirst ? notAfter : term,
  };
}
