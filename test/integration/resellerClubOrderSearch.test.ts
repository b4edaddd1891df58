// The ResellerClub order search (`{api}/search.json`) against the sandbox: pages of
// `no-of-records` with `recsindb` counting every match, the repeated `order-id` filter, the
// expiry exactly as `details` reports it, and the documented 10..500 page size enforced.
import { expect } from "chai";
import axios from "axios";
import { SANDBOX_SEED, Sandbox } from "../../sandbox";
import { sandboxClients } from "../../sandbox/sdkClients";
import { VendorRuleError } from "../../sdk/common/errors";
import { RESELLERCLUB_SEARCH_PAGE_SIZE, ResellerClubClient } from "../../sdk/resellerclub";
import { rejection } from "../support/fixtures";
import { sandboxPerSuite } from "../support/sandboxSuite";

const START = "2030-01-15T12:00:00.000Z";
const SEEDED_SSLCERT = SANDBOX_SEED.resellerclub.orders.filter((o) => o.api === "sslcert");
const DAY = 86_400_000;

describe("ResellerClub order search against the sandbox", () => {
  let sandbox: Sandbox;
  sandboxPerSuite({ now: START }, (s) => (sandbox = s));
  /** The sdk client, pointed at this suite's sandbox. */
  const rc = (): ResellerClubClient => sandboxClients(sandbox).resellerclub;

  /** Seeds sslcert orders until the API holds `total`; returns every sslcert order id, ascending. */
  async function sslcertOrders(total: number): Promise<string[]> {
    for (let i = SEEDED_SSLCERT.length; i < total; i++) {
      const notAfter = new Date(Date.parse(START) + (30 + i) * DAY).toISOString();
      await sandbox.admin.seedCertificate({ vendor: "resellerclub", api: "sslcert", notAfter });
    }
    return sandbox.admin
      .certificates("resellerclub")
      .filter((c) => c.api === "sslcert")
      .map((c) => c.id)
      .sort((a, b) => Number(a) - Number(b));
  }

  it("pages 23 orders by 10 as 10, 10 and 3 rows, each page counting all 23, in order-id order", async () => {
    const ids = await sslcertOrders(23);
    expect(ids).to.have.length(23);
    const pages = [];
    for (const pageNo of [1, 2, 3, 4]) {
      pages.push(await rc().searchOrders({ api: "sslcert", pageNo, noOfRecords: 10 }));
    }
    expect(pages.map((p) => p.onPage)).to.deep.equal([10, 10, 3, 0]);
    expect(pages.map((p) => p.total)).to.deep.equal([23, 23, 23, 23]);
    expect(pages.flatMap((p) => p.orders.map((o) => o.orderId))).to.deep.equal(ids);
    const routes = sandbox.admin.requests({ vendor: "resellerclub" }).map((r) => r.route);
    expect(routes).to.deep.equal(Array(4).fill("resellerclub.search"));
  });

  it("filters by repeated order-id and reports each order's expiry, status and domain as details does", async () => {
    const [first, , third] = await sslcertOrders(5);
    const page = await rc().searchOrders({
      api: "sslcert",
      pageNo: 1,
      noOfRecords: RESELLERCLUB_SEARCH_PAGE_SIZE,
      orderIds: [third, first, "99999999"],
    });
    expect(page).to.include({ total: 2, onPage: 2 });
    expect(page.orders.map((o) => o.orderId)).to.deep.equal([first, third]);
    for (const listed of page.orders) {
      const details = await rc().orderDetails(listed.orderId, "sslcert");
      expect(listed).to.deep.equal({
        orderId: details.orderId,
        notAfter: details.notAfter,
        currentStatus: details.currentStatus,
        domainName: details.domainName,
      });
      expect(listed.notAfter).to.be.a("string");
    }
  });

  it("lists only the orders of the API asked, and no expiry where sslcert details report none", async () => {
    await sslcertOrders(2);
    const digital = await rc().searchOrders({ api: "digitalcertificate", pageNo: 1, noOfRecords: 10 });
    expect(digital.orders.map((o) => o.orderId)).to.deep.equal(["85547813"]);
    expect(digital.orders[0].notAfter).to.be.a("string");
    sandbox.admin.setResellerClubSslcertEndtime(false);
    const ssl = await rc().searchOrders({ api: "sslcert", pageNo: 1, noOfRecords: 10 });
    expect(ssl.orders.map((o) => o.orderId)).to.deep.equal(SEEDED_SSLCERT.map((o) => o.id));
    expect(ssl.orders.map((o) => o.notAfter)).to.deep.equal([undefined, undefined]);
  });

  it("refuses no-of-records outside 10..500 with the vendor's envelope, which the client carries as the vendor text", async () => {
    for (const noOfRecords of [9, 501]) {
      const error = await rejection(
        rc().searchOrders({ api: "sslcert", pageNo: 1, noOfRecords }),
        VendorRuleError,
      );
      expect(error.vendorText).to.equal("no-of-records must be between 10 and 500.");
      expect(error.operation).to.equal("orderSearch");
      expect(error.message).to.include("ResellerClub refused orderSearch").and.include("between 10 and 500");
    }
  });

  it("refuses a missing no-of-records or page-no and the filters it does not emulate", async () => {
    const c = sandbox.credentials.resellerclub;
    const get = (query: string) =>
      axios.get(
        `${sandbox.urls.resellerclub}/sslcert/search.json?auth-userid=${c.authUserId}&api-key=${c.apiKey}${query}`,
        {
          validateStatus: () => true,
        },
      );
    const cases: Array<[string, string]> = [
      ["&page-no=1", "no-of-records is required."],
      ["&no-of-records=10", "page-no is required."],
      ["&no-of-records=10&page-no=0", "Invalid page-no."],
      ["&no-of-records=10&page-no=1&status=Active", "Unsupported parameter: status."],
      ["&no-of-records=10&page-no=1&order-id=abc", "Invalid order-id."],
    ];
    for (const [query, message] of cases) {
      const res = await get(query);
      expect(res.status, query).to.equal(500);
      expect(res.data, query).to.deep.equal({ status: "ERROR", message });
    }
    const wrongKey = await axios.get(
      `${sandbox.urls.resellerclub}/sslcert/search.json?auth-userid=${c.authUserId}&api-key=wrong&no-of-records=10&page-no=1`,
      { validateStatus: () => true },
    );
    expect(wrongKey.data).to.deep.equal({ status: "ERROR", message: "Invalid auth-userid or api-key." });
  });

  it("answers a page as rows keyed 1, 2, … of dotted keys beside recsonpage and recsindb, and only those keys", async () => {
    const c = sandbox.credentials.resellerclub;
    const res = await axios.get(
      `${sandbox.urls.resellerclub}/sslcert/search.json?auth-userid=${c.authUserId}&api-key=${c.apiKey}&no-of-records=10&page-no=1&order-id=85547815`,
    );
    expect(Object.keys(res.data).sort()).to.deep.equal(["1", "recsindb", "recsonpage"]);
    expect(res.data).to.include({ recsonpage: "1", recsindb: "1" });
    expect(Object.keys(res.data["1"]).sort()).to.deep.equal([
      "entity.currentstatus",
      "entity.description",
      "orders.creationtime",
      "orders.endtime",
      "orders.orderid",
    ]);
    expect(res.data["1"]["orders.orderid"]).to.equal("85547815");
  });
});
