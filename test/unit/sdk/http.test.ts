// The shared transport: timeouts, which failures are retried for reads and for renewals, how long
// it waits (Retry-After, backoff — recorded through an injected sleep, never really slept), the
// per-host rate limiter, and query encoding.
import { expect } from "chai";
import { AutodnsJsonClient } from "../../../sdk/autodns";
import { ConnectionError, RateLimitError } from "../../../sdk/common/errors";
import { HttpTransport, HttpTransportOptions, encodeQuery, parseRetryAfter } from "../../../sdk/common/http";
import { inSlot, resetRateLimits, takeSlot } from "../../../sdk/common/rateLimiter";
import { USER_AGENT } from "../../../sdk/common/version";
import { FixtureServer, Reply, startFixtureServer, unusedPort } from "../../support/fixtureServer";
import { expectVendorError, loadFixture, rejectionOf } from "../../support/fixtures";

const OK_JSON: Reply = { status: 200, headers: { "content-type": "application/json" }, body: '{"ok":true}' };

describe("HttpTransport", () => {
  let server: FixtureServer | undefined;
  let sleeps: number[];
  const recordSleep = async (ms: number) => {
    sleeps.push(ms);
  };

  async function transportFor(plan: Reply | Reply[], options: Partial<HttpTransportOptions> = {}) {
    server = await startFixtureServer(plan);
    return new HttpTransport({
      vendor: "autodns",
      baseURL: `${server.url}/v1`,
      sleep: recordSleep,
      ...options,
    });
  }

  function autodnsClient(url: string, options: { timeoutMs?: number; maxRetries?: number } = {}) {
    return new AutodnsJsonClient({
      endpoint: `${url}/v1`,
      credentials: { user: "api-user", password: "s3cr3t-Pa55word", context: 4 },
      requestsPerSecond: 0,
      sleep: recordSleep,
      ...options,
    });
  }

  beforeEach(() => {
    resetRateLimits();
    sleeps = [];
  });
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  describe("timeouts", () => {
    it("a server that never answers becomes a ConnectionError after timeoutMs, marked as possibly sent", async () => {
      server = await startFixtureServer({ hang: true });
      const error = await rejectionOf(
        autodnsClient(server.url, { timeoutMs: 50, maxRetries: 0 }).certificateInfo("100"),
      );
      expectVendorError(
        error,
        {
          class: "ConnectionError",
          messageIncludes: ["timed out after 50 ms", "may have reached the vendor"],
        },
        "autodns",
        ["s3cr3t-Pa55word"],
      );
      expect((error as ConnectionError).requestSent).to.equal(true);
      expect(server.requests).to.have.length(1);
    });

    it("a read that times out is retried maxRetries times with backoff", async () => {
      server = await startFixtureServer({ hang: true });
      await rejectionOf(autodnsClient(server.url, { timeoutMs: 30, maxRetries: 2 }).certificateInfo("100"));
      expect(server.requests).to.have.length(3);
      expect(sleeps).to.have.length(2);
    });

    it("a renew that times out is not repeated: its outcome is unknown", async () => {
      server = await startFixtureServer({ hang: true });
      const error = await rejectionOf(
        autodnsClient(server.url, { timeoutMs: 30, maxRetries: 3 }).renew("100"),
      );
      expect(error).to.be.instanceOf(ConnectionError);
      expect(server.requests).to.have.length(1);
      expect(sleeps).to.deep.equal([]);
    });
  });

  describe("retries of safe reads", () => {
    it("retries 503 honouring Retry-After, then falls back to exponential backoff", async () => {
      const transport = await transportFor(
        [
          { status: 503, headers: { "retry-after": "7" }, body: "busy" },
          { status: 503, body: "busy" },
          OK_JSON,
        ],
        { backoffMs: 100 },
      );
      const response = await transport.send(
        { method: "GET", path: "certificate/1" },
        "certificateInfo",
        "safe",
      );
      expect(response.status).to.equal(200);
      expect(server!.requests).to.have.length(3);
      expect(sleeps[0]).to.equal(7000);
      // Second retry (attempt 1): base 100 * 2^1 = 200 ms, jittered into [100, 200].
      expect(sleeps[1]).to.be.within(100, 200);
      expect(sleeps).to.have.length(2);
    });

    it("retries 429 honouring a Retry-After HTTP date", async () => {
      const inThreeSeconds = new Date(Date.now() + 3000).toUTCString();
      const transport = await transportFor([
        { status: 429, headers: { "retry-after": inThreeSeconds } },
        OK_JSON,
      ]);
      const response = await transport.send({ method: "GET", path: "job/1" }, "jobInfo", "safe");
      expect(response.status).to.equal(200);
      expect(sleeps).to.have.length(1);
      expect(sleeps[0]).to.be.within(1000, 3000);
    });

    it("gives up with a RateLimitError when Retry-After exceeds maxRetryAfterSeconds, without waiting", async () => {
      const transport = await transportFor({ status: 429, headers: { "retry-after": "3600" } });
      const error = await rejectionOf(transport.send({ method: "GET", path: "job/1" }, "jobInfo", "safe"));
      expect(error).to.be.instanceOf(RateLimitError);
      expect((error as RateLimitError).retryAfterSeconds).to.equal(3600);
      expect((error as RateLimitError).message).to.include("AutoDNS asked to wait 3600 s");
      expect(server!.requests).to.have.length(1);
      expect(sleeps).to.deep.equal([]);
    });

    it("returns the last response once maxRetries is used up", async () => {
      const transport = await transportFor({ status: 503, body: "busy" }, { maxRetries: 2, backoffMs: 10 });
      const response = await transport.send({ method: "GET", path: "x" }, "certificateInfo", "safe");
      expect(response.status).to.equal(503);
      expect(server!.requests).to.have.length(3);
    });

    it("does not retry a 4xx other than 429", async () => {
      const transport = await transportFor({ status: 400, body: "{}" });
      const response = await transport.send({ method: "GET", path: "x" }, "certificateInfo", "safe");
      expect(response.status).to.equal(400);
      expect(server!.requests).to.have.length(1);
    });

    it("retries a reset connection for a read", async () => {
      const transport = await transportFor([{ destroy: true }, OK_JSON]);
      const response = await transport.send({ method: "GET", path: "x" }, "certificateInfo", "safe");
      expect(response.status).to.equal(200);
      expect(server!.requests).to.have.length(2);
    });
  });

  describe("renewals (refusedOnly)", () => {
    it("a renew answered with 503 is not retried", async () => {
      server = await startFixtureServer({ status: 503, headers: { "retry-after": "1" }, body: "busy" });
      const error = await rejectionOf(autodnsClient(server.url).renew("100"));
      expectVendorError(
        error,
        { class: "DecodeError", status: 503, messageIncludes: ["HTTP 503"] },
        "autodns",
      );
      expect(server.requests).to.have.length(1);
      expect(sleeps).to.deep.equal([]);
    });

    it("a renew whose connection is reset after sending is not retried and says it may have arrived", async () => {
      server = await startFixtureServer({ destroy: true });
      const error = await rejectionOf(autodnsClient(server.url).renew("100"));
      expect(error).to.be.instanceOf(ConnectionError);
      expect((error as ConnectionError).requestSent).to.equal(true);
      expect((error as ConnectionError).code).to.equal("ECONNRESET");
      expect(server.requests).to.have.length(1);
    });

    it("a renew answered with 429 is retried after Retry-After and then succeeds", async () => {
      const seed = loadFixture("autodns", "renew-empty-body");
      server = await startFixtureServer([
        { status: 429, headers: { "retry-after": "2", "content-type": "text/plain" }, body: "slow down" },
        seed.reply,
      ]);
      const result = await autodnsClient(server.url).renew("100");
      expect(result.jobId).to.equal("4297539521");
      expect(server.requests).to.have.length(2);
      expect(sleeps).to.deep.equal([2000]);
    });

    it("a renew whose connection is refused (never sent) is retried, then reported as not sent", async () => {
      const port = await unusedPort();
      const error = await rejectionOf(
        autodnsClient(`http://127.0.0.1:${port}`, { maxRetries: 2 }).renew("100"),
      );
      expect(error).to.be.instanceOf(ConnectionError);
      expect((error as ConnectionError).requestSent).to.equal(false);
      expect((error as ConnectionError).message).to.include("check the endpoint");
      expect(sleeps).to.have.length(2);
    });
  });

  describe("request shape", () => {
    it("sends the package User-Agent, the client's headers and Basic auth", async () => {
      const transport = await transportFor(OK_JSON, {
        headers: { "X-Test": "1" },
        auth: { username: "u", password: "p" },
      });
      await transport.send(
        { method: "POST", path: "/a/b", body: "x", headers: { "X-Call": "2" } },
        "op",
        "safe",
      );
      const sent = server!.requests[0];
      expect(sent.headers["user-agent"]).to.equal(USER_AGENT);
      expect(sent.headers["x-test"]).to.equal("1");
      expect(sent.headers["x-call"]).to.equal("2");
      expect(sent.headers.authorization).to.equal(`Basic ${Buffer.from("u:p").toString("base64")}`);
      expect(sent.path).to.equal("/v1/a/b");
      expect(sent.body).to.equal("x");
    });

    it("encodes array query values as repeated keys on the wire", async () => {
      const transport = await transportFor(OK_JSON);
      await transport.send(
        { method: "GET", path: "search", query: { "order-id": [1, 2], "eaq-id": undefined, q: "a b&c" } },
        "op",
        "safe",
      );
      expect(server!.requests[0].url).to.equal("/v1/search?order-id=1&order-id=2&q=a+b%26c");
      expect(server!.requests[0].query.getAll("order-id")).to.deep.equal(["1", "2"]);
    });
  });

  describe("per-host rate limit", () => {
    it("spaces request starts by 1000 / requestsPerSecond through the injected sleep", async () => {
      const transport = await transportFor(OK_JSON, { requestsPerSecond: 2 });
      for (let i = 0; i < 3; i++) await transport.send({ method: "GET", path: "x" }, "op", "safe");
      expect(sleeps).to.have.length(2);
      expect(sleeps[0]).to.be.within(300, 500);
      expect(sleeps[1]).to.be.within(800, 1000);
    });

    it("is shared by every transport to the host in the process (one per resource, JSON and XML alike)", async () => {
      const first = await transportFor(OK_JSON, { requestsPerSecond: 2 });
      const second = new HttpTransport({
        vendor: "autodns",
        baseURL: `${server!.url}/gateway`,
        sleep: recordSleep,
        requestsPerSecond: 2,
      });
      await first.send({ method: "GET", path: "x" }, "op", "safe");
      await second.send({ method: "GET", path: "" }, "op", "safe");
      expect(sleeps).to.have.length(1);
      expect(sleeps[0]).to.be.within(300, 500);
    });
  });
});

