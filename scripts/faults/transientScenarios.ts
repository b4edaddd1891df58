/**
 * Faults on read routes (retried, or reported without renewing) and on the renew route before or
 * after the vendor acts: 5xx, 429 with Retry-After, timeouts, resets, malformed and truncated
 * answers.
 */
import type { Scenario, ScenarioContext } from "./scenario";
import {
  CopedRow,
  FailedRenewRow,
  STALL_MS,
  copedWithinOneUp,
  renewedOnceAfterBackoff,
} from "./scenarioRows";
import {
  REFUSES_RETRY,
  adoptThenFallDue,
  dueThenUpFails,
  expectRenewals,
  expectStatus,
  pastBackoff,
  recordedOnceJobsComplete,
  upFails,
  upOk,
} from "./steps";

/**
 * The renew stalls past the client's timeout and the vendor acts late: the up refuses to submit it
 * again, and the step returns once the late request has reached the vendor.
 */
async function renewTimesOut(ctx: ScenarioContext): Promise<void> {
  await adoptThenFallDue(ctx);
  ctx.fault("delay", { route: "renew", delayMs: STALL_MS });
  const late = ctx.nextRequest("renew");
  await upFails(ctx, "renew timed out", REFUSES_RETRY);
  await late;
}

/**
 * The vendor accepts a renew whose answer arrives truncated; whether that up succeeds depends on
 * what arrived, so only the next up is checked.
 */
async function truncatedRenewThenUp(ctx: ScenarioContext): Promise<void> {
  await adoptThenFallDue(ctx);
  ctx.fault("truncated", { route: "renew" });
  await ctx.up();
  await upOk(ctx, "next up");
}

const [JSON_READ_503, XML_READ_RESET, JSON_SEARCH_TIMEOUT, RC_RENEW_429] = (
  [
    {
      id: "json-read-503",
      api: "json",
      fault: "certificateInfo 503 ×2 on adoption",
      expect: "read retried with backoff; adopted, nothing renewed",
      inject: ["status", { route: "read", status: 503, times: 2 }],
      due: false,
      up: "adoption through two 503s",
      status: "none",
    },
    {
      id: "xml-read-reset",
      api: "xml",
      fault: "400104 connection reset ×1 on adoption",
      expect: "read retried; adopted",
      inject: ["reset", { route: "read" }],
      due: false,
      up: "adoption through a reset",
      status: "none",
    },
    {
      id: "json-search-timeout",
      api: "json",
      fault: "job search stalls past the client timeout ×1",
      expect: "search retried, then renewed once",
      inject: ["delay", { route: "search", delayMs: STALL_MS }],
      due: true,
      up: "renewal after a stalled search",
      status: "pending",
    },
    {
      id: "rc-renew-429",
      api: "resellerclub",
      fault: "renew 429 Retry-After 1 ×1",
      expect: "429 means not acted on: retried after 1 s, renewed once",
      inject: ["rateLimit", { route: "renew", retryAfterSeconds: 1 }],
      due: true,
      up: "renewal through a 429",
      status: "pending",
    },
  ] satisfies CopedRow[]
).map(copedWithinOneUp);

