/**
 * Pipelines as they really run: a runner lost after the vendor accepted a renewal (the next run
 * starts on a fresh machine: empty PULUMI_HOME, so no renewal journal, same backend state), two
 * runs of the same stack at once, and one certificate declared in two stacks.
 */
import { SHORT_IDS, type ApiName } from "./apis";
import type { OpResult } from "./faultStack";
import type { Scenario, ScenarioContext } from "./scenario";
import {
  REFUSES_RETRY,
  adoptThenFallDue,
  expectRenewals,
  expectVendorExpiry,
  expectStatus,
  renewalIdOf,
  upFails,
  upKilledAt,
  upOk,
} from "./steps";

/** The vendor finishes every open renewal of the certificate (Symantec: approves it). */
export async function finishOpenRenewals(ctx: ScenarioContext): Promise<void> {
  for (const job of ctx.openJobs()) {
    if (ctx.api.vendor === "symantec") await ctx.sandbox.admin.approve(job.id);
    else await ctx.sandbox.admin.completeJob(job.id);
  }
}

/** Killed as the vendor accepts; the runner is gone and the next run starts on a fresh machine. */
async function runnerLostAtAccept(ctx: ScenarioContext, keepJournal = false): Promise<void> {
  await adoptThenFallDue(ctx);
  await upKilledAt(ctx, "renew", "both", "the killed up fails");
  ctx.freshMachine({ keepJournal });
  // The new runner unlocks the stack the dead one held.
  await ctx.cancel();
}

/** Searchable vendors: the fresh runner finds the accepted renewal at the vendor and follows it. */
function lostRunner(api: Exclude<ApiName, "symantec">): Scenario {
  return {
    id: `${SHORT_IDS[api]}-lost-runner`,
    api,
    fault: "runner killed as the vendor accepts; next run on a fresh machine (no journal)",
    expect: "cancel, refresh, up on the new machine: the renewal is found at the vendor and followed",
    intendedRenewals: 1,
    async run(ctx) {
      await runnerLostAtAccept(ctx);
      const refreshed = await ctx.refresh();
      ctx.check(refreshed.ok, "refresh on the new machine succeeds");
      await upOk(ctx, "up on the new machine");
      expectStatus(ctx, "pending", "after the search: ");
      await ctx.completeJobs();
      await upOk(ctx, "up once the job finished");
      expectStatus(ctx, "succeeded");
      expectRenewals(ctx, 1, "at the end");
    },
  };
}

/**
 * The job finished before the new runner looked: nothing is pending, but the expiry moved and the
 * vendor's history (AutoDNS job list, ResellerClub actions) names the finished renewal.
 */
function lostRunnerJobDone(api: Exclude<ApiName, "symantec">): Scenario {
  return {
    id: `${SHORT_IDS[api]}-lost-runner-job-done`,
    api,
    fault: "runner killed as the vendor accepts; the job finishes; next up on a fresh machine",
    expect: "no second renewal; the finished renewal's id (vendor history) and new expiry are recorded",
    intendedRenewals: 1,
    async run(ctx) {
      await runnerLostAtAccept(ctx);
      await ctx.completeJobs();
      await upOk(ctx, "up on the new machine");
      await upOk(ctx, "another up");
      expectVendorExpiry(ctx);
      const jobs = ctx.sandbox.admin.jobs({ vendor: ctx.api.vendor, certificateId: ctx.certId });
      ctx.check(renewalIdOf(ctx.state()) === jobs[0]?.id, "state names the finished renewal");
    },
  };
}

/**
 * VICE2 cannot be searched: only the renewal journal knows of a renewal whose result was lost, so
 * a pipeline on throw-away machines keeps the journal directory as a cache. Killed while following
 * (the answer was read and journaled): the new machine's refresh records the accepted id.
 */
const symLostRunnerFollowing: Scenario = {
  id: "sym-lost-runner-journal-kept",
  api: "symantec",
  fault: "runner killed while following an accepted renewal; fresh machine, journal kept as a cache",
  expect: "refresh on the new machine records the accepted id from the journal; no renewal again",
  intendedRenewals: 1,
  args: async () => ({ waitTimeoutSeconds: 5 }),
  async run(ctx) {
    ctx.sandbox.admin.setSymantecAutoApprove(false);
    await adoptThenFallDue(ctx);
    await upKilledAt(ctx, "poll", "both", "the killed up fails");
    ctx.freshMachine({ keepJournal: true });
    await ctx.cancel();
    const refreshed = await ctx.refresh();
    ctx.check(refreshed.ok, "refresh on the new machine succeeds");
    ctx.check(renewalIdOf(ctx.state()) !== undefined, "refresh records the accepted id");
    await finishOpenRenewals(ctx);
    await upOk(ctx, "up once approved");
    expectStatus(ctx, "succeeded");
    expectRenewals(ctx, 1, "at the end");
  },
};

