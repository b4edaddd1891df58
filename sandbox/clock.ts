/**
 * The sandbox clock: real time plus an offset, so time keeps running (jobs finish after their
 * sandbox seconds) while tests jump days ahead without waiting.
 */
import type { SandboxClock } from "./types";

const MS = { days: 86_400_000, hours: 3_600_000, minutes: 60_000, seconds: 1000 } as const;

/** Parses an instant or throws a RangeError naming it. */
export function parseInstant(instant: string | Date): number {
  const ms = instant instanceof Date ? instant.getTime() : Date.parse(instant);
  if (Number.isNaN(ms)) throw new RangeError(`not a date: ${JSON.stringify(instant)}`);
  return ms;
}

/** See the module comment. */
export class OffsetClock implements SandboxClock {
  private offsetMs = 0;
  private readonly initialOffsetMs: number;

  constructor(start?: string) {
    if (start !== undefined) this.offsetMs = parseInstant(start) - Date.now();
    this.initialOffsetMs = this.offsetMs;
  }

  now(): Date {
    return new Date(this.nowMs());
  }

  /** Sandbox time in epoch milliseconds. */
  nowMs(): number {
    return Date.now() + this.offsetMs;
  }

  set(instant: string | Date): Date {
    this.offsetMs = parseInstant(instant) - Date.now();
    return this.now();
  }

  advance(by: { days?: number; hours?: number; minutes?: number; seconds?: number }): Date {
    let delta = 0;
    for (const unit of Object.keys(MS) as (keyof typeof MS)[]) {
      const n = by[unit] ?? 0;
      if (!Number.isFinite(n)) throw new RangeError(`advance: ${unit} must be a finite number`);
      delta += n * MS[unit];
    }
    this.offsetMs += delta;
    return this.now();
  }

  /** Back to the offset the sandbox started with. */
  reset(): void {
    this.offsetMs = this.initialOffsetMs;
  }
}
