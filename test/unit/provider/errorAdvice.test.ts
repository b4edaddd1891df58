import { expect } from "chai";
import { autodnsError } from "../../../sdk/autodns/errors";
import { AUTODNS_CODES } from "../../../sdk/autodns/codes";
import { ConnectionError, DecodeError, VendorError, VendorRuleError } from "../../../sdk/common/errors";
import { resellerClubError } from "../../../sdk/resellerclub/errors";
import { symantecError } from "../../../sdk/symantec/errors";
import { SYMANTEC_CODES } from "../../../sdk/symantec/codes";
import type { VendorBackend } from "../../../provider/backends/backend";
import { adviceFor, advisedBackend, withAdvice } from "../../../provider/backends/errorAdvice";
import { VENDOR_APIS } from "../../../provider/backends/vendorApis";

/** The advised message of an sdk error, with the vendor's credentials as vendorApis.ts declares them. */
function advised(error: VendorError): string {
  return (withAdvice(error, VENDOR_APIS[error.vendor].credentials) as Error).message;
}

const autodns = (httpStatus: number, code?: string, operation = "renew") =>
  autodnsError(
    { operation, httpStatus, code, text: "vendor text", stid: "stid-1", rawBody: "" },
    { certificateId: "100" },
  );
const resellerclub = (message: string, httpStatus = 500) =>
  resellerClubError({ operation: "renew", httpStatus, status: "ERROR", message, rawBody: "" }, "855");
const symantec = (code: string | undefined, httpStatus = 200) =>
  symantecError(
    { operation: "renew", httpStatus, code, text: code ? "vendor text" : undefined, rawBody: "" },
    "tx-1",
  );

describe("vendor error advice (the sdk states facts, the provider says what to change)", () => {
  it("keeps the sdk's facts and appends one imperative naming the inputs and variables", () => {
    const message = advised(autodns(401, "E01003"));
    expect(message).to.match(
      /^AutoDNS refused the credentials for the renewal of certificate 100 \[E01003: vendor text\] \(stid stid-1\); check /,
    );
    for (const name of [
      "autodns.user",
      "autodns.password",
      "autodns.context",
      "AUTODNS_USER",
      "AUTODNS_CONTEXT",
    ])
      expect(message).to.include(name);
  });

  it("names the AutoDNS rule's fix by its code, and none for a job that moved to the history", () => {
    expect(advised(autodns(400, AUTODNS_CODES.renewWindow))).to.include("keep renewBeforeDays at 90 or less");
    expect(advised(autodns(400, AUTODNS_CODES.adminContactInvalid))).to.include("set autodns.adminContactId");
    expect(advised(autodns(400, AUTODNS_CODES.technicalContactInvalid))).to.include(
      "set autodns.technicalContactId",
    );
    expect(advised(autodns(404, AUTODNS_CODES.certificateNotFound, "certificateInfo"))).to.include(
      "check certificateId",
    );
    const gone = autodns(404, AUTODNS_CODES.jobNotFound, "jobInfo");
    expect(adviceFor(gone, VENDOR_APIS.autodns.credentials)).to.equal(undefined);
    expect(gone.message).to.include("moves a finished job to the job history");
  });

  // ResellerClub's own texts, as the fixtures under test/fixtures/resellerclub/errors/ carry them.
  it("reads ResellerClub's refusals by their text: credentials and whitelist, refresh, the order id", () => {
    const auth = advised(resellerclub("Invalid auth-userid or api-key."));
    for (const name of [
      "resellerclub.authUserId",
      "resellerclub.apiKey",
      "RESELLERCLUB_API_KEY",
      "whitelisted",
    ])
      expect(auth).to.include(name);
    expect(advised(resellerclub("Domain already renewed."))).to.include(
      "; run pulumi refresh to record the new expiry",
    );
    expect(
      advised(resellerclub("Current expiry date provided does not match the expiry date of the order.")),
    ).to.include("run pulumi refresh (or correct notAfter)");
    expect(advised(resellerclub("Invalid Order Id or the order does not exist."))).to.include(
      "check certificateId (the order id)",
    );
  });

  it("gives each VICE2 code its fix, and an HTML 401 or 404 page the fix of the code its status stands for", () => {
    expect(advised(symantec(SYMANTEC_CODES.challengeMismatch))).to.match(
      /\[0x3069: vendor text\]; the original challenge phrase does not match; set symantec\.originalChallenge/,
    );
    expect(advised(symantec(SYMANTEC_CODES.corruptedCsr))).to.include("set symantec.csr");
    expect(advised(symantec("0xA001"))).to.include("use a CSR with the same key type");
    expect(advised(symantec(undefined, 401))).to.include("symantec.clientCertificate");
    expect(advised(symantec(undefined, 404))).to.include("check certificateId");
    expect(adviceFor(symantec("0x0999"), VENDOR_APIS.symantec.credentials)).to.equal(undefined);
  });

  it("points an unreadable answer at the endpoint input, and a TLS trust failure at the CA input", () => {
    const decode = new DecodeError("ResellerClub answered renew with HTML", {
      vendor: "resellerclub",
      operation: "renew",
    });
    expect(advised(decode)).to.include("check resellerclub.endpoint if it persists");
    const vice2 = { vendor: "symantec", operation: "renew" } as const;
    const tls = new ConnectionError("not trusted", { ...vice2, requestSent: false, phase: "tls" });
    expect(advised(tls)).to.include("set symantec.caCertificate");
    const reset = new ConnectionError("reset", { ...vice2, requestSent: true, phase: "reset" });
    expect(adviceFor(reset, VENDOR_APIS.symantec.credentials)).to.equal(undefined);
  });

  it("advises an error once, keeps its class and facts, and leaves other errors alone", () => {
    const error = autodns(400, AUTODNS_CODES.adminContactInvalid);
    const once = advised(error);
    expect(advised(error)).to.equal(once);
    expect(error).to.be.instanceOf(VendorRuleError);
    expect(error.vendorCode).to.equal(AUTODNS_CODES.adminContactInvalid);
    const plain = new Error("not a vendor's");
    expect(withAdvice(plain, [])).to.equal(plain);
    expect(plain.message).to.equal("not a vendor's");
  });

  it("wraps an adapter: its rejections carry the advice, its results and missing methods stay as they are", async () => {
    const refusal = autodns(401, "E01003");
    const snapshot = { notAfter: "2027-01-01T00:00:00.000Z" };
    const adapter: VendorBackend = {
      inspect: async () => snapshot,
      findPendingRenewal: async () => undefined,
      renew: async () => {
        throw refusal;
      },
      poll: async () => ({ status: "pending", vendorStatus: "RUNNING" }),
    };
    const wrapped = advisedBackend(adapter, VENDOR_APIS.autodns.credentials);
    expect(await wrapped.inspect("100")).to.equal(snapshot);
    expect(wrapped.reissue).to.equal(undefined);
    expect(wrapped.latestRenewal).to.equal(undefined);
    const error = await wrapped.renew({ certificateId: "100", lifetimeMonths: 12 }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).to.equal(refusal);
    expect(refusal.message).to.include("; check autodns.user");
  });
});
