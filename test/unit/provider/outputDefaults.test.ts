// Outputs the README documents as "" or 0 are never undefined: an undefined output reaches a
// program as `undefined`, and the CLI warns "Undefined value (…) will not show as a stack output".
import { expect } from "chai";
import { CertificateInputs } from "../../../provider/inputs";
import { OUTPUT_DEFAULTS, adoptedState, finalized, stateOf, toOutputs } from "../../../provider/state";

const inputs: CertificateInputs = {
  certificateId: "101",
  lifetimeMonths: 12,
  autodns: { user: "u", password: "p" },
} as CertificateInputs;

describe("output defaults (provider/state.ts)", function () {
  it('gives an adopted certificate\'s outputs every documented empty value: "" and 0, never undefined', function () {
    const outs = toOutputs(finalized(adoptedState(inputs, "2027-01-26T23:59:59.000Z"), undefined));
    for (const key of [
      "jobId",
      "transactionId",
      "vendorStatus",
      "certificatePem",
      "lastRenewedAt",
      "lastError",
    ])
      expect(outs, key).to.have.property(key, "");
    expect(outs).to.include({ renewalReason: "", renewalCount: 0, failedAttempts: 0, renewalStatus: "none" });
    const held = new Map(Object.entries(outs));
    expect(Object.keys(OUTPUT_DEFAULTS).every((k) => held.get(k) !== undefined)).to.equal(true);
  });

  it("keeps values that are set", function () {
    const outs = toOutputs({ ...adoptedState(inputs, undefined), jobId: "4297539521", lastError: "boom" });
    expect(outs).to.include({ jobId: "4297539521", lastError: "boom" });
  });

  it('reads the "" placeholders back as unset, so `jobId ?? transactionId` still finds the Symantec id', function () {
    const state = stateOf({ ...toOutputs(adoptedState(inputs, undefined)), transactionId: "0f5e1c" });
    expect(state.jobId).to.equal(undefined);
    expect(state.jobId ?? state.transactionId).to.equal("0f5e1c");
    expect(state.lastError, "lastError keeps its documented empty value").to.equal("");
  });
});
