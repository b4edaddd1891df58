/**
 * Judges one finished scenario by what the vendor and the state file say, not by what the
 * provider claims:
 * - renewals: accepted renewals at the sandbox; more than intended is a double renewal;
 * - ids, counted strictly: every accepted job/transaction id must have reached the state of a
 *   later operation of one of the scenario's stacks (a fresh machine or a second stack included),
 *   and the last one must be in the final state; any other is lost. The only ids set apart are
 *   "unreachable by design": the answer never reached the provider (dropped, timed out, or the
 *   provider killed before reading it), the vendor cannot be asked about it (no search), and the
 *   provider told the user so (an error saying it will not submit the renewal again on its own);
 * - errors: every error the engine reported must name the vendor, quote the vendor's code when
 *   the vendor sent one, and say what to do (operations during which the harness killed the
 *   engine or provider are left out: their errors are the engine's).
 */
import type { Sandbox } from "../../sandbox";
import { acceptedIds, FaultApi } from "./apis";
import type { OpResult } from "./faultStack";
import { REFUSES_RETRY } from "./steps";
import type { Scenario, ScenarioContext } from "./scenario";

/** An error message and what it lacks. */
export interface JudgedError {
  message: string;
  lacks: string[];
}

/** The verdict on one scenario. */
export interface ScenarioResult extends ScenarioVerdict {
  scenario: Scenario;
}

/** The verdict without the scenario: what a scenario's process hands the runner (JSON). */
export interface ScenarioVerdict {
  renewals: number;
  doubleRenewals: number;
  accepted: string[];
  lost: string[];
  unreachable: number;
  errors: JudgedError[];
  failedChecks: string[];
  notes: string[];
  leaks: string[];
  ms: number;
}

/** A clause that tells the user what to do: an imperative verb starting a clause. */
const FIX =
  /(?:^|[;:.,]\s+|\b(?:then|and|or)\s+)(?:check|set|try again|wait|run pulumi|change|use|lower|remove|settle|correct|keep)\b/i;

/** What an error message lacks: the vendor's name, its code, a fix. */
export function judgeError(message: string, api: FaultApi, vendorCode?: string): JudgedError {
  const lacks: string[] = [];
  if (!api.label.test(message)) lacks.push("vendor");
  if (vendorCode && !message.includes(vendorCode)) lacks.push(`code ${vendorCode}`);
  if (!FIX.test(message)) lacks.push("fix");
  return { message, lacks };
}

/** Requests on the renew route whose answer never reached the provider. */
function droppedAnswers(sandbox: Sandbox, route: string, certificateId: string): number {
  return sandbox.admin
    .requests({ route, certificateId })
    .filter((r) => r.fault === "acceptThenDrop" || r.fault === "delay").length;
}

function idsIn(state: Record<string, unknown> | undefined): string[] {
  return [state?.jobId, state?.transactionId].filter((v): v is string => typeof v === "string" && v !== "");
}

/** Judges a scenario after it ran. */
export function evaluate(
  scenario: Scenario,
  ctx: ScenarioContext,
  ops: OpResult[],
  secrets: string[],
  ms: number,
): ScenarioResult {
  const { sandbox, api, certId } = ctx;
  const renewals = sandbox.admin.renewalCount(api.vendor, certId);
  const accepted = acceptedIds(sandbox, api, certId);
  const recorded = new Set(ops.flatMap((o) => idsIn(o.state)));
  const final = ops[ops.length - 1]?.state;
  const missing = accepted.filter((id) => !recorded.has(id));
  const last = accepted[accepted.length - 1];
  if (last && !idsIn(final).includes(last) && !missing.includes(last)) missing.push(last);
  const lostAnswers = ctx.lostAnswers + droppedAnswers(sandbox, api.routes.renew, certId);
  const saidSo = ops.some((o) => o.errors.some((e) => REFUSES_RETRY.test(e)));
  const unreachable = !api.searchable && saidSo ? Math.min(missing.length, lostAnswers) : 0;
  const lost = missing.slice(0, missing.length - unreachable);
  // A killed operation's errors come from the engine losing its provider, not from the provider;
  // a locked-out one's from the backend's lock.
  const errors = [...new Set(ops.filter((o) => !o.killed && !o.locked).flatMap((o) => o.errors))].map((m) =>
    judgeError(m, api, scenario.vendorCode),
  );
  const output = ops.map((o) => o.output).join("\n");
  const leaks = secrets.filter((s) => s && output.includes(s));
  const failedChecks = ctx.checks.filter((c) => !c.ok).map((c) => c.what);
  if (renewals < scenario.intendedRenewals)
    failedChecks.push(`expected ${scenario.intendedRenewals} renewal(s), the vendor accepted ${renewals}`);
  // Reissues are actions too: one more than intended is a double action, counted with renewals.
  const reissues = sandbox.admin.reissueCount(api.vendor, certId);
  const intendedReissues = scenario.intendedReissues ?? 0;
  if (reissues < intendedReissues)
    failedChecks.push(`expected ${intendedReissues} reissue(s), the vendor accepted ${reissues}`);
  return {
    scenario,
    renewals,
    doubleRenewals:
      Math.max(0, renewals - scenario.intendedRenewals) + Math.max(0, reissues - intendedReissues),
    accepted,
    lost,
    unreachable,
    errors,
    failedChecks,
    notes: ctx.notes,
    leaks,
    ms,
  };
}
