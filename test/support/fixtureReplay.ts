/**
 * The fixture-pair loop every client suite shares: a loopback fixture server per test (closed after
 * it), a client pointed at it, and `replay`, which serves a fixture's response, calls the client and
 * checks the request it sent against the fixture. The suites then say only what they prove.
 */
import { resetRateLimits } from "../../sdk/common/rateLimiter";
import { FixtureServer, ReplyPlan, startFixtureServer } from "./fixtureServer";
import { Fixture, expectRequest, loadFixture } from "./fixtures";

/** A client's `sleep` for fixture tests: retries go at once, so no test waits on a timer. */
export const noSleep = async (): Promise<void> => {};

/** What a suite gets from {@link useFixtureReplay}. */
export interface FixtureReplay<Client, Options> {
  /** The current test's fixture server; throws before one was started. */
  readonly server: FixtureServer;
  /** Starts a server answering with `reply` and returns a client pointed at it. */
  clientFor(reply: ReplyPlan, options?: Partial<Options>): Promise<Client>;
  /**
   * Replays `test/fixtures/<group>/<name>/`, runs `call` on a client pointed at it, and checks the
   * first request the client sent against the fixture's expected request.
   */
  replay<Result>(
    group: string,
    name: string,
    call: (client: Client) => Promise<Result>,
    options?: Partial<Options>,
  ): Promise<{ fx: Fixture; result: Result }>;
}

/**
 * Registers, inside the current `describe`, a fresh rate limiter before and the server's close after
 * each test, and returns the suite's replay helpers. `makeClient` builds a client for a base URL.
 */
export function useFixtureReplay<Client, Options = Record<string, never>>(
  makeClient: (url: string, options: Partial<Options>) => Client,
): FixtureReplay<Client, Options> {
  let current: FixtureServer | undefined;
  beforeEach(() => resetRateLimits());
  afterEach(async () => {
    await current?.close();
    current = undefined;
  });
  const clientFor = async (reply: ReplyPlan, options: Partial<Options> = {}) => {
    current = await startFixtureServer(reply);
    return makeClient(current.url, options);
  };
  return {
    get server() {
      if (!current) throw new Error("no fixture server started in this test");
      return current;
    },
    clientFor,
    async replay(group, name, call, options) {
      const fx = loadFixture(group, name);
      const result = await call(await clientFor(fx.reply, options));
      expectRequest(current!.requests[0], fx);
      return { fx, result };
    },
  };
}
