/**
 * Spaces request starts per host, shared by every client in the process: AutoDNS allows
 * 3 requests per second per IP, and one provider process serves every resource of a stack.
 */
export type Sleep = (ms: number) => Promise<void>;

/** The real sleep. */
export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const nextSlot = new Map<string, number>();

/**
 * Waits until a request to `key` may start so that starts are at least `1000 / perSecond` ms
 * apart. `perSecond` ≤ 0 or Infinity disables the limit.
 */
export async function takeSlot(key: string, perSecond: number, sleep: Sleep, now: () => number = Date.now) {
  if (!(perSecond > 0) || !Number.isFinite(perSecond)) return;
  const interval = 1000 / perSecond;
  const t = now();
  const slot = Math.max(t, nextSlot.get(key) ?? 0);
  nextSlot.set(key, slot + interval);
  if (slot > t) await sleep(slot - t);
}

/** Forgets all reservations (tests). */
export function resetRateLimits(): void {
  nextSlot.clear();
}