/**
 * Killed as VICE2 accepts (the answer never read), journal kept as a cache: the new machine knows
 * a renewal was submitted, says so once naming the transaction to check, and renews nothing.
 */
const symLostRunnerAtAccept: Scenario = {
  id: "sym-lost-runner-at-accept",
  api: "symantec",
  fault: "runner killed as VICE2 accepts; fresh machine, journal kept as a cache",
  expect: "the new machine says once that the renewal of the transaction must be checked; no auto-retry",
  intendedRenewals: 1,
  async run(ctx) {
    await runnerLostAtAccept(ctx, true);
    await ctx.refresh();
    await upFails(ctx, "up on the new machine", REFUSES_RETRY);
    const said = ctx.ops[ctx.ops.length - 1].errors.some((e) => e.includes(ctx.certId));
    ctx.check(said, "the error names the transaction to check");
    await upOk(ctx, "another up");
    ctx.check(ctx.state().outcomeUnknown === true, "state keeps the outcome unknown");
    expectRenewals(ctx, 1, "at the end");
  },
};

/** Checks that the backend's lock refused `result` with the engine's clear message. */
function expectLockedOut(ctx: ScenarioContext, result: OpResult): void {
  ctx.check(!result.ok && result.locked === true, "the second run is refused by the stack's lock");
  ctx.check(
    /pulumi cancel/.test(result.output),
    "the refusal says how to clear a stale lock (pulumi cancel)",
  );
}

/**
 * Two pipelines run `pulumi up` of the same stack at once: the second starts while the first
 * follows the renewal it submitted (the vendor holds the job until the second has finished).
 */
function concurrentUps(api: ApiName): Scenario {
  return {
    id: `${SHORT_IDS[api]}-concurrent-ups`,
    api,
    fault: "a second `pulumi up` of the same stack (another runner) while the first renews",
    expect: "the backend's lock refuses the second with a clear message; one renewal, followed to the end",
    intendedRenewals: 1,
    // The first run follows its renewal long enough for the second to meet the lock.
    args: async () => ({ waitTimeoutSeconds: 120 }),
    async run(ctx) {
      if (api === "symantec") ctx.sandbox.admin.setSymantecAutoApprove(false);
      await adoptThenFallDue(ctx);
      const other = await ctx.secondRunner();
      const accepted = ctx.nextRequest("renew");
      const first = ctx.up();
      await accepted;
      const second = await ctx.up(other);
      expectLockedOut(ctx, second);
      await finishOpenRenewals(ctx);
      const done = await first;
      ctx.check(done.ok, `the first run succeeds (${done.errors[0] ?? ""})`);
      expectStatus(ctx, "succeeded");
      const again = await ctx.up(other);
      ctx.check(again.ok, "the second pipeline's re-run succeeds");
      expectRenewals(ctx, 1, "after both pipelines");
    },
  };
}

/**
 * The same certificate declared in two stacks by mistake. The first stack's renewal is pending at
 * the vendor when the second stack's up finds the certificate due: the vendor-side pending check
 * (AutoDNS job list, ResellerClub actions) makes the second follow the first's job.
 */
function twoStacks(api: Exclude<ApiName, "symantec">): Scenario {
  return {
    id: `${SHORT_IDS[api]}-two-stacks`,
    api,
    fault: "the same certificate declared in two stacks; both fall due",
    expect: "the second stack finds the first's renewal pending at the vendor and follows it; one renewal",
    intendedRenewals: 1,
    async run(ctx) {
      const other = await ctx.secondStack();
      await upOk(ctx, "the first stack adopts");
      const adopted = await ctx.up(other);
      ctx.check(adopted.ok, "the second stack adopts");
      ctx.advance({ days: 35 });
      await upOk(ctx, "the first stack renews");
      const firstJob = renewalIdOf(ctx.state());
      const followed = await ctx.up(other);
      ctx.check(followed.ok, `the second stack's up succeeds (${followed.errors[0] ?? ""})`);
      ctx.check(renewalIdOf(other.state() ?? {}) === firstJob, "the second stack follows the first's job");
      expectRenewals(ctx, 1, "after both stacks");
      await ctx.completeJobs();
      const recorded = await ctx.up(other);
      ctx.check(recorded.ok && other.state()?.renewalStatus === "succeeded", "the second stack records it");
      await upOk(ctx, "the first stack records it");
      expectStatus(ctx, "succeeded");
    },
  };
}

export const PIPELINE_SCENARIOS: Scenario[] = [
  lostRunner("json"),
  lostRunner("xml"),
  lostRunner("resellerclub"),
  lostRunnerJobDone("json"),
  lostRunnerJobDone("xml"),
  lostRunnerJobDone("resellerclub"),
  symLostRunnerFollowing,
  symLostRunnerAtAccept,
  concurrentUps("json"),
  concurrentUps("xml"),
  concurrentUps("resellerclub"),
  concurrentUps("symantec"),
  twoStacks("json"),
  twoStacks("xml"),
  twoStacks("resellerclub"),
];
