/**
 * The request log: one entry per vendor request, in sandbox time, with the certificate it
 * concerned and the status sent. Paths are logged without their query strings, which can carry
 * ResellerClub API keys.
 */
import type { EventEmitter } from "node:events";
import type { SandboxRequest, SandboxVendor } from "./types";

/** Filter of {@link RequestLog.list}. */
export interface RequestFilter {
  vendor?: SandboxVendor;
  route?: string;
  certificateId?: string;
}

/** See the module comment. */
export class RequestLog {
  private entries: SandboxRequest[] = [];

  constructor(private readonly events: EventEmitter) {}

  add(entry: SandboxRequest): void {
    const clean = Object.fromEntries(
      Object.entries(entry).filter(([, v]) => v !== undefined),
    ) as unknown as SandboxRequest;
    this.entries.push(clean);
    this.events.emit("request", { ...clean });
  }

  list(filter: RequestFilter = {}): SandboxRequest[] {
    return this.entries
      .filter(
        (e) =>
          (filter.vendor === undefined || e.vendor === filter.vendor) &&
          (filter.route === undefined || e.route === filter.route) &&
          (filter.certificateId === undefined || e.certificateId === filter.certificateId),
      )
      .map((e) => ({ ...e }));
  }

  clear(): void {
    this.entries = [];
  }
}