const [
  JSON_RENEW_503,
  XML_RENEW_500,
  SYM_RENEW_429_LONG,
  RC_RENEW_RESET,
  RC_RENEW_504,
  JSON_RENEW_MALFORMED,
] = (
  [
    {
      id: "json-renew-503",
      api: "json",
      fault: "renew 503 ×1 (vendor did not act)",
      expect: "not retried blindly; clear error; backoff; renewed once after it",
      inject: ["status", { route: "renew", status: 503 }],
      fails: "renew answered 503",
      statusAfterFailure: "failed",
      nextUp: "up within the backoff",
      noneAfter: "within the backoff",
      finalStatus: "pending",
    },
    {
      id: "xml-renew-500",
      api: "xml",
      fault: "400106 HTTP 500 page ×1",
      expect: "clear error; retried after the backoff, once",
      inject: ["status", { route: "renew", status: 500 }],
      fails: "renew answered 500",
    },
    {
      id: "sym-renew-429-long",
      api: "symantec",
      fault: "renew 429 Retry-After 120 ×1",
      expect: "gives up at once with a clear error; renewed once after the backoff",
      inject: ["rateLimit", { route: "renew", retryAfterSeconds: 120 }],
      fails: "renew asked to wait 120 s",
      says: /120 s/,
      finalStatus: "succeeded",
    },
    {
      id: "rc-renew-reset",
      api: "resellerclub",
      fault: "renew connection reset ×1 (before the vendor acts)",
      expect: "outcome unknown; search finds nothing; backoff; renewed once",
      inject: ["reset", { route: "renew" }],
      fails: "renew reset",
      says: REFUSES_RETRY,
      nextUp: "next up looks it up",
      noneAfter: "after the lookup",
      finalStatus: "pending",
    },
    {
      id: "rc-renew-504",
      api: "resellerclub",
      fault: "renew 504 from a gateway ×1",
      expect: "a gateway timeout may hide an accepted renewal: outcome unknown, search first, renew once",
      inject: ["status", { route: "renew", status: 504 }],
      fails: "renew answered 504",
      says: REFUSES_RETRY,
      nextUp: "next up looks it up",
      finalStatus: "pending",
    },
    {
      id: "json-renew-malformed",
      api: "json",
      fault: "renew answered with garbage ×1 (HTTP 200)",
      expect: "outcome unknown; search finds nothing; renewed once after the backoff",
      inject: ["malformed", { route: "renew" }],
      fails: "renew answered garbage",
      nextUp: "next up looks it up",
      finalStatus: "pending",
    },
  ] satisfies FailedRenewRow[]
).map(renewedOnceAfterBackoff);

export const READ_SCENARIOS: Scenario[] = [
  JSON_READ_503,
  XML_READ_RESET,
  {
    id: "rc-read-429",
    api: "resellerclub",
    fault: "details 429 Retry-After 1 ×2 on adoption",
    expect: "waits as asked, then adopts",
    intendedRenewals: 0,
    async run(ctx) {
      ctx.fault("rateLimit", { route: "read", retryAfterSeconds: 1, times: 2 });
      const started = Date.now();
      await upOk(ctx, "adoption through two 429s");
      ctx.check(Date.now() - started >= 2000, "honoured Retry-After (≥ 2 s)");
    },
  },
  JSON_SEARCH_TIMEOUT,
  {
    id: "rc-search-malformed",
    api: "resellerclub",
    fault: "current-actions answer malformed ×1 before renewing",
    expect: "no renewal without the pending check; clear error; next up renews once",
    intendedRenewals: 1,
    async run(ctx) {
      await dueThenUpFails(
        ctx,
        ["malformed", { route: "search" }],
        "unreadable pending check",
        /none was submitted/,
      );
      expectRenewals(ctx, 0, "after the failed pending check");
      await upOk(ctx, "next up");
      expectStatus(ctx, "pending");
    },
  },
  {
    id: "xml-poll-truncated",
    api: "xml",
    fault: "400114 truncated (always) while following the job",
    expect: "job id kept in state (partial failure); recorded once readable",
    intendedRenewals: 1,
    args: async () => ({ waitTimeoutSeconds: 3 }),
    async run(ctx) {
      await dueThenUpFails(
        ctx,
        ["truncated", { route: "poll", times: "always" }],
        "follow with truncated job info",
        /kept in state/,
      );
      await recordedOnceJobsComplete(ctx, "follow once readable");
    },
  },
  {
    id: "json-poll-503",
    api: "json",
    fault: "jobInfo 503 (always) while a renewal is pending",
    expect: "preview/up poll fails quietly, nothing renewed; recorded once reachable",
    intendedRenewals: 1,
    async run(ctx) {
      await adoptThenFallDue(ctx);
      await upOk(ctx, "renewal");
      ctx.fault("status", { route: "poll", status: 503, times: "always" });
      await upOk(ctx, "up while the job cannot be polled");
      expectRenewals(ctx, 1, "while polling fails");
      await recordedOnceJobsComplete(ctx, "up once reachable");
    },
  },
  {
    id: "sym-pickup-503",
    api: "symantec",
    fault: "pickup 503 (always) while following an unapproved renewal",
    expect: "transaction id kept in state; certificate picked up later",
    intendedRenewals: 1,
    args: async () => ({ waitTimeoutSeconds: 2 }),
    async run(ctx) {
      ctx.sandbox.admin.setSymantecAutoApprove(false);
      await dueThenUpFails(
        ctx,
        ["status", { route: "poll", status: 503, times: "always" }],
        "follow with pickup down",
        /kept in state/,
      );
      ctx.clearFaults();
      for (const job of ctx.openJobs()) await ctx.sandbox.admin.approve(job.id);
      await upOk(ctx, "up once approved");
      expectStatus(ctx, "succeeded");
    },
  },
];

