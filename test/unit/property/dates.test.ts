// Property tests of the date parsers: any input yields a UTC ISO-8601 instant that round-trips, or
// a RangeError naming the value — never another exception, never an Invalid Date string.
import { expect } from "chai";
import fc from "fast-check";
import * as dates from "../../../sdk/common/dates";
import { RUNS } from "./arbitraries";

const ISO = /^-?\d{4,6}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

function isoOrRangeError(parse: () => string): string | undefined {
  let out: string;
  try {
    out = parse();
  } catch (e) {
    if (!(e instanceof RangeError)) {
      throw new Error(`expected RangeError, got ${(e as Error).constructor.name}: ${(e as Error).message}`);
    }
    return undefined;
  }
  expect(out).to.match(ISO);
  expect(new Date(out).toISOString()).to.equal(out);
  return out;
}

/** Strings shaped like dates, often almost right. */
const dateLike = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc
    .tuple(
      fc.integer({ min: -1, max: 99999 }),
      fc.integer({ min: 0, max: 13 }),
      fc.integer({ min: 0, max: 32 }),
      fc.integer({ min: 0, max: 25 }),
      fc.integer({ min: 0, max: 61 }),
      fc.constantFrom("", ":00", ":59", ":60", ":00.123", ":00.123456789"),
      fc.constantFrom("", "Z", "+0100", "+01:00", "-1400", "+1500", "+99:99", " Z"),
      fc.constantFrom("T", " ", "t"),
    )
    .map(
      ([y, mo, d, h, mi, s, z, sep]) =>
        `${String(y).padStart(4, "0")}-${String(mo).padStart(2, "0")}-${String(d).padStart(2, "0")}${sep}` +
        `${String(h).padStart(2, "0")}:${String(mi).padStart(2, "0")}${s}${z}`,
    ),
  fc
    .tuple(
      fc.integer({ min: 0, max: 13 }),
      fc.integer({ min: 0, max: 32 }),
      fc.integer({ min: 0, max: 99999 }),
    )
    .map(([m, d, y]) => `${m}/${d}/${y}`),
  fc.oneof(fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }), fc.integer()).map(String),
  fc.string({ unit: fc.constantFrom("0", "1", "9", "-", "/", ":", "T", "Z", "+", ".", " "), maxLength: 30 }),
  fc.constant("9".repeat(10_000)),
);

describe("property: date parsers", () => {
  it("parseAutodnsDate: ISO instant or RangeError; formatAutodnsDate round-trips", () => {
    fc.assert(
      fc.property(dateLike, (value) => {
        const iso = isoOrRangeError(() => dates.parseAutodnsDate(value));
        if (iso && !iso.startsWith("-") && Date.parse(iso) < Date.UTC(10000, 0, 1)) {
          expect(dates.parseAutodnsDate(dates.formatAutodnsDate(iso))).to.equal(iso);
        }
      }),
      { numRuns: RUNS * 2 },
    );
  });

  it("parseEpochSeconds: ISO instant or RangeError for strings and numbers of any size", () => {
    const numbers = fc.oneof(
      fc.double(),
      fc.integer(),
      fc.constantFrom(Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 1e300, -0),
    );
    fc.assert(
      fc.property(fc.oneof(dateLike, numbers), (value) => {
        const iso = isoOrRangeError(() => dates.parseEpochSeconds(value));
        if (iso) expect(Date.parse(iso) % 1000).to.equal(0);
      }),
      { numRuns: RUNS * 2 },
    );
  });

  it("parseUsDate: the start of a real calendar day or RangeError; formatUsDate round-trips", () => {
    fc.assert(
      fc.property(dateLike, (value) => {
        const iso = isoOrRangeError(() => dates.parseUsDate(value));
        if (iso) {
          expect(iso.endsWith("T00:00:00.000Z")).to.equal(true);
          if (!iso.startsWith("-") && Date.parse(iso) >= Date.UTC(1000, 0, 1))
            expect(dates.parseUsDate(dates.formatUsDate(iso))).to.equal(iso);
        }
      }),
      { numRuns: RUNS * 2 },
    );
  });

  it("parseAnyDate: ISO instant or RangeError for anything a user or vendor may send", () => {
    fc.assert(
      fc.property(fc.oneof(dateLike, fc.double(), fc.integer()), (value) => {
        isoOrRangeError(() => dates.parseAnyDate(value));
      }),
      { numRuns: RUNS * 2 },
    );
  });

  it("keeps the year, month and day it was given (no two-digit-year mapping)", () => {
    const days = fc.tuple(
      fc.integer({ min: 0, max: 9999 }),
      fc.integer({ min: 1, max: 12 }),
      fc.integer({ min: 1, max: 28 }),
    );
    fc.assert(
      fc.property(days, ([y, m, d]) => {
        const ymd = `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
        expect(dates.parseAutodnsDate(`${ymd}T12:00:00Z`).slice(0, 10)).to.equal(ymd);
        expect(dates.parseAnyDate(ymd).slice(0, 10)).to.equal(ymd);
        expect(dates.parseUsDate(`${m}/${d}/${String(y).padStart(4, "0")}`).slice(0, 10)).to.equal(ymd);
      }),
      { numRuns: RUNS },
    );
  });

  it("accepts every real instant in its own ISO form", () => {
    const instants = fc.date({
      min: new Date(Date.UTC(1970, 0, 1)),
      max: new Date(Date.UTC(9999, 11, 31)),
      noInvalidDate: true,
    });
    fc.assert(
      fc.property(instants, (d) => {
        expect(dates.parseAnyDate(d.toISOString())).to.equal(d.toISOString());
      }),
      { numRuns: RUNS },
    );
  });
});
