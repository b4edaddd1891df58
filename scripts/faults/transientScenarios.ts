/**
 * Faults on read routes (retried, or reported without renewing) and on the renew route before or
 * after the vendor acts: 5xx, 429 with Retry-After, timeouts, resets, malformed and truncated
 * answers.
 */
import { CLIENT_TIMEOUT_MS } from "./faultStack";
import type { Scenario } from "./scenario";
import {
  REFUSES_RETRY,
  adoptThenFallDue,
  expectRenewals,
  expectStatus,
  pastBackoff,
  upFails,
  upOk,
} from "./steps";

/** Longer than the provider's client timeout: the vendor answers after the client gave up. */
const STALL_MS = CLIENT_TIMEOUT_MS * 2;

export const READ_SCENARIOS: Scenario[] = [
  {
    id: "json-read-503",
    api: "json",
    fault: "certificateInfo 503 ×2 on adoption",
    expect: "read retried with backoff; adopted, nothing renewed",
    intendedRenewals: 0,
    async run(ctx) {
      ctx.fault("status", { route: "read", status: 503, times: 2 });
      await upOk(ctx, "adoption through two 503s");
      expectStatus(ctx, "none");
    },
  },
  {
    id: "xml-read-reset",
    api: "xml",
    fault: "400104 connection reset ×1 on adoption",
    expect: "read retried; adopted",
    intendedRenewals: 0,
    async run(ctx) {
      ctx.fault("reset", { route: "read" });
      await upOk(ctx, "adoption through a reset");
      expectStatus(ctx, "none");
    },
  },
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
  {
    id: "json-search-timeout",
    api: "json",
    fault: "job search stalls past the client timeout ×1",
    expect: "search retried, then renewed once",
    intendedRenewals: 1,
    async run(ctx) {
      await adoptThenFallDue(ctx);
      ctx.fault("delay", { route: "search", delayMs: STALL_MS });
      await upOk(ctx, "renewal after a stalled search");
      expectStatus(ctx, "pending");
    },
  },
  {
    id: "rc-search-malformed",
    api: "resellerclub",
    fault: "current-actions answer malformed ×1 before renewing",
    expect: "no renewal without the pending check; clear error; next up renews once",
    intendedRenewals: 1,
    async run(ctx) {
      await adoptThenFallDue(ctx);
      ctx.fault("malformed", { route: "search" });
      await upFails(ctx, "unreadable pending check", /none was submitted/);
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
      await adoptThenFallDue(ctx);
      ctx.fault("truncated", { route: "poll", times: "always" });
      await upFails(ctx, "follow with truncated job info", /kept in state/);
      ctx.clearFaults();
      await ctx.completeJobs();
      await upOk(ctx, "follow once readable");
      expectStatus(ctx, "succeeded");
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
      ctx.clearFaults();
      await ctx.completeJobs();
      await upOk(ctx, "up once reachable");
      expectStatus(ctx, "succeeded");
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
      await adoptThenFallDue(ctx);
      ctx.fault("status", { route: "poll", status: 503, times: "always" });
      await upFails(ctx, "follow with pickup down", /kept in state/);
      ctx.clearFaults();
      for (const job of ctx.openJobs()) await ctx.sandbox.admin.approve(job.id);
      await upOk(ctx, "up once approved");
      expectStatus(ctx, "succeeded");
    },
  },
];