export const RENEW_SCENARIOS: Scenario[] = [
  JSON_RENEW_503,
  XML_RENEW_500,
  RC_RENEW_429,
  SYM_RENEW_429_LONG,
  {
    id: "json-renew-timeout",
    api: "json",
    fault: "renew stalls past the client timeout (vendor acts late)",
    expect: "outcome unknown, no blind retry; next up finds the job by search",
    intendedRenewals: 1,
    async run(ctx) {
      await renewTimesOut(ctx);
      await upOk(ctx, "next up");
      expectStatus(ctx, "pending");
    },
  },
  {
    id: "sym-renew-timeout",
    api: "symantec",
    fault: "renew stalls past the client timeout (vendor acts late)",
    expect: "outcome unknown; refuses to auto-retry (no search) and says so",
    intendedRenewals: 1,
    async run(ctx) {
      await renewTimesOut(ctx);
      const again = await ctx.up();
      ctx.check(again.ok && /cannot be searched|outcome .*unknown/.test(again.output), "next up says why");
      ctx.check(ctx.state().outcomeUnknown === true, "state marks the outcome unknown");
    },
  },
  RC_RENEW_RESET,
  RC_RENEW_504,
  {
    id: "xml-renew-reset",
    api: "xml",
    fault: "400106 connection reset ×1 (before the vendor acts)",
    expect: "outcome unknown; the job list (400115) finds nothing; backoff; renewed once",
    intendedRenewals: 1,
    async run(ctx) {
      await dueThenUpFails(ctx, ["reset", { route: "renew" }], "renew reset", REFUSES_RETRY);
      await upOk(ctx, "next up looks it up");
      expectRenewals(ctx, 0, "after the lookup");
      pastBackoff(ctx);
      await upOk(ctx, "up after the backoff");
      expectStatus(ctx, "pending");
    },
  },
  JSON_RENEW_MALFORMED,
  {
    id: "json-renew-truncated",
    api: "json",
    fault: "renew accepted, answer truncated",
    expect: "outcome unknown; next up finds the job by search",
    intendedRenewals: 1,
    async run(ctx) {
      await dueThenUpFails(ctx, ["truncated", { route: "renew" }], "truncated renew answer");
      await upOk(ctx, "next up");
      expectStatus(ctx, "pending");
    },
  },
  {
    id: "xml-renew-truncated",
    api: "xml",
    fault: "400106 accepted, answer truncated",
    expect: "the job id is read from what arrived; never renewed twice",
    intendedRenewals: 1,
    async run(ctx) {
      await truncatedRenewThenUp(ctx);
      await ctx.completeJobs();
      await upOk(ctx, "up after completion");
    },
  },
  {
    id: "sym-renew-truncated",
    api: "symantec",
    fault: "renew accepted, answer truncated",
    expect: "the transaction id is read from what arrived; certificate picked up",
    intendedRenewals: 1,
    async run(ctx) {
      await truncatedRenewThenUp(ctx);
      expectStatus(ctx, "succeeded");
    },
  },
];
