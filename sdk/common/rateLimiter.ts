/**
 * Spaces request starts per host, shared by every client in the process: AutoDNS allows
 * 3 requests per second per IP, and one provider process serves every resource of a stack.
 */
import { AsyncLocalStorage } from "node:async_hooks";

export type Sleep = (ms: number) => Promise<void>;

/** The real sleep. */
export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const nextSlot = new Map<string, number>();

/**
 * Waits until a request to `key` may start so that starts are at least `1000 / perSecond` ms
 * apart. `perSecond` ≤ 0 or Infinity disables the limit.
 */
export async function takeSlot(key: string, perSecond: number, sleep: Sleep, now: () => number = Date.now) {
  const taken = slotTaken.getStore();
  if (taken && taken.key === key && !taken.used) {
    taken.used = true; // the slot {@link inSlot} waited for
    return;
  }
  if (!(perSecond > 0) || !Number.isFinite(perSecond)) return;
  const interval = 1000 / perSecond;
  const t = now();
  const slot = Math.max(t, nextSlot.get(key) ?? 0);
  nextSlot.set(key, slot + interval);
  if (slot > t) await sleep(slot - t);
}

/** A slot {@link inSlot} took for the first request of its `run`. */
const slotTaken = new AsyncLocalStorage<{ key: string; used: boolean }>();

/**
 * Waits for a slot of `key` that no other request has taken, then runs `run`, whose first request
 * to `key` starts at once on that slot (any further one, a retry, takes its own). For a request
 * whose content is best decided at the last moment — a list request shared by many callers — and
 * that lets single requests go first: while they keep the limit busy it waits, and carries
 * everyone who asked meanwhile. Single requests are bounded (the engine runs a few resource
 * operations at once, each waiting on its own), so it waits behind a few of them, not forever.
 */
export async function inSlot<T>(
  key: string,
  perSecond: number,
  sleep: Sleep,
  run: () => Promise<T>,
  now: () => number = Date.now,
): Promise<T> {
  await takeFreeSlot(key, perSecond, sleep, now);
  return slotTaken.run({ key, used: false }, run);
}

/** Waits until no request has the next slot of `key` reserved, then takes it. */
async function takeFreeSlot(key: string, perSecond: number, sleep: Sleep, now: () => number) {
  if (!(perSecond > 0) || !Number.isFinite(perSecond)) return;
  for (;;) {
    const t = now();
    const next = nextSlot.get(key) ?? 0;
    if (next <= t) {
      nextSlot.set(key, t + 1000 / perSecond);
      return;
    }
    await sleep(next - t);
  }
}

/** Forgets all reservations (tests). */
export function resetRateLimits(): void {
  nextSlot.clear();
}
