/**
 * The provider's clock. `RENEWED_CERTIFICATE_NOW` (an ISO instant in the provider process's
 * environment) pins it — for rehearsals against the sandbox, whose clock can be moved, and for
 * tests. Without it, the real time.
 */
export const CLOCK_ENV = "RENEWED_CERTIFICATE_NOW";

/** Now, as the provider sees it. */
export function providerNow(): Date {
  const pinned = process.env[CLOCK_ENV];
  if (pinned) {
    const t = Date.parse(pinned);
    if (Number.isNaN(t))
      throw new Error(`${CLOCK_ENV} must be an ISO-8601 instant (was ${JSON.stringify(pinned)})`);
    return new Date(t);
  }
  return new Date();
}
