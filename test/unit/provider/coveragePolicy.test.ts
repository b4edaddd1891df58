import { expect } from "chai";
import fc from "fast-check";
import { CLOCK_ENV } from "../../../provider/clock";
import { decideNextAction } from "../../../provider/coveragePolicy";
import { maxCertificateDays } from "../../../provider/certificateLifetimes";
import { CertificateInputs, CertificateState } from "../../../provider/inputs";
import { adoptedState } from "../../../provider/state";
import { validateInputs } from "../../../provider/validation";
import { RUNS } from "../property/arbitraries";

const DAY = 86_400_000;
const NOT_AFTER = "2027-01-26T23:59:59.000Z";
const TERM = "2027-11-30T23:59:59.000Z";
const inputs: CertificateInputs = {
  certificateId: "100",
  lifetimeMonths: 12,
  renewBeforeDays: 30,
  autodns: {},
};

/** A certificate adopted with both clocks, then changed by `over`. */
function state(over: Partial<CertificateState> = {}): CertificateState {
  return { ...adoptedState(inputs, NOT_AFTER, undefined, TERM), ...over };
}
const before = (iso: string, days: number) => new Date(Date.parse(iso) - days * DAY);

describe("decideNextAction (two clocks: the certificate and the paid term)", () => {
  it("reissues free when the certificate nears its expiry inside the term, with the money in the plan", () => {
    const d = decideNextAction(state(), inputs, before(NOT_AFTER, 25), true);
    expect(d).to.include({ renew: true, action: "reissue", forExpiry: NOT_AFTER });
    expect(d.plan).to.equal(
      "reissue planned (free, inside the term paid until 2027-11-30) — certificate 100 expires in 25 day(s)",
    );
    expect(d.nextActionAt).to.equal("2026-12-27T23:59:59.000Z");
  });

  it("renews (paid) when the term itself ends within renewBeforeDays", () => {
    const s = state({ notAfter: "2027-11-20T23:59:59.000Z" });
    const d = decideNextAction(s, inputs, before(TERM, 25), true);
    expect(d).to.include({ renew: true, action: "renew", forExpiry: TERM });
    expect(d.plan).to.match(
      /^renewal planned \(paid\) — the term of certificate 100 ends in 25 day\(s\) \(2027-11-30T23:59:59.000Z\)$/,
    );
  });

  it("names the next action (the certificate's clock runs out first) and when, while nothing is due", () => {
    const d = decideNextAction(state(), inputs, before(NOT_AFTER, 60), true);
    expect(d).to.include({ renew: false, action: "reissue", nextActionAt: "2026-12-27T23:59:59.000Z" });
  });

  it("does not reissue twice for the same expiry, nor renew twice for the same term", () => {
    const reissued = state({
      lastAction: "reissue",
      renewalStatus: "succeeded",
      renewedForNotAfter: NOT_AFTER,
    });
    expect(decideNextAction(reissued, inputs, before(NOT_AFTER, 10), true).renew).to.equal(false);
    const renewed = state({
      notAfter: "2027-11-20T23:59:59.000Z",
      lastAction: "renew",
      renewalStatus: "succeeded",
      renewedForNotAfter: TERM,
    });
    expect(decideNextAction(renewed, inputs, before(TERM, 10), true).renew).to.equal(false);
  });

  it("renews at once for a lifetime or trigger change, and polls while an action is pending", () => {
    const changed = decideNextAction(state(), { ...inputs, lifetimeMonths: 24 }, before(NOT_AFTER, 60), true);
    expect(changed).to.include({
      renew: true,
      action: "renew",
      reason: "lifetimeMonths changed from 12 to 24",
    });
    const pending = decideNextAction(
      state({ renewalStatus: "pending", jobId: "7" }),
      inputs,
      new Date(),
      true,
    );
    expect(pending).to.include({ renew: false, poll: true, action: "none" });
  });

  it("holds a failed reissue back by the retry backoff and says when it may run again", () => {
    const failed = state({
      lastAction: "reissue",
      renewalStatus: "failed",
      failedAttempts: 1,
      lastAttemptAt: before(NOT_AFTER, 20).toISOString(),
    });
    const d = decideNextAction(failed, inputs, new Date(before(NOT_AFTER, 20).getTime() + 1000), true);
    expect(d.renew).to.equal(false);
    expect(d.nextAttemptAt).to.equal(new Date(before(NOT_AFTER, 20).getTime() + 3_600_000).toISOString());
  });

  it("decides on one clock where the vendor cannot reissue or names no separate term", () => {
    expect(decideNextAction(state(), inputs, before(NOT_AFTER, 25), false)).to.include({ action: "renew" });
    const single = state({ coverageEndsAt: NOT_AFTER });
    const d = decideNextAction(single, inputs, before(NOT_AFTER, 25), true);
    expect(d).to.include({ renew: true, action: "renew" });
    expect(d.plan).to.match(/^renewal planned — certificate 100 expires in 25 day\(s\)/);
  });

  it("property: never renews while the term runs past renewBeforeDays without an explicit change", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 199 }),
        fc.integer({ min: 1, max: 2000 }),
        fc.integer({ min: 0, max: 1000 }),
        (renewBeforeDays, termDays, certDaysBeforeTerm) => {
          const now = new Date("2027-01-01T00:00:00Z");
          const term = new Date(now.getTime() + termDays * DAY).toISOString();
          const notAfter = new Date(Date.parse(term) - certDaysBeforeTerm * DAY).toISOString();
          const ins = { ...inputs, renewBeforeDays };
          const d = decideNextAction(state({ ...ins, notAfter, coverageEndsAt: term }), ins, now, true);
          const termDue = termDays <= renewBeforeDays;
          if (d.renew && d.action === "renew") expect(termDue).to.equal(true);
          if (d.renew && d.action === "reissue") expect(termDue).to.equal(false);
          if (termDue) expect(d).to.include({ renew: true, action: "renew" });
        },
      ),
      { numRuns: RUNS },
    );
  });
});

describe("check: renewBeforeDays against the CA/B schedule", () => {
  afterEach(() => delete process.env[CLOCK_ENV]);

  it("refuses a threshold that would reissue continuously, naming the schedule", () => {
    process.env[CLOCK_ENV] = "2029-04-01T00:00:00Z";
    expect(maxCertificateDays(new Date(process.env[CLOCK_ENV]))).to.equal(47);
    const failures = validateInputs(
      { ...inputs, renewBeforeDays: 60, autodns: { user: "u", password: "p", context: 4 } },
      () => false,
    );
    expect(failures.map((f) => f.property)).to.deep.equal(["renewBeforeDays"]);
    expect(failures[0].reason).to.match(
      /would reissue continuously: certificates issued now are valid for at most 47 days/,
    );
    expect(failures[0].reason).to.contain("SC-081v3");
    process.env[CLOCK_ENV] = "2026-04-01T00:00:00Z";
    expect(
      validateInputs(
        { ...inputs, renewBeforeDays: 60, autodns: { user: "u", password: "p", context: 4 } },
        () => false,
      ),
    ).to.deep.equal([]);
  });

  it("follows the schedule's dates: 398, 200, 100 and 47 days", () => {
    expect(maxCertificateDays(new Date("2026-03-14T23:59:59Z"))).to.equal(398);
    expect(maxCertificateDays(new Date("2026-03-15T00:00:00Z"))).to.equal(200);
    expect(maxCertificateDays(new Date("2027-03-15T00:00:00Z"))).to.equal(100);
    expect(maxCertificateDays(new Date("2029-03-15T00:00:00Z"))).to.equal(47);
  });
});
