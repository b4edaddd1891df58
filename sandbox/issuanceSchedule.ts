/**
 * The CA/Browser Forum's maximum validity of a public TLS certificate by its issue date (ballot
 * SC-081v3), and the caps the sandbox applies when it issues one. Written out here, apart from the
 * provider's copy, so a mistake in one shows up against the other in the tests.
 */
import { addDays } from "./dates";
import type { SandboxVendor } from "./types";

/** From each date on (UTC midnight), certificates issued may be valid for at most `days`. */
export const CAB_VALIDITY_SCHEDULE: readonly { from: string; days: number }[] = [
  { from: "2029-03-15", days: 47 },
  { from: "2027-03-15", days: 100 },
  { from: "2026-03-15", days: 200 },
];

/** Before the first date of the schedule: the 398 days in force since 2020-09-01. */
export const CAB_VALIDITY_BEFORE_SCHEDULE_DAYS = 398;

/** DigiCert (Symantec VICE2) already issues one day less than the schedule allows. */
const VENDOR_MARGIN_DAYS: Record<SandboxVendor, number> = { autodns: 0, resellerclub: 0, symantec: 1 };

/** The longest validity, in days, of a certificate issued at `issuedAt` (epoch ms). */
export function maxValidityDays(issuedAt: number): number {
  const step = CAB_VALIDITY_SCHEDULE.find((s) => issuedAt >= Date.parse(`${s.from}T00:00:00Z`));
  return step ? step.days : CAB_VALIDITY_BEFORE_SCHEDULE_DAYS;
}

/** `wanted` cut to what a certificate issued at `issuedAt` by `vendor` may reach. */
export function cappedNotAfter(vendor: SandboxVendor, issuedAt: number, wanted: number): number {
  return Math.min(wanted, addDays(issuedAt, maxValidityDays(issuedAt) - VENDOR_MARGIN_DAYS[vendor]));
}

/**
 * The issue date of a seeded certificate that expires at `notAfter` and would have been issued at
 * `wantedNotBefore`: moved later until its validity fits the schedule at that date (the cap only
 * shrinks with time, so this ends).
 */
export function seededNotBefore(notAfter: number, wantedNotBefore: number): number {
  let notBefore = wantedNotBefore;
  while (notAfter > addDays(notBefore, maxValidityDays(notBefore))) {
    notBefore = addDays(notAfter, -maxValidityDays(notBefore));
  }
  return notBefore;
}
