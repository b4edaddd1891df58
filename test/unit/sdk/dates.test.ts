// Every vendor date leaves sdk/common/dates.ts as UTC ISO-8601; anything else is a RangeError.
import { expect } from "chai";
import * as dates from "../../../sdk/common/dates";

describe("dates", () => {
  describe("parseAutodnsDate", () => {
    it("converts the AutoDNS wire form with an offset without colon to UTC", () => {
      expect(dates.parseAutodnsDate("2022-12-25T00:00:00.000+0100")).to.equal("2022-12-24T23:00:00.000Z");
    });

    it("accepts Z, +01:00, negative offsets, no milliseconds, a space separator and no zone (UTC)", () => {
      expect(dates.parseAutodnsDate("2022-12-25T23:59:59Z")).to.equal("2022-12-25T23:59:59.000Z");
      expect(dates.parseAutodnsDate("2022-12-25T00:00:00+01:00")).to.equal("2022-12-24T23:00:00.000Z");
      expect(dates.parseAutodnsDate("2022-12-24T20:00:00.000-0300")).to.equal("2022-12-24T23:00:00.000Z");
      expect(dates.parseAutodnsDate("2022-12-25 23:59:59")).to.equal("2022-12-25T23:59:59.000Z");
      expect(dates.parseAutodnsDate("2022-12-25T10:15")).to.equal("2022-12-25T10:15:00.000Z");
      expect(dates.parseAutodnsDate("2022-12-25T10:15:30.5Z")).to.equal("2022-12-25T10:15:30.500Z");
    });

    it("rejects impossible dates and times with a RangeError", () => {
      for (const bad of [
        "",
        "yesterday",
        "2022-02-30T00:00:00Z",
        "2022-13-01T00:00:00Z",
        "2022-12-25T24:00:00Z",
        "2022-12-25T23:60:00Z",
        "2022-12-25T23:59:60Z",
        "2022-12-25T00:00:00+2500",
        "25.12.2022",
      ]) {
        expect(() => dates.parseAutodnsDate(bad), bad).to.throw(RangeError);
      }
    });

    it("round-trips through formatAutodnsDate", () => {
      expect(dates.formatAutodnsDate("2022-12-24T23:00:00.000Z")).to.equal("2022-12-24T23:00:00.000+0000");
      expect(dates.parseAutodnsDate(dates.formatAutodnsDate("2022-12-24T23:00:00.000Z"))).to.equal(
        "2022-12-24T23:00:00.000Z",
      );
    });
  });

  describe("epoch seconds", () => {
    it("parses ResellerClub's epoch strings and numbers", () => {
      expect(dates.parseEpochSeconds("1735689599")).to.equal("2024-12-31T23:59:59.000Z");
      expect(dates.parseEpochSeconds(1279012036)).to.equal("2010-07-13T09:07:16.000Z");
      expect(dates.parseEpochSeconds(" 0 ")).to.equal("1970-01-01T00:00:00.000Z");
      expect(dates.toEpochSeconds("2024-12-31T23:59:59.999Z")).to.equal(1735689599);
    });

    it("rejects fractions, words, empty strings and values beyond the date range", () => {
      for (const bad of ["", "1.5", "17356e5", "soon", "99999999999999", "9999999999999"]) {
        expect(() => dates.parseEpochSeconds(bad), bad).to.throw(RangeError);
      }
    });
  });

  describe("MM/DD/YYYY", () => {
    it("parses Symantec's specificEndDate form as the start of that day, UTC", () => {
      expect(dates.parseUsDate("12/31/2026")).to.equal("2026-12-31T00:00:00.000Z");
      expect(dates.parseUsDate("2/3/2024")).to.equal("2024-02-03T00:00:00.000Z");
      expect(dates.formatUsDate("2026-12-31T23:59:59.000Z")).to.equal("12/31/2026");
    });

    it("rejects day-first and impossible dates", () => {
      for (const bad of ["31/12/2026", "02/30/2024", "13/01/2024", "2026-12-31", "12/31/26"]) {
        expect(() => dates.parseUsDate(bad), bad).to.throw(RangeError);
      }
    });
  });

  describe("parseAnyDate", () => {
    it("recognises every form", () => {
      expect(dates.parseAnyDate(1735689599)).to.equal("2024-12-31T23:59:59.000Z");
      expect(dates.parseAnyDate("1735689599")).to.equal("2024-12-31T23:59:59.000Z");
      expect(dates.parseAnyDate("12/31/2024")).to.equal("2024-12-31T00:00:00.000Z");
      expect(dates.parseAnyDate("2024-12-31")).to.equal("2024-12-31T00:00:00.000Z");
      expect(dates.parseAnyDate("2022-12-25T00:00:00.000+0100")).to.equal("2022-12-24T23:00:00.000Z");
    });

    it("names the value in the RangeError when nothing fits", () => {
      expect(() => dates.parseAnyDate("next tuesday")).to.throw(RangeError, /next tuesday/);
    });
  });

  describe("arithmetic", () => {
    it("adds days and clamps added months to the month's last day", () => {
      expect(dates.addDays("2024-12-31T00:00:00.000Z", 1)).to.equal("2025-01-01T00:00:00.000Z");
      expect(dates.addDays("2024-12-31T00:00:00.000Z", -90)).to.equal("2024-10-02T00:00:00.000Z");
      expect(dates.addMonths("2024-01-31T12:00:00.000Z", 1)).to.equal("2024-02-29T12:00:00.000Z");
      expect(dates.addMonths("2024-02-29T00:00:00.000Z", 12)).to.equal("2025-02-28T00:00:00.000Z");
    });
  });
});
