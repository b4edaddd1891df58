import { expect } from "chai";
import { ReadBatcher, resetSharedBatchers, sharedBatcher } from "../../../provider/backends/readBatcher";

/** A fake list request: records each page and answers with `id → "v<id>"`, leaving out `absent`. */
function fakeReader(absent: string[] = []) {
  const pages: string[][] = [];
  let release: (() => void) | undefined;
  let hold = false;
  let called: () => void = () => undefined;
  const firstCall = new Promise<void>((resolve) => (called = resolve));
  const read = async (ids: string[]) => {
    pages.push(ids);
    called();
    if (hold) await new Promise<void>((resolve) => (release = resolve));
    return new Map(ids.filter((id) => !absent.includes(id)).map((id) => [id, `v${id}`]));
  };
  return {
    pages,
    read,
    /** Settles when the first page is asked for. */
    firstCall,
    holdNext: () => (hold = true),
    release: () => {
      hold = false;
      release?.();
    },
  };
}

describe("ReadBatcher", () => {
  it("answers reads made together with one page, each its own entry", async () => {
    const fake = fakeReader();
    const batcher = new ReadBatcher(fake.read, { pageSize: 10, windowMs: 1 });
    const answers = await Promise.all(["1", "2", "3"].map((id) => batcher.read(id)));
    expect(answers).to.deep.equal(["v1", "v2", "v3"]);
    expect(fake.pages).to.deep.equal([["1", "2", "3"]]);
  });

  it("splits at the page size and asks for a repeated id once", async () => {
    const fake = fakeReader();
    const batcher = new ReadBatcher(fake.read, { pageSize: 2, windowMs: 1 });
    const answers = await Promise.all(["1", "1", "2", "3", "4"].map((id) => batcher.read(id)));
    expect(answers).to.deep.equal(["v1", "v1", "v2", "v3", "v4"]);
    expect(fake.pages).to.deep.equal([["1"], ["2", "3"], ["4"]]);
  });

  it("answers undefined for an id the list left out", async () => {
    const fake = fakeReader(["2"]);
    const batcher = new ReadBatcher(fake.read, { pageSize: 10, windowMs: 1 });
    expect(await Promise.all([batcher.read("1"), batcher.read("2")])).to.deep.equal(["v1", undefined]);
  });

  it("rejects every read of a failed page, and the next page is asked anew", async () => {
    let fail = true;
    const batcher = new ReadBatcher(
      async (ids: string[]) => {
        if (fail) throw new Error("list refused");
        return new Map(ids.map((id) => [id, id]));
      },
      { pageSize: 10, windowMs: 1 },
    );
    const failed = await Promise.allSettled([batcher.read("1"), batcher.read("2")]);
    expect(failed.map((r) => r.status)).to.deep.equal(["rejected", "rejected"]);
    fail = false;
    expect(await batcher.read("1")).to.equal("1");
  });

  it("keeps one request in flight; reads arriving meanwhile go out together in the next", async () => {
    const fake = fakeReader();
    const batcher = new ReadBatcher(fake.read, { pageSize: 10, windowMs: 1 });
    fake.holdNext();
    const first = batcher.read("1");
    await fake.firstCall; // the window has passed: "1" is in flight
    expect(fake.pages).to.deep.equal([["1"]]);
    const later = ["2", "3", "4"].map((id) => batcher.read(id));
    expect(fake.pages).to.have.length(1);
    fake.release();
    expect(await Promise.all([first, ...later])).to.deep.equal(["v1", "v2", "v3", "v4"]);
    expect(fake.pages).to.deep.equal([["1"], ["2", "3", "4"]]);
  });

  it("with a slot, composes the request on its turn: reads that arrive while it waits go along", async () => {
    const fake = fakeReader();
    let turn: () => void = () => undefined;
    const waited = new Promise<void>((resolve) => (turn = resolve));
    const batcher = new ReadBatcher(fake.read, {
      pageSize: 10,
      windowMs: 1,
      slot: async (compose) => {
        await waited; // the rate limit's turn
        return compose();
      },
    });
    const first = batcher.read("1");
    await new Promise((resolve) => setTimeout(resolve, 10)); // the batch is waiting for its turn
    const meanwhile = batcher.read("2");
    expect(fake.pages).to.deep.equal([]);
    turn();
    expect(await Promise.all([first, meanwhile])).to.deep.equal(["v1", "v2"]);
    expect(fake.pages).to.deep.equal([["1", "2"]]);
    // A read after the request was composed is answered by the next one, never by this answer.
    fake.holdNext();
    const during = batcher.read("3");
    const late = batcher.read("4");
    await fake.firstCall;
    fake.release();
    expect(await Promise.all([during, late])).to.deep.equal(["v3", "v4"]);
    expect(fake.pages).to.deep.equal([
      ["1", "2"],
      ["3", "4"],
    ]);
  });

  it("keeps no answer: a later read asks the vendor again", async () => {
    const fake = fakeReader();
    const batcher = new ReadBatcher(fake.read, { pageSize: 10, windowMs: 1 });
    await batcher.read("1");
    await batcher.read("1");
    expect(fake.pages).to.deep.equal([["1"], ["1"]]);
  });

  it("refuses a page size below 1", () => {
    expect(() => new ReadBatcher(fakeReader().read, { pageSize: 0, windowMs: 1 })).to.throw(/pageSize/);
  });

  it("shares one batcher per key in the process", () => {
    resetSharedBatchers();
    const make = () => new ReadBatcher(fakeReader().read, { pageSize: 1, windowMs: 1 });
    const a = sharedBatcher("account-a", make);
    expect(sharedBatcher("account-a", make)).to.equal(a);
    expect(sharedBatcher("account-b", make)).to.not.equal(a);
    resetSharedBatchers();
    expect(sharedBatcher("account-a", make)).to.not.equal(a);
  });
});
