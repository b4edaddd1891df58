/**
 * Every date a vendor sends passes through here and leaves as UTC ISO-8601
 * (`2022-12-24T23:00:00.000Z`), so the rest of the package compares strings of one shape.
 */

const AUTODNS_DATE =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?\s*(Z|[+-]\d{2}:?\d{2})?$/;
const US_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
const EPOCH = /^-?\d{1,13}$/;

function iso(ms: number, original: string): string {
  if (!Number.isFinite(ms)) throw new RangeError(`not a date: ${JSON.stringify(original)}`);
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) throw new RangeError(`not a date: ${JSON.stringify(original)}`);
  return d.toISOString();
}

/**
 * `Date.UTC` without its legacy rule that maps years 0–99 to 1900–1999 ("0027-01-31" must not
 * become 1927 and look long expired).
 */
function utcMs(year: number, month: number, day: number, h = 0, mi = 0, s = 0, ms = 0): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month, day);
  d.setUTCHours(h, mi, s, ms);
  return d.getTime();
}

function offsetMinutes(offset: string | undefined): number {
  if (!offset || offset === "Z") return 0;
  const sign = offset.startsWith("-") ? -1 : 1;
  const digits = offset.slice(1).replace(":", "");
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4)));
}

/**
 * Parses an AutoDNS timestamp: `2022-12-25T00:00:00.000+0100` (offset without colon), with or
 * without milliseconds, with `Z` or `+01:00`, or with no zone (taken as UTC).
 */
export function parseAutodnsDate(value: string): string {
  const m = AUTODNS_DATE.exec(value.trim());
  if (!m) throw new RangeError(`not an AutoDNS date: ${JSON.stringify(value)}`);
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  if (+h > 23 || +mi > 59 || (s !== undefined && +s > 59) || Math.abs(offsetMinutes(zone)) > 14 * 60) {
    throw new RangeError(`not a time of day: ${JSON.stringify(value)}`);
  }
  const ms = Number((frac ?? "0").padEnd(3, "0").slice(0, 3));
  const utc = utcMs(+y, +mo - 1, +d, +h, +mi, s ? +s : 0, ms) - offsetMinutes(zone) * 60_000;
  const check = new Date(utcMs(+y, +mo - 1, +d));
  if (check.getUTCMonth() !== +mo - 1 || check.getUTCDate() !== +d) {
    throw new RangeError(`not a calendar date: ${JSON.stringify(value)}`);
  }
  return iso(utc, value);
}

/** The last Sunday of a month (0-based), as a UTC day number of that month. */
function lastSunday(year: number, month: number): number {
  const last = new Date(utcMs(year, month + 1, 0));
  return last.getUTCDate() - last.getUTCDay();
}

/**
 * Europe/Berlin's offset from UTC in minutes at an instant: 120 (CEST) from 01:00 UTC on the last
 * Sunday of March to 01:00 UTC on the last Sunday of October, else 60 (CET). The EU rule in force
 * since 1996; written out rather than taken from ICU so the answer does not depend on how Node
 * was built.
 */
export function berlinOffsetMinutes(utc: number): number {
  const year = new Date(utc).getUTCFullYear();
  const start = utcMs(year, 2, lastSunday(year, 2), 1);
  const end = utcMs(year, 9, lastSunday(year, 9), 1);
  return utc >= start && utc < end ? 120 : 60;
}

/**
 * Parses a date of the AutoDNS XML gateway. The gateway writes Europe/Berlin wall time without a
 * zone (`2019-10-23 16:12:33` is 14:12:33 UTC); a value that carries a zone is read with it. In
 * the hour the clocks go back the earlier instant (CEST) is taken; a wall time in the hour that
 * does not exist in spring is read as CET.
 */
export function parseAutodnsXmlDate(value: string): string {
  const m = AUTODNS_DATE.exec(value.trim());
  if (!m || m[8] !== undefined) return parseAutodnsDate(value);
  const wall = Date.parse(parseAutodnsDate(`${value.trim()}Z`));
  const summer = wall - 120 * 60_000;
  const utc = berlinOffsetMinutes(summer) === 120 ? summer : wall - 60 * 60_000;
  return iso(utc, value);
}

/** Formats a date the way AutoDNS writes it: `2022-12-25T00:00:00.000+0000`. */
export function formatAutodnsDate(isoDate: string): string {
  return new Date(isoDate).toISOString().replace("Z", "+0000");
}

/** Parses epoch seconds given as a string or number (ResellerClub `endtime`, `exp-date`). */
export function parseEpochSeconds(value: string | number): string {
  const text = String(value).trim();
  if (!EPOCH.test(text)) throw new RangeError(`not epoch seconds: ${JSON.stringify(value)}`);
  return iso(Number(text) * 1000, text);
}

/** The epoch-seconds form of an ISO date. */
export function toEpochSeconds(isoDate: string): number {
  return Math.floor(new Date(isoDate).getTime() / 1000);
}

/** Parses `MM/DD/YYYY` (Symantec `specificEndDate`) as the start of that day, UTC. */
export function parseUsDate(value: string): string {
  const m = US_DATE.exec(value.trim());
  if (!m) throw new RangeError(`not an MM/DD/YYYY date: ${JSON.stringify(value)}`);
  const [, mo, d, y] = m;
  const ms = utcMs(+y, +mo - 1, +d);
  const check = new Date(ms);
  if (check.getUTCMonth() !== +mo - 1 || check.getUTCDate() !== +d) {
    throw new RangeError(`not a calendar date: ${JSON.stringify(value)}`);
  }
  return iso(ms, value);
}

/** Formats an ISO date as `MM/DD/YYYY` (UTC). */
export function formatUsDate(isoDate: string): string {
  const d = new Date(isoDate);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())}/${d.getUTCFullYear()}`;
}

/**
 * Parses any date form a vendor or user may hand us: ISO-8601, the AutoDNS form, epoch seconds
 * or `MM/DD/YYYY`. Throws a RangeError naming the value when none fits.
 */
export function parseAnyDate(value: string | number): string {
  if (typeof value === "number" || EPOCH.test(String(value).trim())) return parseEpochSeconds(value);
  const text = value.trim();
  if (US_DATE.test(text)) return parseUsDate(text);
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return parseAutodnsDate(`${text}T00:00:00Z`);
  return parseAutodnsDate(text);
}

/** Adds whole days to an ISO date. */
export function addDays(isoDate: string, days: number): string {
  return new Date(new Date(isoDate).getTime() + days * 86_400_000).toISOString();
}

/** Adds calendar months (UTC) to an ISO date, clamping to the month's last day. */
export function addMonths(isoDate: string, months: number): string {
  const d = new Date(isoDate);
  const target = new Date(
    Date.UTC(
      d.getUTCFullYear(),
      d.getUTCMonth() + months,
      1,
      d.getUTCHours(),
      d.getUTCMinutes(),
      d.getUTCSeconds(),
    ),
  );
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d.getUTCDate(), lastDay));
  return target.toISOString();
}
