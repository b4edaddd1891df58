import { expect } from "chai";
import type { CertificateState } from "../../../provider/inputs";
import { renewAfterOf, retryBackoffMs, shouldRenew } from "../../../provider/renewalPolicy";

const NOT_AFTER = "2027-03-31T23:59:59.000Z";
const DAY = 86_400_000;
const inputs = { certificateId: "100", lifetimeMonths: 12, renewBeforeDays: 30, autodns: {} };

function state(over: Partial<CertificateState> = {}): CertificateState {
  return {
    ...inputs,
    notAfter: NOT_AFTER,
    renewalDue: false,
    renewalReason: "",
    renewalStatus: "none",
    renewalCount: 0,
    failedAttempts: 0,
    ...over,
  };
}
const at = (msBeforeExpiry: number) => new Date(Date.parse(NOT_AFTER) - msBeforeExpiry);

describe("shouldRenew (pure renewal policy)", () => {
  it("is not due one millisecond before notAfter − renewBeforeDays", () => {
    const d = shouldRenew(state(), inputs, at(30 * DAY + 1));
    expect(d.renew).to.equal(false);
    expect(d.reason).to.equal("");
    expect(d.renewAfter).to.equal("2027-03-01T23:59:59.000Z");
  });

  it("is due exactly at notAfter − renewBeforeDays, with a reason naming the certificate and window", () => {
    const d = shouldRenew(state(), inputs, at(30 * DAY));
    expect(d.renew).to.equal(true);
    expect(d.reason).to.match(/certificate 100 expires in 30 day\(s\).*inside the 30-day renewal window/);
  });

  it("is due after expiry and says the certificate expired", () => {
    const d = shouldRenew(state(), inputs, at(-2 * DAY));
    expect(d.renew).to.equal(true);
    expect(d.reason).to.match(/expired 2 day\(s\) ago/);
  });

  it("defaults renewBeforeDays to 30", () => {
    const noDefault = { ...inputs, renewBeforeDays: undefined };
    expect(shouldRenew(state({ renewBeforeDays: undefined }), noDefault, at(31 * DAY)).renew).to.equal(false);
    expect(shouldRenew(state({ renewBeforeDays: undefined }), noDefault, at(29 * DAY)).renew).to.equal(true);
  });

  it("renews on a renewalTrigger change even far from expiry", () => {
    const d = shouldRenew(state({ renewalTrigger: "a" }), { ...inputs, renewalTrigger: "b" }, at(200 * DAY));
    expect(d.renew).to.equal(true);
    expect(d.reason).to.equal('renewalTrigger changed from "a" to "b"');
  });

  it("renews on a lifetimeMonths change", () => {
    const d = shouldRenew(state(), { ...inputs, lifetimeMonths: 24 }, at(200 * DAY));
    expect(d.renew).to.equal(true);
    expect(d.reason).to.equal("lifetimeMonths changed from 12 to 24");
  });

  it("never renews while a renewal is pending, even when due or triggered", () => {
    const d = shouldRenew(
      state({ renewalStatus: "pending", jobId: "42" }),
      { ...inputs, renewalTrigger: "x" },
      at(0),
    );
    expect(d.renew).to.equal(false);
    expect(d.poll).to.equal(true);
    expect(d.reason).to.contain("renewal 42");
  });

  it("waits out the retry backoff after a failure, but a trigger change skips it", () => {
    const now = at(10 * DAY);
    const failed = state({
      renewalStatus: "failed",
      failedAttempts: 1,
      lastAttemptAt: new Date(now.getTime() - 30 * 60_000).toISOString(),
    });
    const waiting = shouldRenew(failed, inputs, now);
    expect(waiting.renew).to.equal(false);
    expect(waiting.reason).to.match(/retrying after/);
    const later = shouldRenew(failed, inputs, new Date(now.getTime() + 31 * 60_000));
    expect(later.renew).to.equal(true);
    expect(shouldRenew(failed, { ...inputs, renewalTrigger: "now" }, now).renew).to.equal(true);
  });

  it("retries at once, skipping the backoff, when another input was corrected", () => {
    const now = at(10 * DAY);
    const failed = state({
      renewalStatus: "failed",
      failedAttempts: 3,
      lastAttemptAt: new Date(now.getTime() - 60_000).toISOString(),
      autodns: { adminContactId: "999" },
    });
    const fixed = { ...inputs, autodns: { adminContactId: "100" } };
    const d = shouldRenew(failed, fixed, now);
    expect(d.renew).to.equal(true);
    expect(d.reason).to.match(/retrying at once with changed inputs/);
    expect(shouldRenew(failed, { ...inputs, autodns: { adminContactId: "999" } }, now).renew).to.equal(false);
  });

  it("does not retry automatically when the last outcome is unknown", () => {
    const unknown = state({
      renewalStatus: "failed",
      outcomeUnknown: true,
      failedAttempts: 1,
      lastAttemptAt: "2020-01-01T00:00:00Z",
    });
    const d = shouldRenew(unknown, inputs, at(0));
    expect(d.renew).to.equal(false);
    expect(d.reason).to.match(/outcome of the last renewal .* is unknown/);
  });

  it("never renews twice for the same expiry", () => {
    const done = state({ renewalStatus: "succeeded", renewedForNotAfter: NOT_AFTER });
    const d = shouldRenew(done, inputs, at(DAY));
    expect(d.renew).to.equal(false);
    expect(d.reason).to.match(/already renewed for the expiry/);
  });

  it("cannot decide without an expiry and says how to fix it", () => {
    const d = shouldRenew(undefined, { ...inputs, symantec: {}, autodns: undefined }, new Date());
    expect(d.renew).to.equal(false);
    expect(d.reason).to.match(/set notAfter/);
  });

  it("uses the notAfter input on create", () => {
    expect(shouldRenew(undefined, { ...inputs, notAfter: NOT_AFTER }, at(DAY)).renew).to.equal(true);
  });

  it("backs off 1 h, 2 h, 4 h … up to 24 h", () => {
    expect([1, 2, 3, 6, 10].map((n) => retryBackoffMs(n) / 3_600_000)).to.deep.equal([1, 2, 4, 24, 24]);
    expect(renewAfterOf(undefined, 30)).to.equal(undefined);
  });
});
