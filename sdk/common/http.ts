/**
 * The one request sender every vendor client uses. It owns the User-Agent, timeouts, the
 * per-host rate limit, and retries — which it makes only for requests the caller marks safe to
 * repeat. A renewal is never repeated here: if its outcome is unknown the caller must look it up.
 */
import { AxiosError, AxiosInstance, CreateAxiosDefaults } from "axios";
import { sharedAxios } from "./axiosInstances";
import type { Agent as HttpsAgent } from "node:https";
import { ConnectionError, ConnectionPhase, RateLimitError, VENDOR_LABELS, VendorName } from "./errors";
import { inSlot, realSleep, Sleep, takeSlot } from "./rateLimiter";
import { USER_AGENT } from "./version";

/** One HTTP exchange to send. */
export interface HttpRequest {
  method: "GET" | "POST" | "PUT" | "PATCH";
  /** Path below the base URL (leading "/" optional). */
  path: string;
  /** Query parameters; arrays become repeated keys (`order-id=1&order-id=2`). */
  query?: Record<string, string | number | boolean | Array<string | number> | undefined>;
  body?: string;
  headers?: Record<string, string>;
}

/** What came back, body as text: each vendor decodes and validates its own format. */
export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * Whether a request may be sent again after a failure.
 * - `safe`: reads and searches — retried on connection errors, 429 and retryable 5xx.
 * - `refusedOnly`: state-changing calls — retried only when the vendor provably did not act
 *   (connection refused before sending, or HTTP 429).
 */
export type RepeatPolicy = "safe" | "refusedOnly";

/** Construction options of {@link HttpTransport}. */
export interface HttpTransportOptions {
  vendor: VendorName;
  baseURL: string;
  /** Per-request timeout, default 30 s. */
  timeoutMs?: number;
  /** Retries after the first attempt, default 3. */
  maxRetries?: number;
  /** Base of the exponential backoff, default 500 ms. */
  backoffMs?: number;
  /** Longest Retry-After we wait for; beyond it we give up with a RateLimitError. Default 60 s. */
  maxRetryAfterSeconds?: number;
  /** Request starts per second per host; default unlimited. */
  requestsPerSecond?: number;
  headers?: Record<string, string>;
  auth?: { username: string; password: string };
  httpsAgent?: HttpsAgent;
  /** Decides whether a response status is worth retrying (default 429, 500, 502, 503, 504). */
  retryableResponse?: (response: HttpResponse) => boolean;
  /** Injected for tests. */
  sleep?: Sleep;
}

/** What every transport's axios instance does alike: the body as text, every status answered. */
const AXIOS_FIXED: CreateAxiosDefaults = {
  responseType: "text",
  transformResponse: [(data: unknown) => data],
  validateStatus: () => true,
  maxRedirects: 0,
  maxContentLength: 5_000_000,
  decompress: true,
};

const DEFAULT_RETRYABLE = new Set([429, 500, 502, 503, 504]);
/** Connection failures where the request never reached the server. */
const NOT_SENT_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH"]);

/** Parses `Retry-After` (seconds or an HTTP date) into seconds. */
export function parseRetryAfter(value: string | undefined, now: number = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}

function flattenHeaders(headers: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (headers && typeof headers === "object") {
    for (const [k, v] of Object.entries(headers as Record<string, unknown>)) {
      if (v !== undefined && v !== null) out[k.toLowerCase()] = Array.isArray(v) ? v.join(", ") : String(v);
    }
  }
  return out;
}

/** Encodes query parameters, repeating keys for arrays. */
export function encodeQuery(query: HttpRequest["query"]): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v === undefined) continue;
    for (const item of Array.isArray(v) ? v : [v]) params.append(k, String(item));
  }
  return params.toString();
}

/** See the module comment. */
export class HttpTransport {
  private readonly http: AxiosInstance;
  private readonly options: Required<
    Pick<
      HttpTransportOptions,
      "timeoutMs" | "maxRetries" | "backoffMs" | "maxRetryAfterSeconds" | "requestsPerSecond"
    >
  > &
    HttpTransportOptions;
  private readonly sleep: Sleep;
  private readonly limiterKey: string;

  constructor(options: HttpTransportOptions) {
    // `??`, not a spread: clients pass their own options through, often as explicit undefined.
    this.options = {
      ...options,
      timeoutMs: options.timeoutMs ?? 30_000,
      maxRetries: options.maxRetries ?? 3,
      backoffMs: options.backoffMs ?? 500,
      maxRetryAfterSeconds: options.maxRetryAfterSeconds ?? 60,
      requestsPerSecond: options.requestsPerSecond ?? Infinity,
    };
    this.sleep = options.sleep ?? realSleep;
    this.limiterKey = `${options.vendor}:${new URL(options.baseURL).host}`;
    this.http = sharedAxios(
      {
        baseURL: options.baseURL.endsWith("/") ? options.baseURL : `${options.baseURL}/`,
        timeout: this.options.timeoutMs,
        headers: { "User-Agent": USER_AGENT, ...options.headers },
        auth: options.auth,
        httpsAgent: options.httpsAgent,
      },
      AXIOS_FIXED,
    );
  }

