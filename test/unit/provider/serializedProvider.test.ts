import { expect } from "chai";
import * as pulumi from "@pulumi/pulumi";
import { RenewedCertificate } from "../../../provider/resource";
import { recordRegistrations } from "../../support/pulumiMocks";

const PASSWORD = "hunter2-very-secret-password";
const API_KEY = "rc-api-key-0123456789";

describe("serialized RenewedCertificateProvider (under pulumi.runtime.setMocks)", () => {
  const seen: Record<string, unknown>[] = [];
  before(() => recordRegistrations(seen));

  it("is under 4 KB, requires the lifecycle by package path and holds no credential", async () => {
    const a = new RenewedCertificate("a", {
      certificateId: "100",
      lifetimeMonths: 12,
      autodns: { user: "u", password: pulumi.secret(PASSWORD), context: 4 },
    });
    const b = new RenewedCertificate("b", {
      certificateId: "85547813",
      lifetimeMonths: 12,
      resellerclub: { authUserId: "1", apiKey: API_KEY },
    });
    await new Promise<void>((resolve) => pulumi.all([a.urn, b.urn]).apply(() => resolve()));
    expect(seen).to.have.length(2);
    for (const inputs of seen) {
      const provider = inputs.__provider as string;
      expect(provider).to.be.a("string");
      expect(Buffer.byteLength(provider)).to.be.lessThan(4096);
      expect(provider).to.contain('require("pulumi-renewed-certificate/dist/provider/lifecycle.js")');
      expect(provider).not.to.contain(PASSWORD);
      expect(provider).not.to.contain(API_KEY);
    }
  });
});