export const RENEW_SCENARIOS: Scenario[] = [
  {
    id: "json-renew-503",
    api: "json",
    fault: "renew 503 ×1 (vendor did not act)",
    expect: "not retried blindly; clear error; backoff; renewed once after it",
    intendedRenewals: 1,
    async run(ctx) {
      await adoptThenFallDue(ctx);
      ctx.fault("status", { route: "renew", status: 503 });
      await upFails(ctx, "renew answered 503");
      expectStatus(ctx, "failed");
      await upOk(ctx, "up within the backoff");
      expectRenewals(ctx, 0, "within the backoff");
      pastBackoff(ctx);
      await upOk(ctx, "up after the backoff");
      expectStatus(ctx, "pending");
    },
  },
  {
    id: "xml-renew-500",
    api: "xml",
    fault: "400106 HTTP 500 page ×1",
    expect: "clear error; retried after the backoff, once",
    intendedRenewals: 1,
    async run(ctx) {
      await adoptThenFallDue(ctx);
      ctx.fault("status", { route: "renew", status: 500 });
      await upFails(ctx, "renew answered 500");
      pastBackoff(ctx);
      await upOk(ctx, "up after the backoff");
    },
  },
  {
    id: "rc-renew-429",
    api: "resellerclub",
    fault: "renew 429 Retry-After 1 ×1",
    expect: "429 means not acted on: retried after 1 s, renewed once",
    intendedRenewals: 1,
    async run(ctx) {
      await adoptThenFallDue(ctx);
      ctx.fault("rateLimit", { route: "renew", retryAfterSeconds: 1 });
      await upOk(ctx, "renewal through a 429");
      expectStatus(ctx, "pending");
    },
  },
  {
    id: "sym-renew-429-long",
    api: "symantec",
    fault: "renew 429 Retry-After 120 ×1",
    expect: "gives up at once with a clear error; renewed once after the backoff",
    intendedRenewals: 1,
    async run(ctx) {
      await adoptThenFallDue(ctx);
      ctx.fault("rateLimit", { route: "renew", retryAfterSeconds: 120 });
      await upFails(ctx, "renew asked to wait 120 s", /120 s/);
      pastBackoff(ctx);
      await upOk(ctx, "up after the backoff");
      expectStatus(ctx, "succeeded");
    },
  },
  {
    id: "json-renew-timeout",
    api: "json",
    fault: "renew stalls past the client timeout (vendor acts late)",
    expect: "outcome unknown, no blind retry; next up finds the job by search",
    intendedRenewals: 1,
    async run(ctx) {
      await adoptThenFallDue(ctx);
      ctx.fault("delay", { route: "renew", delayMs: STALL_MS });
      const late = ctx.nextRequest("renew");
      await upFails(ctx, "renew timed out", REFUSES_RETRY);
      await late;
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
      await adoptThenFallDue(ctx);
      ctx.fault("delay", { route: "renew", delayMs: STALL_MS });
      const late = ctx.nextRequest("renew");
      await upFails(ctx, "renew timed out", REFUSES_RETRY);
      await late;
      const again = await ctx.up();
      ctx.check(again.ok && /cannot be searched|outcome .*unknown/.test(again.output), "next up says why");
      ctx.check(ctx.state().outcomeUnknown === true, "state marks the outcome unknown");
    },
  },
  {
    id: "rc-renew-reset",
    api: "resellerclub",
    fault: "renew connection reset ×1 (before the vendor acts)",
    expect: "outcome unknown; search finds nothing; backoff; renewed once",
    intendedRenewals: 1,
    async run(ctx) {
      await adoptThenFallDue(ctx);
      ctx.fault("reset", { route: "renew" });
      await upFails(ctx, "renew reset", REFUSES_RETRY);
      await upOk(ctx, "next up looks it up");
      expectRenewals(ctx, 0, "after the lookup");
      pastBackoff(ctx);
      await upOk(ctx, "up after the backoff");
      expectStatus(ctx, "pending");
    },
  },
  {
    id: "rc-renew-504",
    api: "resellerclub",
    fault: "renew 504 from a gateway ×1",
    expect: "a gateway timeout may hide an accepted renewal: outcome unknown, search first, renew once",
    intendedRenewals: 1,
    async run(ctx) {
      await adoptThenFallDue(ctx);
      ctx.fault("status", { route: "renew", status: 504 });
      await upFails(ctx, "renew answered 504", REFUSES_RETRY);
      await upOk(ctx, "next up looks it up");
      pastBackoff(ctx);
      await upOk(ctx, "up after the backoff");
      expectStatus(ctx, "pending");
    },
  },
  {
    id: "xml-renew-reset",
    api: "xml",
    fault: "400106 connection reset ×1 (before the vendor acts)",
    expect: "outcome unknown; the job list (400115) finds nothing; backoff; renewed once",
    intendedRenewals: 1,
    async run(ctx) {
      await adoptThenFallDue(ctx);
      ctx.fault("reset", { route: "renew" });
      await upFails(ctx, "renew reset", REFUSES_RETRY);
      await upOk(ctx, "next up looks it up");
      expectRenewals(ctx, 0, "after the lookup");
      pastBackoff(ctx);
      await upOk(ctx, "up after the backoff");
      expectStatus(ctx, "pending");
    },
  },
  {
    id: "json-renew-malformed",
    api: "json",
    fault: "renew answered with garbage ×1 (HTTP 200)",
    expect: "outcome unknown; search finds nothing; renewed once after the backoff",
    intendedRenewals: 1,
    async run(ctx) {
      await adoptThenFallDue(ctx);
      ctx.fault("malformed", { route: "renew" });
      await upFails(ctx, "renew answered garbage");
      await upOk(ctx, "next up looks it up");
      pastBackoff(ctx);
      await upOk(ctx, "up after the backoff");
      expectStatus(ctx, "pending");
    },
  },
  {
    id: "json-renew-truncated",
    api: "json",
    fault: "renew accepted, answer truncated",
    expect: "outcome unknown; next up finds the job by search",
    intendedRenewals: 1,
    async run(ctx) {
      await adoptThenFallDue(ctx);
      ctx.fault("truncated", { route: "renew" });
      await upFails(ctx, "truncated renew answer");
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
      await adoptThenFallDue(ctx);
      ctx.fault("truncated", { route: "renew" });
      await ctx.up();
      await upOk(ctx, "next up");
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
      await adoptThenFallDue(ctx);
      ctx.fault("truncated", { route: "renew" });
      await ctx.up();
      await upOk(ctx, "next up");
      expectStatus(ctx, "succeeded");
    },
  },
];
