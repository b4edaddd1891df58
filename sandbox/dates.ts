/**
 * Date arithmetic and the vendors' date spellings, in epoch milliseconds. Written here rather than
 * shared with sdk/ so a client bug cannot hide behind the same bug in the emulator.
 */

const DAY_MS = 86_400_000;

/** Adds calendar months (UTC), clamping to the month's last day (Jan 31 + 1 month = Feb 28/29). */
export function addMonths(ms: number, months: number): number {
  const day = new Date(ms).getUTCDate();
  // Day 1 first, so moving the month never overflows into the next one; whole seconds, as AutoDNS.
  const target = new Date(Math.floor(ms / 1000) * 1000);
  target.setUTCDate(1);
  target.setUTCMonth(target.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return target.getTime();
}

/** 23:59:59 UTC of the day `ms` falls on: AutoDNS certificates always expire at the end of a day. */
export function endOfDayUtc(ms: number): number {
  return Math.floor(ms / DAY_MS) * DAY_MS + DAY_MS - 1000;
}

/** Adds whole days. */
export function addDays(ms: number, days: number): number {
  return ms + days * DAY_MS;
}

// ICU's Europe/Berlin (Node ships full ICU); sdk/common/dates.ts writes the EU rule out instead,
// so a mistake in either shows up against the other.
const BERLIN = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/Berlin",
  hourCycle: "h23",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  timeZoneName: "longOffset",
});

/** Berlin wall time of an instant: date, time and offset (`+0200`). */
function berlinParts(ms: number): { date: string; time: string; offset: string } {
  const p = Object.fromEntries(BERLIN.formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
  const offset = (p.timeZoneName ?? "GMT+01:00").replace("GMT", "").replace(":", "") || "+0000";
  return { date: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}:${p.second}`, offset };
}

/**
 * AutoDNS JSON wire form, in the server's zone as the vendor writes it:
 * `2021-03-29T15:48:25.000+0200`.
 */
export function autodnsDate(ms: number): string {
  const { date, time, offset } = berlinParts(ms);
  const millis = String(((ms % 1000) + 1000) % 1000).padStart(3, "0");
  return `${date}T${time}.${millis}${offset}`;
}

/** AutoDNS XML gateway form: Europe/Berlin wall time without a zone, `2019-10-23 16:12:33`. */
export function autodnsXmlDate(ms: number): string {
  const { date, time } = berlinParts(ms);
  return `${date} ${time}`;
}

/** ResellerClub wire form: epoch seconds as a decimal string. */
export function epochSeconds(ms: number): string {
  return String(Math.floor(ms / 1000));
}

/** `YYYYMMDD` (UTC), the first part of an AutoDNS stid. */
export function compactDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10).replace(/-/g, "");
}

/** Parses `MM/DD/YYYY` (Symantec specificEndDate) as the end of that day, UTC; undefined when invalid. */
export function parseUsDate(text: string): number | undefined {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text.trim());
  if (!m) return undefined;
  const ms = Date.UTC(+m[3], +m[1] - 1, +m[2]);
  const d = new Date(ms);
  if (d.getUTCMonth() !== +m[1] - 1 || d.getUTCDate() !== +m[2]) return undefined;
  return endOfDayUtc(ms);
}
