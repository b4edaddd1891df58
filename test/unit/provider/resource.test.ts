import { expect } from "chai";
import * as pulumi from "@pulumi/pulumi";
import { RenewedCertificate } from "../../../provider/resource";
import { PROGRAM_OUTPUTS } from "../../../provider/state";
import { recordRegistrations } from "../../support/pulumiMocks";

/** The names of the Output fields the class declares (besides the SDK's own `urn` and `id`). */
type DeclaredOutputs = Exclude<
  {
    [K in keyof RenewedCertificate]-?: RenewedCertificate[K] extends pulumi.Output<unknown> ? K : never;
  }[keyof RenewedCertificate],
  "urn" | "id"
>;
// Compile-time: PROGRAM_OUTPUTS names only declared fields, and every declared field is in it.
const onlyDeclared: readonly DeclaredOutputs[] = PROGRAM_OUTPUTS;
const everyDeclared: [Exclude<DeclaredOutputs, (typeof PROGRAM_OUTPUTS)[number]>] extends [never]
  ? true
  : false = true;

describe("RenewedCertificate (the resource class, under pulumi.runtime.setMocks)", () => {
  const registered: Record<string, unknown>[] = [];
  before(() => recordRegistrations(registered, { renewalStatus: "none", renewalCount: 0 }));

  const minimal = () => ({
    certificateId: "100",
    lifetimeMonths: 12,
    autodns: { user: "u", password: pulumi.secret("p"), context: 4 },
  });

  it("exposes every declared output as an Output, set or not", async () => {
    expect(onlyDeclared).to.have.length(PROGRAM_OUTPUTS.length);
    expect(everyDeclared).to.equal(true);
    const cert = new RenewedCertificate("outputs", minimal()) as unknown as Record<string, unknown>;
    for (const name of PROGRAM_OUTPUTS) {
      expect(pulumi.Output.isInstance(cert[name]), `${name} is an Output`).to.equal(true);
    }
    const status = await new Promise((resolve) =>
      (cert.renewalStatus as pulumi.Output<string>).apply((v) => resolve(v)),
    );
    expect(status).to.equal("none");
  });

  it("registers no bookkeeping of the provider's own", async () => {
    const cert = new RenewedCertificate("bookkeeping", minimal()) as unknown as Record<string, unknown>;
    for (const name of ["lastAttemptAt", "outcomeUnknown", "renewedForNotAfter", "currentChallenge"]) {
      expect(cert[name], name).to.equal(undefined);
    }
  });

  it("restores Error.stackTraceLimit, also when registering throws", () => {
    const before = Error.stackTraceLimit;
    new RenewedCertificate("limit", minimal());
    expect(Error.stackTraceLimit).to.equal(before);
    const failing = () =>
      new RenewedCertificate("throws", minimal(), {
        transformations: [
          () => {
            throw new Error("a transformation failed");
          },
        ],
      });
    expect(failing).to.throw("a transformation failed");
    expect(Error.stackTraceLimit).to.equal(before);
  });
});
