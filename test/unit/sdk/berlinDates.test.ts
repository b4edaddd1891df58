// AutoDNS XML dates are Europe/Berlin wall time without a zone (help page "Managing Certificate
// Orders" prints one job as JSON `16:12:33.000+0200` and XML `16:12:33`), not UTC.
import { expect } from "chai";
import fc from "fast-check";
import { autodnsXmlDate } from "../../../sandbox/dates";
import { berlinOffsetMinutes, parseAutodnsXmlDate } from "../../../sdk/common/dates";

describe("AutoDNS XML dates (Europe/Berlin wall time)", () => {
  it("reads the help page's example as CEST: 2019-10-23 16:12:33 is 14:12:33 UTC", () => {
    expect(parseAutodnsXmlDate("2019-10-23 16:12:33")).to.equal("2019-10-23T14:12:33.000Z");
  });

  it("reads winter dates as CET: 2022-12-25 23:59:59 is 22:59:59 UTC", () => {
    expect(parseAutodnsXmlDate("2022-12-25 23:59:59")).to.equal("2022-12-25T22:59:59.000Z");
  });

  it("switches on the last Sundays of March and October at 01:00 UTC", () => {
    expect(berlinOffsetMinutes(Date.parse("2026-03-29T00:59:59Z"))).to.equal(60);
    expect(berlinOffsetMinutes(Date.parse("2026-03-29T01:00:00Z"))).to.equal(120);
    expect(berlinOffsetMinutes(Date.parse("2026-10-25T00:59:59Z"))).to.equal(120);
    expect(berlinOffsetMinutes(Date.parse("2026-10-25T01:00:00Z"))).to.equal(60);
    expect(parseAutodnsXmlDate("2026-03-29 01:59:59")).to.equal("2026-03-29T00:59:59.000Z");
    expect(parseAutodnsXmlDate("2026-03-29 03:00:00")).to.equal("2026-03-29T01:00:00.000Z");
  });

  it("takes the earlier instant in the repeated autumn hour and CET for the missing spring hour", () => {
    expect(parseAutodnsXmlDate("2026-10-25 02:30:00")).to.equal("2026-10-25T00:30:00.000Z");
    expect(parseAutodnsXmlDate("2026-03-29 02:30:00")).to.equal("2026-03-29T01:30:00.000Z");
  });

  it("keeps a zone when the gateway sends one", () => {
    expect(parseAutodnsXmlDate("2021-12-25T00:00:00.000+0100")).to.equal("2021-12-24T23:00:00.000Z");
  });

  it("round-trips every whole second the sandbox writes (ICU) through the client's EU rule", () => {
    const from = Date.parse("2000-01-01T00:00:00Z");
    const to = Date.parse("2037-12-31T00:00:00Z");
    fc.assert(
      fc.property(fc.integer({ min: from / 1000, max: to / 1000 }), (seconds) => {
        const ms = seconds * 1000;
        const wall = autodnsXmlDate(ms);
        const read = Date.parse(parseAutodnsXmlDate(wall));
        // Only the repeated autumn hour is ambiguous without a zone: read as its first pass.
        expect(read === ms || read === ms - 3_600_000, `${wall} from ${new Date(ms).toISOString()}`).to.equal(
          true,
        );
        if (read !== ms) expect(berlinOffsetMinutes(ms)).to.equal(60);
      }),
      { numRuns: 2000 },
    );
  });
});
