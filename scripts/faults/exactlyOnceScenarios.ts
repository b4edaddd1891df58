/**
 * Exactly-once under the hard cases: the vendor accepts a renewal and the answer is lost (dropped
 * connection, the engine and provider killed), jobs that end FAILED, the vendor's own
 * pending-action refusal, bad credentials and a provider clock ahead of or behind the vendor's.
 */
import * as pulumi from "@pulumi/pulumi";
import { RESELLERCLUB_WIRE, type SandboxRequest } from "../../sandbox";
import { sandboxClients } from "../../sandbox/sdkClients";
import { toEpochSeconds } from "../../sdk/common/dates";
import { SHORT_IDS, type ApiName } from "./apis";
import type { Scenario, ScenarioContext } from "./scenario";
import {
  REFUSES_RETRY,
  adoptThenFallDue,
  dueThenUpFails,
  expectRenewals,
  expectVendorExpiry,
  expectStatus,
  pastBackoff,
  renewalIdOf,
  upFails,
  upKilledAt,
  upOk,
} from "./steps";

const DAY_MS = 86_400_000;

function acceptThenDrop(api: ApiName, searchable: boolean): Scenario {
  return {
    id: `${SHORT_IDS[api]}-accept-then-drop`,
    api,
    fault: "renew accepted, connection dropped before the answer",
    expect: searchable
      ? "next up finds the accepted renewal by search and records its id; never renews twice"
      : "refuses to auto-retry (the vendor cannot be searched) and says so; the console's transaction id handed in is recorded; never renews twice",
    intendedRenewals: 1,
    async run(ctx) {
      await dueThenUpFails(
        ctx,
        ["acceptThenDrop", { route: "renew" }],
        "dropped renew answer",
        REFUSES_RETRY,
      );
      pastBackoff(ctx);
      const next = await ctx.up();
      ctx.check(next.ok, "next up succeeds");
      if (searchable) {
        expectStatus(ctx, "pending", "after the search: ");
        return;
      }
      ctx.check(ctx.state().outcomeUnknown === true, "state keeps the outcome unknown");
      await recordAsAdvised(ctx);
    },
  };
}

/** Follows the error's advice once the user found the renewal in the vendor's console. */
async function recordAsAdvised(ctx: ScenarioContext): Promise<void> {
  const before = Date.parse(String(ctx.state().notAfter));
  if (ctx.api.vendor === "symantec") {
    // The console shows the renewal's transaction id; VICE2 picks it up by that id.
    const renewed = ctx.sandbox.admin
      .certificates("symantec")
      .find((c) => c.rootTransactionId === ctx.certId && c.id !== ctx.certId)!;
    const symantec = { ...ctx.stack.currentArgs.symantec!, renewalTransactionId: renewed.id };
    ctx.setArgs({ symantec });
    await upOk(ctx, "up with the console's transaction id as symantec.renewalTransactionId");
    ctx.check(ctx.state().transactionId === renewed.id, "the handed-in transaction id is recorded");
  } else {
    await ctx.completeJobs();
    const refreshed = await ctx.refresh();
    ctx.check(refreshed.ok, "refresh succeeds");
  }
  ctx.check(Date.parse(String(ctx.state().notAfter)) > before, "the advice records the new expiry");
  await upOk(ctx, "a last up");
  expectRenewals(ctx, 1, "after following the advice");
}

async function killedAtAccept(ctx: ScenarioContext): Promise<void> {
  await adoptThenFallDue(ctx);
  await upKilledAt(ctx, "renew", "both", "the killed up fails");
  // What a user does next: unlock the stack, refresh (clears the pending operation), up again.
  await ctx.cancel();
  await ctx.refresh();
}

function killedAfterAccept(api: ApiName, searchable: boolean): Scenario {
  return {
    id: `${SHORT_IDS[api]}-killed-at-accept`,
    api,
    fault: "engine + provider SIGKILLed as the vendor accepts (answer never read)",
    expect: searchable
      ? "cancel, refresh, up: the accepted renewal is found by search and followed"
      : "cancel, refresh, up: the interrupted submission is remembered; no auto-retry, says so; the console's transaction id handed in is recorded",
    intendedRenewals: 1,
    async run(ctx) {
      await killedAtAccept(ctx);
      if (searchable) {
        await upOk(ctx, "up after the kill");
        expectStatus(ctx, "pending", "after the search: ");
      } else {
        await upFails(ctx, "up after the kill", REFUSES_RETRY);
        await upOk(ctx, "another up");
        ctx.check(ctx.state().outcomeUnknown === true, "state keeps the outcome unknown");
        await recordAsAdvised(ctx);
      }
    },
  };
}

/**
 * Killed as the vendor accepted, and the vendor finished the job before anyone looked again: the
 * search finds nothing pending, but the expiry moved and the vendor lists the finished job.
 */
