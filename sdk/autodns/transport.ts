/** The HTTP transport both AutoDNS clients (JSON REST and XML gateway) build on. */
import { HttpTransport, HttpTransportOptions } from "../common/http";
import type { AutodnsClientOptions } from "./types";

/** AutoDNS's documented limit: 3 requests per second per IP. */
export const AUTODNS_REQUESTS_PER_SECOND = 3;

/** A transport for one AutoDNS API: the client's options, that API's endpoint, auth and headers. */
export function autodnsTransport(
  options: AutodnsClientOptions,
  defaultEndpoint: string,
  api: Pick<HttpTransportOptions, "auth" | "headers">,
): HttpTransport {
  return new HttpTransport({
    vendor: "autodns",
    baseURL: options.endpoint ?? defaultEndpoint,
    timeoutMs: options.timeoutMs,
    maxRetries: options.maxRetries,
    backoffMs: options.backoffMs,
    requestsPerSecond: options.requestsPerSecond ?? AUTODNS_REQUESTS_PER_SECOND,
    sleep: options.sleep,
    ...api,
  });
}