  /**
   * Waits for this transport's next request slot (its rate limit), then runs `compose`: the first
   * request `compose` sends through this transport starts at once on that slot. What a list
   * request shared by many callers is built in, so that it carries all who asked meanwhile.
   */
  inSlot<T>(compose: () => Promise<T>): Promise<T> {
    return inSlot(this.limiterKey, this.options.requestsPerSecond, this.sleep, compose);
  }

  /** The base URL requests go to. */
  get baseURL(): string {
    return this.options.baseURL;
  }

  /** Sends a request, retrying as `repeat` allows; returns any HTTP response, throws ConnectionError/RateLimitError. */
  async send(request: HttpRequest, operation: string, repeat: RepeatPolicy): Promise<HttpResponse> {
    const retryableResponse =
      this.options.retryableResponse ?? ((r: HttpResponse) => DEFAULT_RETRYABLE.has(r.status));
    for (let attempt = 0; ; attempt++) {
      const last = attempt >= this.options.maxRetries;
      await takeSlot(this.limiterKey, this.options.requestsPerSecond, this.sleep);
      let response: HttpResponse;
      try {
        response = await this.once(request);
      } catch (error) {
        const failure = this.connectionError(error, operation);
        const mayRepeat = repeat === "safe" || !failure.requestSent;
        if (last || !mayRepeat) throw failure;
        await this.sleep(this.backoff(attempt));
        continue;
      }
      const mayRepeat = repeat === "safe" || response.status === 429;
      if (last || !mayRepeat || !retryableResponse(response)) return response;
      const retryAfter = parseRetryAfter(response.headers["retry-after"]);
      if (retryAfter !== undefined && retryAfter > this.options.maxRetryAfterSeconds) {
        throw new RateLimitError(
          `${VENDOR_LABELS[this.options.vendor]} asked to wait ${retryAfter} s before ${operation}; try again later`,
          {
            vendor: this.options.vendor,
            operation,
            status: response.status,
            retryAfterSeconds: retryAfter,
            rawBody: response.body,
          },
        );
      }
      await this.sleep(retryAfter !== undefined ? retryAfter * 1000 : this.backoff(attempt));
    }
  }

  private backoff(attempt: number): number {
    const base = this.options.backoffMs * 2 ** attempt;
    return base / 2 + Math.random() * (base / 2);
  }

  private async once(request: HttpRequest): Promise<HttpResponse> {
    const query = encodeQuery(request.query);
    const path = request.path.replace(/^\//, "");
    const res = await this.http.request<string>({
      method: request.method,
      url: query ? `${path}?${query}` : path,
      data: request.body,
      headers: request.headers,
    });
    return {
      status: res.status,
      headers: flattenHeaders(res.headers),
      body: typeof res.data === "string" ? res.data : "",
    };
  }

  private connectionError(error: unknown, operation: string): ConnectionError {
    const label = VENDOR_LABELS[this.options.vendor];
    const err = error as AxiosError & { code?: string };
    const code = err?.code ?? "";
    const timedOut = code === "ECONNABORTED" || code === "ETIMEDOUT" || /timeout/i.test(err?.message ?? "");
    // A failed TLS handshake happens before any HTTP byte is sent.
    const tlsFailure =
      /SSL|TLS|CERT|SELF_SIGNED|UNABLE_TO/i.test(code) || /alert|certificate/i.test(err?.message ?? "");
    const requestSent = !NOT_SENT_CODES.has(code) && !tlsFailure;
    const phase: ConnectionPhase = timedOut
      ? "timeout"
      : tlsFailure
        ? "tls"
        : code === "ENOTFOUND" || code === "EAI_AGAIN"
          ? "dns"
          : NOT_SENT_CODES.has(code)
            ? "refused"
            : "reset";
    const what = timedOut
      ? `timed out after ${this.options.timeoutMs} ms`
      : `failed (${code || (err?.message ?? "unknown error")})`;
    const hint = requestSent
      ? "the request may have reached the vendor"
      : `check the endpoint ${this.options.baseURL} and your network`;
    return new ConnectionError(`${label} ${operation}: the connection ${what}; ${hint}`, {
      vendor: this.options.vendor,
      operation,
      requestSent,
      code: code || undefined,
      phase,
      // No `cause`: axios errors carry the request config, including Basic auth and form bodies.
    });
  }
}