describe("takeSlot", () => {
  beforeEach(() => resetRateLimits());

  it("lets the first request start at once and spaces the next ones on the injected clock", async () => {
    const waits: number[] = [];
    const sleep = async (ms: number) => {
      waits.push(ms);
    };
    const now = () => 10_000;
    await takeSlot("autodns:h", 4, sleep, now);
    await takeSlot("autodns:h", 4, sleep, now);
    await takeSlot("autodns:h", 4, sleep, now);
    expect(waits).to.deep.equal([250, 500]);
  });

  it("keeps hosts apart and frees the slot once the clock has moved on", async () => {
    const waits: number[] = [];
    const sleep = async (ms: number) => {
      waits.push(ms);
    };
    let t = 0;
    const now = () => t;
    await takeSlot("a", 2, sleep, now);
    await takeSlot("b", 2, sleep, now);
    t = 600;
    await takeSlot("a", 2, sleep, now);
    expect(waits).to.deep.equal([]);
  });

  it("inSlot waits for a free slot, then the first request inside starts on it and a retry takes its own", async () => {
    let t = 10_000;
    const waits: number[] = [];
    const sleep = async (ms: number) => {
      waits.push(ms);
      t += ms;
    };
    const now = () => t;
    await takeSlot("autodns:h", 4, sleep, now); // another request holds the first slot
    await inSlot(
      "autodns:h",
      4,
      sleep,
      async () => {
        expect(waits).to.deep.equal([250]); // the turn came before anything was composed
        await takeSlot("autodns:h", 4, sleep, now); // the request: on the slot already waited for
        expect(waits).to.deep.equal([250]);
        await takeSlot("autodns:h", 4, sleep, now); // a retry: its own slot, after the next
        await takeSlot("other:h", 4, sleep, now); // another host is not covered
      },
      now,
    );
    expect(waits).to.deep.equal([250, 250]);
  });

  it("inSlot lets single requests that reserve while it waits go first", async () => {
    let t = 0;
    const waits: number[] = [];
    const wakes: (() => void)[] = [];
    const sleep = (ms: number) => {
      waits.push(ms);
      const until = t + ms;
      return new Promise<void>((resolve) =>
        wakes.push(() => {
          t = Math.max(t, until);
          resolve();
        }),
      );
    };
    const now = () => t;
    const flush = () => new Promise((resolve) => setImmediate(resolve));
    const order: string[] = [];
    await takeSlot("k", 4, sleep, now); // t = 0: starts at once, holds the limit until 250
    const list = inSlot("k", 4, sleep, async () => void order.push("list"), now);
    await flush();
    const single = takeSlot("k", 4, sleep, now).then(() => order.push("single")); // reserves 250
    await flush();
    wakes.shift()!(); // the list wakes at 250: the single request has that slot, so it waits on
    wakes.shift()!(); // the single request starts at 250
    await flush();
    wakes.shift()!(); // the list, at 500
    await Promise.all([list, single]);
    expect(order).to.deep.equal(["single", "list"]);
    expect(waits).to.deep.equal([250, 250, 250]);
  });

  it("is disabled by Infinity and by values ≤ 0", async () => {
    const waits: number[] = [];
    const sleep = async (ms: number) => {
      waits.push(ms);
    };
    for (const perSecond of [Infinity, 0, -1, NaN]) {
      await takeSlot("k", perSecond, sleep, () => 0);
      await takeSlot("k", perSecond, sleep, () => 0);
    }
    expect(waits).to.deep.equal([]);
  });
});

describe("parseRetryAfter and encodeQuery", () => {
  it("reads seconds, HTTP dates (rounded up, never negative) and ignores garbage", () => {
    const now = Date.parse("2024-09-15T10:00:00Z");
    expect(parseRetryAfter("120", now)).to.equal(120);
    expect(parseRetryAfter(" 5 ", now)).to.equal(5);
    expect(parseRetryAfter("Sun, 15 Sep 2024 10:00:02 GMT", now)).to.equal(2);
    expect(parseRetryAfter("Sun, 15 Sep 2024 09:00:00 GMT", now)).to.equal(0);
    expect(parseRetryAfter("soon", now)).to.equal(undefined);
    expect(parseRetryAfter(undefined, now)).to.equal(undefined);
  });

  it("repeats keys for arrays, skips undefined and keeps insertion order", () => {
    expect(
      encodeQuery({ "order-id": [1, "2"], skip: undefined, b: true, "keys[]": "dnsProvisioning" }),
    ).to.equal("order-id=1&order-id=2&b=true&keys%5B%5D=dnsProvisioning");
    expect(encodeQuery(undefined)).to.equal("");
  });
});
