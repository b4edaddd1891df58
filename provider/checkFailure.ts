import type * as pulumi from "@pulumi/pulumi";
import { isSecretInput } from "./credentials";

/** Collects failures for one resource; skips values that are unknown during preview. */
export class Failures {
  readonly list: pulumi.dynamic.CheckFailure[] = [];

  /**
   * @param accepted - inputs that passed `check` before (the engine's old inputs): a value that has
   *   not changed since need not be parsed again (CSRs and PEMs, on every preview of every resource).
   */
  constructor(private readonly accepted?: object) {}

  /**
   * Adds a failure. With `value`, a nested property's reason ends with the value given: the engine
   * prints only a top-level property's value (`value {<nil>}` for `autodns.csr`). Credentials are
   * masked and long texts summarised (see {@link describeValue}).
   */
  add(property: string, reason: string, value?: unknown): void {
    const shown =
      value !== undefined && property.includes(".") ? ` (was ${describeValue(property, value)})` : "";
    this.list.push({ property, reason: `${reason}${shown}` });
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

/** A value for a failure message: credentials masked, PEM blocks named, long texts cut. */
export function describeValue(property: string, value: unknown): string {
  if (isSecretInput(property)) return "[secret]";
  if (typeof value === "string") {
    const pem = /-----BEGIN ([A-Z0-9 ]+)-----/.exec(value);
    if (pem) return `a ${pem[1]} PEM block of ${value.length} characters`;
    if (value.length > 64)
      return `a ${value.length}-character text starting ${JSON.stringify(value.slice(0, 12))}`;
    return JSON.stringify(value);
  }
  const json = JSON.stringify(value) ?? String(value);
  return json.length > 64 ? `${json.slice(0, 60)}…` : json;
}
