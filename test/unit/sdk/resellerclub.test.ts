// Fixture pairs for the ResellerClub / LogicBoxes client: POST forms for renewals (the API key
// stays out of the URL), GET queries with repeated keys for reads, and HTTP 500 business errors.
import { expect } from "chai";
import {
  RESELLERCLUB_SEARCH_PAGE_SIZE,
  ResellerClubClient,
  ResellerClubClientOptions,
  isPendingActionRefusal,
} from "../../../sdk/resellerclub";
import { noSleep, useFixtureReplay } from "../../support/fixtureReplay";
import { expectVendorError, loadFixture, rejectionOf } from "../../support/fixtures";
import { itFailsAsEachErrorFixture } from "../../support/errorFixtures";

const API_KEY = "Kx9-rc-5ecret";

/** A client for a fixture server's base URL; tests never sleep between retries. */
const client = (url: string, options: Partial<ResellerClubClientOptions> = {}) =>
  new ResellerClubClient({
    endpoint: `${url}/api`,
    authUserId: "17824872",
    apiKey: API_KEY,
    sleep: noSleep,
    ...options,
  });

describe("ResellerClub client fixture pairs", () => {
  const fixtures = useFixtureReplay(client);
  const { replay } = fixtures;

  it("digitalcertificate/renew posts the seed's parameters with attr-nameN/attr-valueN pairs and reads the flat result", async () => {
    const { result } = await replay(
      "resellerclub",
      "digitalcertificate-renew",
      (c) =>
        c.renewDigitalCertificate({
          orderId: "0",
          years: 1,
          additionalLicenses: 0,
          expDate: 1279012036,
          invoiceOption: "NoInvoice",
          attributes: {
            org_name: "The organisation Name",
            org_street1: "Organization address",
            csrString:
              "-----BEGIN NEW CERTIFICATE REQUEST-----\nMIIBwzCCASwCAQAwgYIxCzAJBgNVBAYTAklO\n-----END NEW CERTIFICATE REQUEST-----",
          },
        }),
      { authUserId: 0, apiKey: "key" },
    );
    expect(fixtures.server.requests).to.have.length(1);
    expect(fixtures.server.requests[0].url, "the API key stays out of the URL").to.equal(
      "/api/digitalcertificate/renew.json",
    );
    expect(result).to.deep.include({
      eaqId: "524620696",
      entityId: "85547813",
      invoiceId: "88713188",
      actionStatus: "Success",
      actionStatusDesc: "Renewal completed successfully",
      status: "Success",
      actionTypeDesc: "Renewal of Digital Certificate for example.com for 1 year",
    });
    expect(result.raw.sellingamount).to.equal("-7.910");
  });

  it("sslcert/renew posts months, invoice-option and discount-amount", async () => {
    const { result } = await replay("resellerclub", "sslcert-renew", (c) =>
      c.renewSslCert({
        orderId: "85547813",
        months: 24,
        invoiceOption: "PayInvoice",
        discountAmount: 2.5,
      }),
    );
    expect(result.eaqId).to.equal("524620701");
    expect(result.actionStatus).to.equal("PendingExecution");
  });

  it("orderDetails sends GET with auth and order-id only (no undocumented options=All) and reads endtime as the expiry", async () => {
    const { result: order } = await replay("resellerclub", "order-details", (c) =>
      c.orderDetails("85547813"),
    );
    expect(order).to.deep.include({
      orderId: "85547813",
      notAfter: "2024-12-31T23:59:59.000Z",
      created: "2024-01-01T00:00:00.000Z",
      currentStatus: "Active",
      domainName: "example.com",
      productCategory: "sslcert",
    });
    expect(order.raw.noOfYears).to.equal("1");
  });

  it("searchOrders asks one page of sslcert/search.json with repeated order-id keys and reads the dotted row keys", async () => {
    const { result: page } = await replay("resellerclub", "order-search", (c) =>
      c.searchOrders({
        api: "sslcert",
        pageNo: 1,
        noOfRecords: RESELLERCLUB_SEARCH_PAGE_SIZE,
        orderIds: ["85547813", "85547814"],
      }),
    );
    expect(fixtures.server.requests[0].query.getAll("order-id")).to.deep.equal(["85547813", "85547814"]);
    expect(page).to.deep.equal({
      total: 2,
      onPage: 2,
      orders: [
        {
          orderId: "85547813",
          notAfter: "2024-12-31T23:59:59.000Z",
          currentStatus: "Active",
          domainName: "example.com",
        },
        // A row without orders.endtime keeps notAfter undefined: nothing is guessed.
        {
          orderId: "85547814",
          notAfter: undefined,
          currentStatus: "Suspended",
          domainName: "shop.example.com",
        },
      ],
    });
  });

  it("searchOrders with an empty orderIds list matches nothing and sends no request", async () => {
    const c = client("http://127.0.0.1:9");
    expect(await c.searchOrders({ api: "sslcert", pageNo: 1, noOfRecords: 10, orderIds: [] })).to.deep.equal({
      total: 0,
      onPage: 0,
      orders: [],
    });
  });

  it("currentActions repeats order-id and eaq-id keys and reads rows keyed 1, 2 in order", async () => {
    const { result: actions } = await replay("resellerclub", "current-actions", (c) =>
      c.currentActions({
        orderIds: ["85547813", "85547814"],
        eaqIds: ["524620696", "524620701"],
      }),
    );
    expect(fixtures.server.requests[0].query.getAll("order-id")).to.deep.equal(["85547813", "85547814"]);
    expect(actions).to.deep.equal([
      {
        eaqId: "524620696",
        orderId: "85547813",
        actionType: "Renew",
        actionStatus: "Success",
        actionStatusDesc: "Renewal completed successfully",
        added: "2024-09-15T08:00:00.000Z",
        completed: "2024-09-15T08:01:00.000Z",
      },
      {
        eaqId: "524620701",
        orderId: "85547814",
        actionType: "Renew",
        actionStatus: "PendingExecution",
        actionStatusDesc: "Waiting for invoice payment",
        added: "2024-09-15T09:00:00.000Z",
        completed: undefined,
      },
    ]);
  });
});

