/**
 * Exactly-once for reissues (AutoDNS JSON `PUT /certificate/{id}`, free inside the paid term), the
 * hard cases renewals have too: the vendor accepts and the answer is lost, the engine and provider
 * are killed as it accepts, and a reissue already pending at the vendor. Each certificate is seeded
 * with a term that runs a year past it, so the clocks call for a reissue, never a renewal.
 */
import { sandboxClients } from "../../sandbox/sdkClients";
import type { Scenario, ScenarioContext } from "./scenario";
import {
  REFUSES_RETRY,
  adoptThenFallDue,
  expectRenewals,
  pastBackoff,
  upFails,
  upKilledAt,
  upOk,
} from "./steps";

const REISSUE_ROUTE = "autodns.json.reissue";

/** What every reissue row shares: a certificate 60 days from expiry inside a 400-day term. */
const TERM = {
  api: "json",
  intendedRenewals: 0,
  intendedReissues: 1,
  expiresInDays: 60,
  termDays: 400,
} as const;

/** The reissue the vendor accepted is in state (pending or finished), and no renewal was made. */
function expectReissueRecorded(ctx: ScenarioContext, what: string): void {
  const state = ctx.state();
  ctx.check(
    state.lastAction === "reissue",
    `${what}: lastAction is reissue (was ${String(state.lastAction)})`,
  );
  ctx.check(
    state.renewalStatus === "pending" || state.renewalStatus === "succeeded",
    `${what}: the reissue is followed (status ${String(state.renewalStatus)})`,
  );
  ctx.check(
    ctx.sandbox.admin.reissueCount("autodns", ctx.certId) === 1,
    `${what}: one reissue at the vendor`,
  );
  expectRenewals(ctx, 0, what);
}

export const REISSUE_SCENARIOS: Scenario[] = [
  {
    ...TERM,
    id: "json-reissue-accept-then-drop",
    fault: "reissue accepted, connection dropped before the answer",
    expect: "refuses to resubmit; the next up finds the reissue by its own job search and records it",
    async run(ctx) {
      await adoptThenFallDue(ctx);
      ctx.fault("acceptThenDrop", { route: REISSUE_ROUTE });
      await upFails(ctx, "dropped reissue answer", REFUSES_RETRY);
      pastBackoff(ctx);
      await upOk(ctx, "next up");
      expectReissueRecorded(ctx, "after the search");
    },
  },
  {
    ...TERM,
    id: "json-reissue-killed-at-accept",
    fault: "engine + provider SIGKILLed as the vendor accepts a reissue (answer never read)",
    expect: "cancel, refresh, up: the accepted reissue is found by search and followed, not repeated",
    async run(ctx) {
      await adoptThenFallDue(ctx);
      await upKilledAt(ctx, REISSUE_ROUTE, "both", "the killed up fails");
      await ctx.cancel();
      await ctx.refresh();
      await upOk(ctx, "up after the kill");
      await upOk(ctx, "another up");
      expectReissueRecorded(ctx, "after the kill");
    },
  },
  {
    ...TERM,
    id: "json-reissue-pending-guard",
    fault: "a reissue already pending at the vendor (started in its console)",
    expect: "the up follows the pending reissue instead of sending a second one",
    async run(ctx) {
      await adoptThenFallDue(ctx);
      await sandboxClients(ctx.sandbox).autodnsJson.reissue(ctx.certId);
      await upOk(ctx, "up with a reissue pending");
      await upOk(ctx, "another up");
      expectReissueRecorded(ctx, "with a reissue pending");
    },
  },
];
