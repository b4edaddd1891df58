/**
 * How long a public TLS certificate may be valid, by the date it is issued: CA/Browser Forum
 * ballot SC-081v3. Kept apart from the sandbox's copy (sandbox/issuanceSchedule.ts) so a mistake in
 * one shows up against the other.
 */

/** The schedule's steps: from `from` (00:00 UTC) on, at most `days` days. */
export const CERTIFICATE_LIFETIME_SCHEDULE: readonly { from: string; days: number }[] = [
  { from: "2026-03-15", days: 200 },
  { from: "2027-03-15", days: 100 },
  { from: "2029-03-15", days: 47 },
];

/** The maximum before the schedule's first step (since 2020-09-01). */
export const LIFETIME_BEFORE_SCHEDULE_DAYS = 398;

/** The longest validity, in days, a certificate issued at `at` may have. */
export function maxCertificateDays(at: Date): number {
  let days = LIFETIME_BEFORE_SCHEDULE_DAYS;
  for (const step of CERTIFICATE_LIFETIME_SCHEDULE) {
    if (at.getTime() >= Date.parse(`${step.from}T00:00:00Z`)) days = step.days;
  }
  return days;
}

/** The schedule in one phrase, for messages. */
export function describeSchedule(): string {
  const steps = CERTIFICATE_LIFETIME_SCHEDULE.map((s) => `${s.days} days from ${s.from}`).join(", ");
  return `CA/Browser Forum ballot SC-081v3: ${LIFETIME_BEFORE_SCHEDULE_DAYS} days before ${CERTIFICATE_LIFETIME_SCHEDULE[0].from}, ${steps}`;
}
