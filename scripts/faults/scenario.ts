/**
 * The shape of a fault scenario and the context it runs in: one fresh certificate in the shared
 * sandbox, one fresh stack, helpers to inject faults, move the clock, finish jobs and kill
 * processes, and a list of expectations the scenario checks beyond the three matrix counts.
 */
import type { RenewedCertificateArgs } from "../../provider/args";
import type { FaultKind, Sandbox, SandboxRequest } from "../../sandbox";
import { ApiName, FaultApi } from "./apis";
import type { PackagedInstall } from "../../test/support/packagedInstall";
import { FaultStack, OpResult } from "./faultStack";
import { KillTarget, Killer, killOnRequest } from "./kill";

/** One row of the matrix. */
export interface Scenario {
  /** Short id, e.g. `json-renew-timeout`. */
  id: string;
  api: ApiName;
  /** The fault, in a few words. */
  fault: string;
  /** What the provider should do. */
  expect: string;
  /** Renewals the vendor should have accepted by the end (more is a double renewal). */
  intendedRenewals: number;
  /** The vendor's code that every error message must quote (when the vendor sends one). */
  vendorCode?: string;
  /** Days from now to the seeded certificate's expiry (default 60: adopted without renewing). */
  expiresInDays?: number;
  /** Days from now to the end of the paid term (AutoDNS `payable`); unset: the certificate's expiry. */
  termDays?: number;
  /** Reissues the vendor should have accepted by the end (more is a double action; default 0). */
  intendedReissues?: number;
  /** Changes to the resource's args (credentials, waitTimeoutSeconds …). */
  args?: (base: RenewedCertificateArgs, sandbox: Sandbox) => Promise<Partial<RenewedCertificateArgs>>;
  run(ctx: ScenarioContext): Promise<void>;
}

/** Options of an injected fault; `route` is a key of the API's routes or a full route name. */
export interface FaultOptions {
  route: "renew" | "poll" | "read" | "search" | string;
  times?: number | "always";
  status?: number;
  retryAfterSeconds?: number;
  delayMs?: number;
}

/**
 * What a scenario's `run` works with: one fresh certificate (`certId`) in the shared sandbox, its
 * own stack, fault injection, the sandbox clock and jobs, process kills, and the checks it records.
 */
export class ScenarioContext {
  readonly checks: { ok: boolean; what: string }[] = [];
  readonly notes: string[] = [];
  /** Accepted renewals whose answer never reached the provider (dropped, timed out, killed). */
  lostAnswers = 0;
  private readonly killers: { killer: Killer; route: string }[] = [];
  /** Faults armed to be injected once a renewal exists (see `fault`). */
  private readonly listeners: ((r: SandboxRequest) => void)[] = [];
  /** Every stack (or runner of a stack) the scenario used; the first is {@link stack}. */
  private readonly stacks: FaultStack[];

  constructor(
    readonly sandbox: Sandbox,
    readonly api: FaultApi,
    readonly stack: FaultStack,
    readonly certId: string,
    private readonly install: PackagedInstall,
  ) {
    this.stacks = [stack];
  }

  /** Every operation of every stack of the scenario, in the order they ended. */
  get ops(): OpResult[] {
    return this.stack.ops;
  }

  async up(on: FaultStack = this.stack): Promise<OpResult> {
    const fired = () => this.killers.filter((k) => k.killer.killed.length).length;
    const before = fired();
    const result = await on.up();
    if (fired() > before) result.killed = true;
    return result;
  }

  /**
   * A second pipeline runner of this scenario's stack: another machine (its own PULUMI_HOME and
   * workspace) on the same backend and stack, with the same inputs.
   */
  async secondRunner(): Promise<FaultStack> {
    return this.addStack({ sameStackAs: this.stack });
  }

  /** A second stack (own project, own backend) declaring the same certificate with the same inputs. */
  async secondStack(): Promise<FaultStack> {
    return this.addStack({ otherStackOf: this.stack });
  }

  private async addStack(options: {
    sameStackAs?: FaultStack;
    otherStackOf?: FaultStack;
  }): Promise<FaultStack> {
    const stack = await FaultStack.create("", this.sandbox, this.install, this.stack.currentArgs, {
      ...options,
      ops: this.stack.ops,
    });
    this.stacks.push(stack);
    return stack;
  }

  /** The next operations run on a fresh machine: empty PULUMI_HOME, same backend (see FaultStack). */
  freshMachine(options: { keepJournal?: boolean } = {}): void {
    this.stack.freshMachine(options);
  }

