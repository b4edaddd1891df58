// Property tests of every vendor answer reader: whatever arrives — recorded answers cut at any byte
// or mutated, random JSON of the right vocabulary, random XML, hostile XML, noise — under any HTTP
// status, the reader returns a well-formed result or throws a VendorError of its vendor.
import { expect } from "chai";
import fc from "fast-check";
import { readEnvelope } from "../../../sdk/autodns/jsonClient";
import { readGatewayResponse, salvageAutodnsXmlRenewal } from "../../../sdk/autodns/xmlClient";
import { DecodeError } from "../../../sdk/common/errors";
import type { HttpResponse } from "../../../sdk/common/http";
import { readResellerClubResponse, searchRows } from "../../../sdk/resellerclub/client";
import { readSymantecResponse, salvageSymantecRenewal } from "../../../sdk/symantec/client";
import { isSymantecPendingCode } from "../../../sdk/symantec/codes";
import {
  RUNS,
  fixtureBodies,
  hostileXml,
  jsonDocuments,
  mutated,
  quick,
  responses,
  truncated,
  typedOutcome,
  xmlDocuments,
} from "./arbitraries";

/** Asserts `check` on every response with a body from `bodies` (RUNS runs). */
function forEveryResponse(bodies: fc.Arbitrary<string>, check: (response: HttpResponse) => void): void {
  fc.assert(fc.property(responses(bodies), check), { numRuns: RUNS });
}

function anyBody(recorded: string[], structured: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc.oneof(
    truncated(recorded),
    mutated(recorded),
    fc.constantFrom(...recorded),
    structured,
    fc.string({ maxLength: 200 }),
    fc.constantFrom("", " ", "null", "[]", "{}", "<html><body>502 Bad Gateway</body></html>"),
  );
}

describe("property: AutoDNS JSON readEnvelope", () => {
  const recorded = fixtureBodies("autodns");
  const keys = ["stid", "ctid", "status", "messages", "data", "code", "text", "type", "object"];

  it("returns an envelope or throws an AutoDNS VendorError", () => {
    forEveryResponse(anyBody(recorded, jsonDocuments(keys)), (response) => {
      const env = typedOutcome("autodns", () => quick(500, () => readEnvelope(response, "renew", {})));
      if (!env) return;
      expect(env.data).to.be.an("array");
      expect(env.status.type).to.be.a("string");
      expect(response.status).to.be.below(400);
    });
  });

  it("never reports success for a body cut short", () => {
    const whole = recorded.filter((b) => b.trim().length > 2);
    fc.assert(
      fc.property(fc.constantFrom(...whole), fc.nat(), (body, at) => {
        const cut = body.trimEnd().slice(0, at % body.trimEnd().length);
        const env = typedOutcome("autodns", () =>
          readEnvelope({ status: 200, headers: {}, body: cut }, "jobInfo", {}),
        );
        expect(env).to.equal(undefined);
      }),
      { numRuns: RUNS },
    );
  });
});

describe("property: AutoDNS XML readGatewayResponse", () => {
  const recorded = fixtureBodies("autodns-xml");
  const bodies = anyBody(recorded, fc.oneof(xmlDocuments(), hostileXml()));

  it("returns response/result or throws an AutoDNS VendorError", () => {
    forEveryResponse(bodies, (response) => {
      const read = typedOutcome("autodns", () =>
        quick(2000, () => readGatewayResponse(response, "jobInfo", {})),
      );
      if (!read) return;
      expect(read.root).to.be.an("object");
      expect(read.result).to.be.an("object");
      expect(response.status).to.be.below(400);
    });
  });

  it("salvages a renewal only from a 2xx body that does not parse and names a complete job id", () => {
    forEveryResponse(bodies, (response) => {
      const salvaged = salvageAutodnsXmlRenewal(response);
      if (!salvaged) return;
      expect(response.status).to.be.within(200, 299);
      expect(response.body).to.contain(`${salvaged.jobId}</`);
      expect(() => readGatewayResponse(response, "renew", {})).to.throw(DecodeError);
    });
  });
});

describe("property: Symantec readSymantecResponse", () => {
  const recorded = fixtureBodies("symantec");
  const bodies = anyBody(recorded, fc.oneof(xmlDocuments(), hostileXml()));

  it("returns a 0x00 result, a held renewal for a documented Pending code, or throws a Symantec VendorError", () => {
    forEveryResponse(bodies, (response) => {
      const result = typedOutcome("symantec", () =>
        quick(2000, () => readSymantecResponse(response, "pickup", "t")),
      );
      if (!result) return;
      if (result.pending) {
        expect(isSymantecPendingCode(result.statusCode)).to.equal(true);
        expect(result.certificatePem).to.equal(undefined);
        return;
      }
      expect(result.statusCode.toLowerCase()).to.equal("0x00");
      if (result.certificatePem) expect(result.certificatePem.endsWith("\n")).to.equal(true);
    });
  });

  it("salvages a renewal only from a 2xx body with StatusCode 0x00 and a complete transaction id", () => {
    forEveryResponse(fc.oneof(truncated(recorded), bodies), (response) => {
      const salvaged = salvageSymantecRenewal(response);
      if (!salvaged) return;
      expect(response.status).to.be.within(200, 299);
      expect(salvaged.statusCode.toLowerCase()).to.equal("0x00");
      expect(response.body).to.contain(`${salvaged.transactionId}</`);
    });
  });
});

describe("property: ResellerClub readResellerClubResponse", () => {
  const recorded = fixtureBodies("resellerclub");
  const keys = ["status", "message", "error", "actionstatusdesc", "eaqid", "result", "1", "2", "recsonpage"];

  it("returns an object or throws a ResellerClub VendorError; search rows are always records", () => {
    forEveryResponse(anyBody(recorded, jsonDocuments(keys)), (response) => {
      const body = typedOutcome("resellerclub", () =>
        quick(500, () => readResellerClubResponse(response, "actionSearch", "1")),
      );
      if (!body) return;
      expect(body).to.be.an("object");
      expect(response.status).to.be.below(400);
      for (const row of searchRows(body)) expect(row).to.be.an("object");
    });
  });
});
