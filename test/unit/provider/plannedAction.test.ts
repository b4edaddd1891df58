import { expect } from "chai";
import {
  ADOPT_ACTION,
  NO_ACTION,
  PLANNED_ACTION_KEY,
  REFRESHED_STATE_KEY,
  UNKNOWN_ACTION,
  plannedAction,
  refreshedInputs,
  withPlannedAction,
} from "../../../provider/plannedAction";
import { CertificateInputs, CertificateState } from "../../../provider/inputs";
import { UNKNOWN } from "../../../provider/unknowns";
import { adoptedState } from "../../../provider/state";

const NOW = new Date("2026-11-27T00:00:00Z");
const inputs: CertificateInputs = {
  certificateId: "100",
  lifetimeMonths: 12,
  autodns: { user: "u", password: "p", context: 4 },
} as CertificateInputs;
const state = (over: Partial<CertificateState>): CertificateState => ({
  ...adoptedState(inputs, "2026-12-17T00:00:00.000Z"),
  ...over,
});

describe("plannedAction: the action and its reason as an input, for preview --diff", function () {
  it("names the renewal and its reason from the facts a refresh stored", function () {
    const olds = refreshedInputs(state({}));
    expect(plannedAction(olds, inputs, NOW)).to.equal(
      "renewal planned — certificate 100 expires in 20 day(s) (2026-12-17T00:00:00.000Z), inside the 30-day renewal window",
    );
  });

  it("is none outside the window and while a renewal is pending", function () {
    expect(
      plannedAction(refreshedInputs(state({ notAfter: "2027-06-01T00:00:00.000Z" })), inputs, NOW),
    ).to.equal(NO_ACTION);
    const pending = refreshedInputs(state({ renewalStatus: "pending", jobId: "7" }));
    expect(plannedAction(pending, inputs, NOW)).to.equal(NO_ACTION);
  });

  it("adopts on create and on a changed certificate id", function () {
    expect(plannedAction({}, inputs, NOW)).to.equal(ADOPT_ACTION);
    expect(plannedAction(refreshedInputs(state({})), { ...inputs, certificateId: "101" }, NOW)).to.equal(
      ADOPT_ACTION,
    );
  });

  it("says unknown without refreshed facts, and once a run planned a renewal (the facts are used up)", function () {
    expect(plannedAction({ ...inputs }, inputs, NOW)).to.equal(UNKNOWN_ACTION);
    const afterUp = withPlannedAction({ ...inputs }, refreshedInputs(state({})), inputs, NOW);
    expect(afterUp[PLANNED_ACTION_KEY]).to.match(/^renewal planned — /);
    expect(plannedAction(afterUp, inputs, NOW)).to.equal(UNKNOWN_ACTION);
    // A user-given expiry is not trusted then either: a renewal since may have overtaken it.
    expect(plannedAction(afterUp, { ...inputs, notAfter: "2026-12-01T00:00:00Z" }, NOW)).to.equal(
      UNKNOWN_ACTION,
    );
  });

  it("is unknown while an input is (preview), never a sentence quoting the placeholder", function () {
    const olds = refreshedInputs(state({}));
    expect(plannedAction(olds, { ...inputs, lifetimeMonths: UNKNOWN as unknown as number }, NOW)).to.equal(
      UNKNOWN,
    );
  });

  it("names a due reissue, free inside the paid term, from the refreshed facts (two clocks)", function () {
    const olds = refreshedInputs(state({ coverageEndsAt: "2027-11-30T00:00:00.000Z" }));
    expect(plannedAction(olds, inputs, NOW)).to.match(
      /^reissue planned \(free, inside the term paid until 2027-11-30\) — certificate 100 expires in 20 day\(s\)/,
    );
  });

  it("names a changed renewalTrigger even without refreshed facts", function () {
    expect(plannedAction({ ...inputs }, { ...inputs, renewalTrigger: "now" }, NOW)).to.equal(
      'renewal planned — renewalTrigger changed from "" to "now"',
    );
  });

  it("is stable: checking the stored inputs again plans the same (no perpetual diff)", function () {
    const olds = refreshedInputs(state({ notAfter: "2027-06-01T00:00:00.000Z" }));
    const checked = withPlannedAction({ ...inputs }, olds, inputs, NOW);
    expect(checked).to.deep.equal({ ...olds, autodns: inputs.autodns });
    expect(withPlannedAction({ ...inputs }, checked, inputs, NOW)).to.deep.equal(checked);
  });

  it("stores the program's inputs and the facts on refresh, without the known expiry as an input or any secret", function () {
    const stored = refreshedInputs(
      state({ notAfter: "2027-06-01T00:00:00.000Z", coverageEndsAt: "2027-12-01T00:00:00.000Z", jobId: "9" }),
    );
    expect(stored).not.to.have.property("notAfter");
    expect(stored[REFRESHED_STATE_KEY]).to.deep.equal({
      notAfter: "2027-06-01T00:00:00.000Z",
      coverageEndsAt: "2027-12-01T00:00:00.000Z",
      renewalStatus: "none",
      jobId: "9",
      failedAttempts: 0,
    });
    expect(JSON.stringify(stored[REFRESHED_STATE_KEY])).not.to.contain('"p"');
  });
});