  /** Removes every stack's temp dir (nothing at the vendor is touched). */
  cleanup(): void {
    for (const s of this.stacks) s.cleanup();
  }

  refresh(): Promise<OpResult> {
    return this.stack.refresh();
  }

  cancel(): Promise<OpResult> {
    return this.stack.cancel();
  }

  setArgs(patch: Partial<RenewedCertificateArgs>): void {
    this.stack.setArgs(patch);
  }

  /** The full route name for a route key of this API. */
  route(key: FaultOptions["route"]): string {
    const routes = this.api.routes as Record<string, string | undefined>;
    return routes[key] ?? key;
  }

  fault(kind: FaultKind, options: FaultOptions): void {
    const { route, ...rest } = options;
    this.sandbox.admin.injectFault({ ...rest, kind, route: this.route(route) });
    // A poll asks the shared job list first and reads the job alone only when the list fails or
    // lacks it: a fault on polls hits both, but the list only once the renewal it follows exists,
    // so that the pending-renewal guard before the renewal (the same route) still passes.
    const list = route === "poll" ? this.api.routes.pollList : undefined;
    if (list) this.onceRenewalExists(() => this.sandbox.admin.injectFault({ ...rest, kind, route: list }));
  }

  /** Runs `then` now if this certificate has an open job at the vendor, else when one is accepted. */
  private onceRenewalExists(then: () => void): void {
    if (this.openJobs().length) return then();
    const listener = (r: SandboxRequest) => {
      if (r.route !== this.api.routes.renew || r.status !== 200) return;
      this.sandbox.admin.events.off("request", listener);
      then();
    };
    this.sandbox.admin.events.on("request", listener);
    this.listeners.push(listener);
  }

  clearFaults(): void {
    for (const l of this.listeners.splice(0)) this.sandbox.admin.events.off("request", l);
    this.sandbox.admin.clearFaults();
  }

  /** Resolves with the next request the sandbox logs on `route` (any certificate). */
  nextRequest(route: FaultOptions["route"]): Promise<SandboxRequest> {
    const name = this.route(route);
    return new Promise((resolve) => {
      const listener = (r: SandboxRequest) => {
        if (r.route !== name) return;
        this.sandbox.admin.events.off("request", listener);
        resolve(r);
      };
      this.sandbox.admin.events.on("request", listener);
    });
  }

  advance(by: { days?: number; hours?: number }): void {
    this.sandbox.admin.clock.advance(by);
  }

  /** Open renewal jobs of this certificate at the vendor. */
  openJobs() {
    return this.sandbox.admin
      .jobs({ vendor: this.api.vendor, certificateId: this.certId })
      .filter((j) => j.state === "running" || j.state === "pending");
  }

  async completeJobs(): Promise<void> {
    for (const job of this.openJobs()) await this.sandbox.admin.completeJob(job.id);
  }

  async failJobs(reason?: string): Promise<void> {
    for (const job of this.openJobs()) await this.sandbox.admin.failJob(job.id, reason);
  }

  /** Kills the engine and/or provider when this certificate's `route` request is logged. */
  killOn(route: FaultOptions["route"], target: KillTarget): Killer {
    const name = this.route(route);
    // The first poll may be a request to the shared job list, once the renewal exists (see `fault`).
    const list = route === "poll" ? this.api.routes.pollList : undefined;
    let renewed = !!list && this.openJobs().length > 0;
    const isPoll = (r: SandboxRequest) => {
      if (r.route === this.api.routes.renew && r.status === 200) renewed = true;
      return r.status === 200 && (r.route === name || (r.route === list && renewed));
    };
    const killer = killOnRequest(this.sandbox, isPoll, target);
    this.killers.push({ killer, route: name });
    return killer;
  }

  /** Waits for killed processes to go and removes the kill listeners. */
  async disarm(): Promise<void> {
    for (const { killer, route } of this.killers) {
      await killer.disarm();
      if (!killer.killed.length) continue;
      this.note(`killed ${killer.killed.length} process(es) at ${route}`);
      // Killed as the vendor's acceptance was logged: the provider never read the answer.
      if (route === this.api.routes.renew) this.lostAnswers++;
    }
    this.killers.length = 0;
  }

  /** Records an expectation. */
  check(ok: boolean, what: string): void {
    this.checks.push({ ok, what });
  }

  /** Records what the provider did, for the report. */
  note(text: string): void {
    this.notes.push(text);
  }

  /** The resource's outputs in the state file now. */
  state(): Record<string, unknown> {
    return this.stack.state() ?? {};
  }
}
