/**
 * Injected faults. Each names a route (exactly, by a prefix glob like `autodns.xml.*`, or `*`) and
 * hits the next `times` matching requests (after letting `skip` through). Whether the operation is performed depends on the kind:
 * `delay`, `acceptThenDrop` and `truncated` perform it (a renewal counts); `status`, `rateLimit`,
 * `reset` and `malformed` answer before anything happens.
 */
import type { FaultKind, FaultSpec, SandboxFault } from "./types";

const KINDS: readonly FaultKind[] = [
  "status",
  "rateLimit",
  "delay",
  "reset",
  "acceptThenDrop",
  "malformed",
  "truncated",
];

/** Kinds that run the operation before misbehaving. */
export const PERFORMING_KINDS: ReadonlySet<FaultKind> = new Set(["delay", "acceptThenDrop", "truncated"]);

/** Checks a fault spec (it may come from the admin HTTP route) and fills defaults. */
export function normalizeFault(spec: FaultSpec, id: string): SandboxFault {
  if (!spec || typeof spec.route !== "string" || spec.route === "") {
    throw new RangeError("fault: route must be a route name such as autodns.json.renew");
  }
  if (!KINDS.includes(spec.kind)) throw new RangeError(`fault: kind must be one of ${KINDS.join(", ")}`);
  const times = spec.times ?? 1;
  if (times !== "always" && !(Number.isInteger(times) && times > 0)) {
    throw new RangeError('fault: times must be a positive integer or "always"');
  }
  const skip = spec.skip ?? 0;
  if (!(Number.isInteger(skip) && skip >= 0)) throw new RangeError("fault: skip must be a whole number");
  if (
    spec.status !== undefined &&
    !(Number.isInteger(spec.status) && spec.status >= 400 && spec.status <= 599)
  ) {
    throw new RangeError("fault: status must be an HTTP error status (400-599)");
  }
  return {
    ...spec,
    id,
    times,
    remaining: times,
    skipping: skip,
    ...(spec.kind === "delay" && spec.delayMs === undefined ? { delayMs: 1000 } : {}),
  };
}

function matches(pattern: string, route: string): boolean {
  if (pattern === "*") return true;
  if (pattern.endsWith("*")) return route.startsWith(pattern.slice(0, -1));
  return pattern === route;
}

/** See the module comment. */
export class FaultRegistry {
  private list: SandboxFault[] = [];
  private counter = 0;

  add(spec: FaultSpec): SandboxFault {
    const fault = normalizeFault(spec, `fault-${++this.counter}`);
    this.list.push(fault);
    return { ...fault };
  }

  /** Takes the oldest fault matching `route`, consuming one of its hits. */
  take(route: string): SandboxFault | undefined {
    const fault = this.list.find((f) => matches(f.route, route));
    if (!fault) return undefined;
    if (fault.skipping > 0) {
      fault.skipping -= 1;
      return undefined;
    }
    if (fault.remaining !== "always") {
      fault.remaining -= 1;
      if (fault.remaining <= 0) this.list = this.list.filter((f) => f !== fault);
    }
    return { ...fault };
  }

  all(): SandboxFault[] {
    return this.list.map((f) => ({ ...f }));
  }

  clear(): void {
    this.list = [];
  }
}