function killedJobCompleted(api: "json" | "resellerclub", refreshFirst: boolean): Scenario {
  return {
    id: `${SHORT_IDS[api]}-killed-job-done${refreshFirst ? "" : "-no-refresh"}`,
    api,
    fault: `killed at accept; the job completes before ${refreshFirst ? "refresh + up" : "the next up (no refresh)"}`,
    expect: "no second renewal; the finished renewal's id and new expiry are recorded",
    intendedRenewals: 1,
    async run(ctx) {
      await adoptThenFallDue(ctx);
      await upKilledAt(ctx, "renew", "both", "the killed up fails");
      await ctx.completeJobs();
      await ctx.cancel();
      if (refreshFirst) {
        const refreshed = await ctx.refresh();
        ctx.check(refreshed.ok, "refresh succeeds");
      }
      await upOk(ctx, "up after the kill");
      await upOk(ctx, "another up");
      expectVendorExpiry(ctx);
    },
  };
}

/**
 * Only the provider dies; the engine survives, reports the failure and saves no renewal. The
 * AutoDNS XML gateway lists running jobs (task 400115), so the next up finds the renewal there.
 */
const providerKilledAtAccept: Scenario = {
  id: "xml-provider-killed-at-accept",
  api: "xml",
  fault: "only the provider SIGKILLed as the vendor accepts",
  expect: "the engine fails the update; next up finds the submitted renewal by search and follows it",
  intendedRenewals: 1,
  async run(ctx) {
    await adoptThenFallDue(ctx);
    await upKilledAt(ctx, "renew", "provider", "the up whose provider died fails");
    await upOk(ctx, "up after the kill");
    expectStatus(ctx, "pending", "after the search: ");
    await upOk(ctx, "another up");
  },
};

function killedWhileFollowing(api: "xml" | "symantec"): Scenario {
  const searchable = api === "xml";
  return {
    id: `${SHORT_IDS[api]}-killed-while-following`,
    api,
    fault: "engine + provider SIGKILLed at the first poll after the vendor accepted",
    expect: searchable
      ? "the accepted renewal survives the kill at the vendor: the next up finds it by search, no renewal again"
      : "the accepted id survives the kill (provider journal): refresh records it, no renewal again",
    intendedRenewals: 1,
    args: async () => ({ waitTimeoutSeconds: 5 }),
    async run(ctx) {
      if (api === "symantec") ctx.sandbox.admin.setSymantecAutoApprove(false);
      await adoptThenFallDue(ctx);
      await upKilledAt(ctx, "poll", "both", "the killed up fails");
      await ctx.cancel();
      await ctx.refresh();
      if (searchable) await upOk(ctx, "up after the kill finds the renewal");
      ctx.check(
        renewalIdOf(ctx.state()) !== undefined,
        `${searchable ? "up" : "refresh"} records the accepted id`,
      );
      for (const job of ctx.openJobs()) {
        if (api === "symantec") await ctx.sandbox.admin.approve(job.id);
        else await ctx.sandbox.admin.completeJob(job.id);
      }
      await upOk(ctx, "up after the kill");
      expectStatus(ctx, "succeeded");
    },
  };
}

function jobFailed(api: "json" | "resellerclub"): Scenario {
  return {
    id: `${SHORT_IDS[api]}-job-failed`,
    api,
    fault: "the renewal job ends FAILED at the vendor",
    expect: "failure recorded; no renewal within the backoff; exactly one retry after it",
    intendedRenewals: 2,
    async run(ctx) {
      await adoptThenFallDue(ctx);
      await upOk(ctx, "renewal");
      await ctx.failJobs("The certificate authority rejected the renewal.");
      await upOk(ctx, "up records the failure");
      expectStatus(ctx, "failed");
      await upOk(ctx, "up within the backoff");
      expectRenewals(ctx, 1, "within the backoff");
      pastBackoff(ctx);
      await upOk(ctx, "up after the backoff");
      expectRenewals(ctx, 2, "after the backoff");
      expectStatus(ctx, "pending");
    },
  };
}

/**
 * Another actor adds a renewal between the provider's pending-action search and its renew: the
 * provider's renew is held (a delay fault), the other renewal goes through, and the vendor then
 * refuses the provider's with "There is already an action pending on this Order.".
 */
