/** Steps many scenarios share. */
import type { FaultKind } from "../../sandbox";
import type { KillTarget } from "./kill";
import type { FaultOptions, ScenarioContext } from "./scenario";

const ID_KEYS = ["jobId", "transactionId"] as const;

/** The renewal id in a state (job id or transaction id). */
export function renewalIdOf(state: Record<string, unknown>): string | undefined {
  for (const k of ID_KEYS) if (typeof state[k] === "string" && state[k] !== "") return state[k] as string;
  return undefined;
}

/** First up adopts the certificate without renewing; then the clock moves into the renewal window. */
export async function adoptThenFallDue(ctx: ScenarioContext): Promise<void> {
  const adopted = await ctx.up();
  ctx.check(adopted.ok, "the first up adopts the certificate");
  ctx.check(ctx.state().renewalStatus === "none", "adoption renews nothing");
  ctx.advance({ days: 35 });
}

/** Checks that an up succeeded. */
export async function upOk(ctx: ScenarioContext, what: string): Promise<void> {
  const r = await ctx.up();
  ctx.check(r.ok, `${what}: up succeeds (${r.errors[0] ?? ""})`);
}

/** Checks that an up failed with an error matching `pattern`. */
export async function upFails(ctx: ScenarioContext, what: string, pattern?: RegExp): Promise<void> {
  const r = await ctx.up();
  ctx.check(!r.ok, `${what}: up fails`);
  if (pattern)
    ctx.check(
      r.errors.some((e) => pattern.test(e)),
      `${what}: the error says ${pattern}`,
    );
}

/**
 * Adopts, moves into the renewal window, injects `fault` and checks that the next up fails (with
 * an error matching `pattern`, when given): how most renewal faults start.
 */
export async function dueThenUpFails(
  ctx: ScenarioContext,
  fault: [FaultKind, FaultOptions],
  what: string,
  pattern?: RegExp,
): Promise<void> {
  await adoptThenFallDue(ctx);
  ctx.fault(...fault);
  await upFails(ctx, what, pattern);
}

/** Kills `target` when the vendor answers on `route` during an up, and checks that the up failed. */
export async function upKilledAt(
  ctx: ScenarioContext,
  route: FaultOptions["route"],
  target: KillTarget,
  what: string,
): Promise<void> {
  ctx.killOn(route, target);
  const killed = await ctx.up();
  ctx.check(!killed.ok, what);
  await ctx.disarm();
}

/** The fault goes, the vendor finishes the job, and the next up records the renewal as succeeded. */
export async function recordedOnceJobsComplete(ctx: ScenarioContext, what: string): Promise<void> {
  ctx.clearFaults();
  await ctx.completeJobs();
  await upOk(ctx, what);
  expectStatus(ctx, "succeeded");
}

/** Checks the renewal status in state. */
export function expectStatus(ctx: ScenarioContext, status: string, what = ""): void {
  const actual = ctx.state().renewalStatus;
  ctx.check(actual === status, `${what}renewalStatus is ${status} (was ${String(actual)})`);
}

/** Checks that state has the certificate's expiry at the vendor now (the renewed one). */
export function expectVendorExpiry(ctx: ScenarioContext): void {
  const seeded = ctx.sandbox.admin.certificate(ctx.api.vendor, ctx.certId)!;
  // ResellerClub publishes only its order's end (`endtime`: the paid term), never the certificate's.
  const vendorExpiry = ctx.api.vendor === "resellerclub" ? seeded.coverageEndsAt : seeded.notAfter;
  const recorded = Math.abs(Date.parse(String(ctx.state().notAfter)) - Date.parse(vendorExpiry)) < 1000;
  ctx.check(recorded, "state has the renewed expiry");
}

/** Checks the vendor's renewal count now. */
export function expectRenewals(ctx: ScenarioContext, n: number, what: string): void {
  const actual = ctx.sandbox.admin.renewalCount(ctx.api.vendor, ctx.certId);
  ctx.check(actual === n, `${what}: ${n} renewal(s) at the vendor (was ${actual})`);
}

/** Past the first retry backoff (1 h) of a failed renewal. */
export function pastBackoff(ctx: ScenarioContext): void {
  ctx.advance({ hours: 2 });
}

/** Words the provider uses when it refuses to submit a renewal again on its own. */
export const REFUSES_RETRY = /not (be )?submitted again automatically/;
