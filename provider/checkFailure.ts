/** One invalid property and how to fix it (the shape of `pulumi.dynamic.CheckFailure`). */
export interface Failure {
  property: string;
  reason: string;
}

/** Collects failures for one resource; skips values that are unknown during preview. */
export class Failures {
  readonly list: Failure[] = [];
  add(property: string, reason: string): void {
    this.list.push({ property, reason });
  }
}