const pendingActionRefusal: Scenario = {
  id: "rc-pending-action-refusal",
  api: "resellerclub",
  fault: 'vendor refuses: "There is already an action pending on this Order."',
  expect: "no second renewal; the provider follows the pending action instead",
  intendedRenewals: 1,
  async run(ctx) {
    await adoptThenFallDue(ctx);
    const { sandbox, certId } = ctx;
    const client = sandboxClients(sandbox).resellerclub;
    let raced: Promise<unknown> | undefined;
    const onSearch = (r: SandboxRequest) => {
      if (r.route !== "resellerclub.actions" || r.certificateId !== certId || raced) return;
      sandbox.admin.events.off("request", onSearch);
      sandbox.admin.injectFault({ route: "resellerclub.renew", kind: "delay", delayMs: 1500 });
      raced = (async () => {
        // Once the provider's renew holds the delay fault, the other actor's renew goes through.
        while (sandbox.admin.faults().length) await new Promise((r) => setTimeout(r, 20));
        const order = sandbox.admin.certificate("resellerclub", certId)!;
        await client.renewDigitalCertificate({
          orderId: certId,
          years: 1,
          additionalLicenses: 0,
          expDate: toEpochSeconds(order.notAfter),
          invoiceOption: "NoInvoice",
        });
      })();
    };
    sandbox.admin.events.on("request", onSearch);
    const refused = await ctx.up();
    await raced;
    ctx.check(
      /already an action pending/i.test(refused.output),
      "the vendor's refusal reaches the user (error or reason)",
    );
    const other = sandbox.admin.jobs({ vendor: "resellerclub", certificateId: certId })[0]?.id;
    await ctx.up();
    ctx.check(renewalIdOf(ctx.state()) === other, "state follows the pending action");
  },
};

const badCredentials: Scenario[] = [
  {
    id: "json-bad-password",
    api: "json",
    fault: "wrong AutoDNS password",
    expect: "adoption fails naming the inputs to fix and the vendor code",
    intendedRenewals: 0,
    vendorCode: "E01003",
    args: async (base) => ({ autodns: { ...base.autodns, password: pulumi.secret("wrong-password") } }),
    async run(ctx) {
      await upFails(ctx, "adoption with a wrong password", /autodns\.password/);
    },
  },
  {
    id: "sym-unregistered-client-cert",
    api: "symantec",
    fault: "client certificate unknown to the account (renewal due after adoption)",
    expect: "renewal refused with 0x3101 and the inputs to fix; state kept",
    intendedRenewals: 0,
    vendorCode: "0x3101",
    expiresInDays: 20,
    args: async (base, sandbox) => {
      const other = await sandbox.admin.issueClientCertificate({ registered: false });
      return {
        symantec: {
          ...base.symantec!,
          clientCertificate: other.certificate,
          clientKey: pulumi.secret(other.key),
        },
      };
    },
    async run(ctx) {
      await upOk(ctx, "adoption (it never renews)");
      await upFails(ctx, "renewal with an unregistered certificate", /symantec\.clientCertificate/);
      expectStatus(ctx, "failed");
    },
  },
  {
    id: "rc-bad-api-key",
    api: "resellerclub",
    fault: "wrong ResellerClub API key",
    expect: "adoption fails naming the inputs to fix and the vendor's text",
    intendedRenewals: 0,
    vendorCode: RESELLERCLUB_WIRE.authFailed,
    args: async (base) => ({
      resellerclub: { ...base.resellerclub!, apiKey: pulumi.secret("wrong-api-key") },
    }),
    async run(ctx) {
      await upFails(ctx, "adoption with a wrong key", /resellerclub\.apiKey/);
    },
  },
];

const clockSkew: Scenario[] = [
  {
    id: "xml-clock-ahead",
    api: "xml",
    fault: "provider clock 180 days ahead of the vendor",
    expect: "renews early; AutoDNS refuses (EF4001012) with a clear error; nothing renewed",
    intendedRenewals: 0,
    vendorCode: "EF4001012",
    expiresInDays: 200,
    async run(ctx) {
      ctx.stack.skewProviderClock(180 * DAY_MS);
      await upOk(ctx, "adoption by a clock ahead (it never renews)");
      await upFails(ctx, "renewal by a clock ahead", /90 days/);
      ctx.stack.skewProviderClock(0);
      await upOk(ctx, "up with the clock right");
    },
  },
  {
    id: "json-clock-behind",
    api: "json",
    fault: "provider clock 40 days behind the vendor",
    expect: "renewal delayed (not detectable); renews once when the clock is right",
    intendedRenewals: 1,
    expiresInDays: 20,
    async run(ctx) {
      ctx.stack.skewProviderClock(-40 * DAY_MS);
      await upOk(ctx, "adoption by a clock behind");
      expectRenewals(ctx, 0, "with the clock behind");
      ctx.stack.skewProviderClock(0);
      await upOk(ctx, "up with the clock right");
      expectStatus(ctx, "pending");
    },
  },
];

export const EXACTLY_ONCE_SCENARIOS: Scenario[] = [
  acceptThenDrop("json", true),
  acceptThenDrop("resellerclub", true),
  acceptThenDrop("xml", true),
  acceptThenDrop("symantec", false),
  killedAfterAccept("json", true),
  killedAfterAccept("resellerclub", true),
  killedAfterAccept("xml", true),
  killedAfterAccept("symantec", false),
  killedJobCompleted("json", true),
  killedJobCompleted("json", false),
  killedJobCompleted("resellerclub", true),
  providerKilledAtAccept,
  killedWhileFollowing("xml"),
  killedWhileFollowing("symantec"),
  jobFailed("json"),
  jobFailed("resellerclub"),
  pendingActionRefusal,
  ...badCredentials,
  ...clockSkew,
];
