import { expect } from "chai";
import { DigestCache } from "../../../sdk/common/digestCache";

describe("DigestCache", () => {
  it("builds once per distinct settings and shares the entry after", () => {
    const cache = new DigestCache<object>(4);
    let built = 0;
    const make = () => ({ n: ++built });
    const first = cache.get(["https://a.test/", { user: "u", password: "p" }], make);
    expect(cache.get(["https://a.test/", { user: "u", password: "p" }], make)).to.equal(first);
    expect(cache.get(["https://a.test/", { user: "u", password: "other" }], make)).to.not.equal(first);
    expect(built).to.equal(2);
  });

  it("drops the oldest entry at its bound, and builds it again when asked", () => {
    const cache = new DigestCache<number>(2);
    let built = 0;
    const make = () => ++built;
    cache.get("a", make);
    cache.get("b", make);
    cache.get("c", make); // "a" goes
    expect(cache.get("b", make)).to.equal(2);
    expect(cache.get("a", make)).to.equal(4);
    expect(built).to.equal(4);
  });
});
