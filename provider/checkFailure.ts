/** One invalid property and how to fix it (the shape of `pulumi.dynamic.CheckFailure`). */
export interface Failure {
  property: string;
  reason: string;
}

/** Collects failures for one resource; skips values that are unknown during preview. */
export class Failures {
  readonly list: Failure[] = [];

  /**
   * @param accepted - inputs that passed `check` before (the engine's old inputs): a value that has
   *   not changed since need not be parsed again (CSRs and PEMs, on every preview of every resource).
   */
  constructor(private readonly accepted?: Record<string, unknown>) {}

  add(property: string, reason: string): void {
    this.list.push({ property, reason });
  }

  /** Whether `property` (a dotted path) holds the same text as in the inputs accepted before. */
  acceptedBefore(property: string, value: unknown): boolean {
    if (this.accepted === undefined || typeof value !== "string") return false;
    let held: unknown = this.accepted;
    for (const part of property.split(".")) {
      held = held !== null && typeof held === "object" ? (held as Record<string, unknown>)[part] : undefined;
    }
    return held === value;
  }
}