describe("ResellerClub client error fixtures", () => {
  const fixtures = useFixtureReplay(client);
  const operations: Record<string, (c: ResellerClubClient) => Promise<unknown>> = {
    renewDigitalCertificate: (c) =>
      c.renewDigitalCertificate({
        orderId: "85547813",
        years: 1,
        additionalLicenses: 0,
        expDate: 1735689599,
        invoiceOption: "NoInvoice",
      }),
    renewSslCert: (c) => c.renewSslCert({ orderId: "85547813", months: 12, invoiceOption: "NoInvoice" }),
    orderDetails: (c) => c.orderDetails("85547813"),
    currentActions: (c) => c.currentActions({ orderIds: ["85547813"] }),
    searchOrders: (c) =>
      c.searchOrders({ api: "sslcert", pageNo: 1, noOfRecords: 10, orderIds: ["85547813"] }),
  };

  itFailsAsEachErrorFixture({
    group: "resellerclub/errors",
    vendor: "resellerclub",
    client: (url) => client(url),
    operations,
    secrets: [API_KEY],
  });

  it("the pending-action refusal is recognised by isPendingActionRefusal and the renew is sent once", async () => {
    const fx = loadFixture("resellerclub/errors", "pending-action-500");
    const error = await rejectionOf(operations.renewDigitalCertificate(await fixtures.clientFor(fx.reply)));
    expect(isPendingActionRefusal(error)).to.equal(true);
    expect(fixtures.server.requests).to.have.length(1);
  });

  it("a business error on HTTP 500 is not retried even for a read", async () => {
    const fx = loadFixture("resellerclub/errors", "order-not-found");
    await rejectionOf(operations.orderDetails(await fixtures.clientFor(fx.reply)));
    expect(fixtures.server.requests).to.have.length(1);
  });

  it("an HTML 500 is retried for a read, then reported as a DecodeError", async () => {
    const reply = { status: 500, headers: { "content-type": "text/html" }, body: "<h1>oops</h1>" };
    const error = await rejectionOf(operations.orderDetails(await fixtures.clientFor(reply)));
    expectVendorError(
      error,
      { class: "DecodeError", status: 500, messageIncludes: ["HTTP 500"] },
      "resellerclub",
      [API_KEY],
    );
    expect(fixtures.server.requests).to.have.length(4);
  });
});
