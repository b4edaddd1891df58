// ResellerClub answers verbatim from public sources (VENDOR-FIDELITY F12–F15, test/fixtures/resellerclub/published)
// replayed to the client: nested maps in a renew answer, a non-final action status, the mixed-case
// error envelope on HTTP 500, and a search map keyed "1".
import { expect } from "chai";
import { actionProgress } from "../../../provider/backends/resellerclubBackend";
import { ResellerClubClient, isPendingActionRefusal, searchRows } from "../../../sdk/resellerclub";
import { FixtureServer, Reply, startFixtureServer } from "../../support/fixtureServer";
import { expectVendorError, loadFixture, rejectionOf } from "../../support/fixtures";

const GROUP = "resellerclub/published";

describe("ResellerClub answers as published (F12–F15)", () => {
  let server: FixtureServer | undefined;

  async function clientFor(reply: Reply) {
    server = await startFixtureServer(reply);
    return new ResellerClubClient({
      endpoint: `${server.url}/api`,
      authUserId: "17824872",
      apiKey: "Kx9-rc-5ecret",
      sleep: async () => {},
    });
  }
  const renew = (client: ResellerClubClient) =>
    client.renewSslCert({ orderId: "85547813", months: 12, invoiceOption: "NoInvoice" });

  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it("F12: a renew answer with a nested privacydetails map yields its eaqid and drops the nested map", async () => {
    const client = await clientFor(loadFixture(GROUP, "f12-renew-nested-map").reply);
    const result = await renew(client);
    expect(result).to.deep.include({
      eaqId: "524620696",
      entityId: "85547813",
      invoiceId: "88713188",
      actionStatus: "Success",
      status: "Success",
    });
    expect(result.raw).not.to.have.property("privacydetails");
    expect(server!.requests[0].path).to.equal("/api/sslcert/renew.json");
  });

  it("F13: actionstatus InvoicePaid is not final: the renewal is pending, not done or failed", async () => {
    const client = await clientFor(loadFixture(GROUP, "f13-renew-invoice-paid").reply);
    const result = await renew(client);
    expect(result.eaqId).to.equal("461863406");
    const progress = actionProgress({
      eaqId: result.eaqId,
      actionStatus: result.actionStatus!,
      actionStatusDesc: result.actionStatusDesc,
    });
    expect(progress).to.include({ status: "pending", vendorStatus: "InvoicePaid", jobId: "461863406" });
  });

  it("F14: HTTP 500 {status: 'Error'} 'There is already an action pending on this Order.' is the pending-action refusal", async () => {
    const fx = loadFixture(GROUP, "f14-error-pending-action");
    const client = await clientFor(fx.reply);
    const error = await rejectionOf(renew(client));
    expectVendorError(error, fx.meta.expect!, "resellerclub", ["Kx9-rc-5ecret"]);
    expect(isPendingActionRefusal(error)).to.equal(true);
  });

  it('F15: a search answer keyed "1" beside recsonpage/recsindb yields one row', () => {
    const body = JSON.parse(loadFixture(GROUP, "f15-search-map").responseText) as unknown;
    const rows = searchRows(body);
    expect(rows).to.have.length(1);
    expect(rows[0]["customer.customerid"]).to.equal("24148486");
  });
});
