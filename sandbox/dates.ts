/**
 * Date arithmetic and the vendors' date spellings, in epoch milliseconds. Written here rather than
 * shared with sdk/ so a client bug cannot hide behind the same bug in the emulator.
 */

const DAY_MS = 86_400_000;

/** Adds calendar months (UTC), clamping to the month's last day (Jan 31 + 1 month = Feb 28/29). */
export function addMonths(ms: number, months: number): number {
  const d = new Date(ms);
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

/** AutoDNS wire form: `2022-12-25T23:59:59.000+0000`. */
export function autodnsDate(ms: number): string {
  return new Date(ms).toISOString().replace("Z", "+0000");
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
