/**
 * The two shapes most fault scenarios share, as table rows: a fault the client copes with inside
 * one up, and a failed renew that is submitted exactly once after the retry backoff.
 */
import type { FaultKind } from "../../sandbox";
import type { ApiName } from "./apis";
import { CLIENT_TIMEOUT_MS } from "./faultStack";
import type { FaultOptions, Scenario } from "./scenario";
import { adoptThenFallDue, dueThenUpFails, expectRenewals, expectStatus, pastBackoff, upOk } from "./steps";

/** Longer than the provider's client timeout: the vendor answers after the client gave up. */
export const STALL_MS = CLIENT_TIMEOUT_MS * 2;

/** What a table row says about its scenario: the matrix columns and the fault to inject. */
export interface Row {
  id: string;
  api: ApiName;
  fault: string;
  expect: string;
  inject: [FaultKind, FaultOptions];
}

/**
 * The client copes inside one up (a retry, a wait as asked): the up succeeds, and the status is
 * the one expected; `due` first adopts and moves the clock into the renewal window.
 */
export interface CopedRow extends Row {
  due: boolean;
  up: string;
  status: "none" | "pending";
}

/** The matrix columns of a row. */
function columnsOf({ id, api, fault, expect }: Row): Pick<Scenario, "id" | "api" | "fault" | "expect"> {
  return { id, api, fault, expect };
}

/** A scenario from a {@link CopedRow}. */
export function copedWithinOneUp(row: CopedRow): Scenario {
  return {
    ...columnsOf(row),
    intendedRenewals: row.due ? 1 : 0,
    async run(ctx) {
      if (row.due) await adoptThenFallDue(ctx);
      ctx.fault(...row.inject);
      await upOk(ctx, row.up);
      expectStatus(ctx, row.status);
    },
  };
}

/**
 * A renew that failed with no renewal recorded: the up fails with a clear error, nothing is
 * submitted again before the backoff ends (`nextUp`, when given, is an up inside it, and
 * `noneAfter` checks it renewed nothing), and exactly one renewal follows after the backoff.
 */
export interface FailedRenewRow extends Row {
  fails: string;
  says?: RegExp;
  statusAfterFailure?: "failed";
  nextUp?: string;
  noneAfter?: string;
  finalStatus?: "pending" | "succeeded";
}

/** A scenario from a {@link FailedRenewRow}. */
export function renewedOnceAfterBackoff(row: FailedRenewRow): Scenario {
  return {
    ...columnsOf(row),
    intendedRenewals: 1,
    async run(ctx) {
      await dueThenUpFails(ctx, row.inject, row.fails, row.says);
      if (row.statusAfterFailure) expectStatus(ctx, row.statusAfterFailure);
      if (row.nextUp) await upOk(ctx, row.nextUp);
      if (row.noneAfter) expectRenewals(ctx, 0, row.noneAfter);
      pastBackoff(ctx);
      await upOk(ctx, "up after the backoff");
      if (row.finalStatus) expectStatus(ctx, row.finalStatus);
    },
  };
}
