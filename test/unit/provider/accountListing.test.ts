import { expect } from "chai";
import {
  AccountListing,
  LISTING_MAX_AGE_MS,
  ListedPage,
  forgetAccountListings,
  sharedListing,
} from "../../../provider/backends/accountListing";

/**
 * A fake account of ids "1".."size": records each page asked for (offset, limit) and answers at
 * most `cap` items per page (a vendor whose page is smaller than asked), with the total unless
 * `noTotal`; pages listed in `fail` (by call number, from 1) are refused.
 */
function fakeAccount(size: number, opts: { cap?: number; noTotal?: boolean; fail?: number[] } = {}) {
  const asked: [number, number][] = [];
  const read = async (offset: number, limit: number): Promise<ListedPage<string>> => {
    asked.push([offset, limit]);
    if (opts.fail?.includes(asked.length)) throw new Error("refused");
    const end = Math.min(size, offset + Math.min(limit, opts.cap ?? limit));
    const ids = Array.from({ length: Math.max(0, end - offset) }, (_, i) => String(offset + i + 1));
    return {
      entries: new Map(ids.map((id) => [id, `v${id}`])),
      received: ids.length,
      ...(opts.noTotal ? {} : { total: size }),
    };
  };
  return { asked, read };
}

describe("AccountListing", () => {
  it("answers every read of a one-page account with one request, however many read at once", async () => {
    const account = fakeAccount(25);
    const listing = new AccountListing(account.read, { pageSize: 100, maxPages: 5 });
    const found = await Promise.all(["3", "25", "1"].map((id) => listing.find(id)));
    expect(found).to.deep.equal([
      { listed: true, entry: "v3" },
      { listed: true, entry: "v25" },
      { listed: true, entry: "v1" },
    ]);
    expect(account.asked).to.deep.equal([[0, 100]]);
  });

  it("pages on from what the vendor returned until the id shows up, one request at a time", async () => {
    const account = fakeAccount(25, { cap: 10 });
    const listing = new AccountListing(account.read, { pageSize: 100, maxPages: 5 });
    const [late, early] = await Promise.all([listing.find("24"), listing.find("2")]);
    expect(late).to.deep.equal({ listed: true, entry: "v24" });
    expect(early).to.deep.equal({ listed: true, entry: "v2" });
    expect(account.asked).to.deep.equal([
      [0, 100],
      [10, 100],
      [20, 100],
    ]);
  });

  it("says a missing id is not in a completely listed account, and asks no more", async () => {
    for (const opts of [{}, { noTotal: true }]) {
      const account = fakeAccount(15, opts);
      const listing = new AccountListing(account.read, { pageSize: 10, maxPages: 5 });
      expect(await listing.find("99")).to.deep.equal({ listed: false, complete: true });
      expect(await listing.find("98")).to.deep.equal({ listed: false, complete: true });
      expect(account.asked, JSON.stringify(opts)).to.deep.equal([
        [0, 10],
        [10, 10],
      ]);
    }
  });

  it("gives up after maxPages of a larger account without claiming the id is absent", async () => {
    const account = fakeAccount(1000);
    const listing = new AccountListing(account.read, { pageSize: 10, maxPages: 3 });
    expect(await listing.find("500")).to.deep.equal({ listed: false, complete: false });
    expect(await listing.find("25")).to.deep.equal({ listed: true, entry: "v25" });
    expect(account.asked).to.have.length(3);
  });

  it("ends at a refused page: the waiting reads and later ones are not listed, and it is not retried", async () => {
    const account = fakeAccount(30, { fail: [2] });
    const listing = new AccountListing(account.read, { pageSize: 10, maxPages: 5 });
    const found = await Promise.all([listing.find("5"), listing.find("15"), listing.find("25")]);
    expect(found).to.deep.equal([
      { listed: true, entry: "v5" },
      { listed: false, complete: false },
      { listed: false, complete: false },
    ]);
    expect(await listing.find("16")).to.deep.equal({ listed: false, complete: false });
    expect(account.asked).to.have.length(2);
  });

  it("tells onFailure once, with the vendor's error, when a page fails", async () => {
    const account = fakeAccount(30, { fail: [1] });
    const told: unknown[] = [];
    const listing = new AccountListing(account.read, {
      pageSize: 10,
      maxPages: 5,
      onFailure: (e) => told.push(e),
    });
    await Promise.all(["1", "2", "3"].map((id) => listing.find(id)));
    await listing.find("4");
    expect(told.map((e) => (e as Error).message)).to.deep.equal(["refused"]);
  });

  it("refuses a page size or page count under 1", () => {
    const { read } = fakeAccount(1);
    expect(() => new AccountListing(read, { pageSize: 0, maxPages: 1 })).to.throw(RangeError, /pageSize/);
    expect(() => new AccountListing(read, { pageSize: 1, maxPages: 0 })).to.throw(RangeError, /maxPages/);
  });

  it("is shared per account until forgotten (a new engine operation)", () => {
    forgetAccountListings();
    const { read } = fakeAccount(1);
    const make = () => new AccountListing(read, { pageSize: 1, maxPages: 1 });
    const a = sharedListing("account a", make);
    expect(sharedListing("account a", make)).to.equal(a);
    expect(sharedListing("account b", make)).to.not.equal(a);
    forgetAccountListings();
    expect(sharedListing("account a", make)).to.not.equal(a);
  });

  it("is read anew once older than LISTING_MAX_AGE_MS, whoever keeps the process", () => {
    forgetAccountListings();
    const { read } = fakeAccount(1);
    const make = () => new AccountListing(read, { pageSize: 1, maxPages: 1 });
    const realNow = Date.now;
    try {
      const start = realNow();
      Date.now = () => start;
      const a = sharedListing("account a", make);
      Date.now = () => start + LISTING_MAX_AGE_MS - 1;
      expect(sharedListing("account a", make)).to.equal(a);
      Date.now = () => start + LISTING_MAX_AGE_MS;
      expect(sharedListing("account a", make)).to.not.equal(a);
    } finally {
      Date.now = realNow;
      forgetAccountListings();
    }
  });
});
