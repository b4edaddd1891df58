/**
 * One error hierarchy for every vendor client. Each error carries the facts: which vendor, which
 * operation, the HTTP status, the vendor's own code and text, the vendor's request id (AutoDNS
 * `stid`), for a connection failure its phase, and a bounded copy of the raw body for debugging.
 * Messages state those facts; what a program's author should change is the provider's to say
 * (provider/backends/errorAdvice.ts), so the clients stay usable on their own.
 *
 * Request bodies are never stored here: they can hold passwords, API keys or challenge phrases.
 */

/** The vendor APIs this package speaks. */
export type VendorName = "autodns" | "symantec" | "resellerclub";

/** Human names used in messages. */
export const VENDOR_LABELS: Record<VendorName, string> = {
  autodns: "AutoDNS",
  symantec: "Symantec/DigiCert",
  resellerclub: "ResellerClub",
};

/** Raw bodies kept on errors are cut to this many characters. */
export const RAW_BODY_LIMIT = 2000;

/** The facts an error is built from. */
export interface VendorErrorDetails {
  vendor: VendorName;
  /** The client operation, e.g. `renew`, `certificateInfo`. */
  operation: string;
  /** HTTP status, when a response arrived. */
  status?: number;
  /** The vendor's own code (`EF4001012`, `0x3069`, …). */
  vendorCode?: string;
  /** The vendor's own text for that code. */
  vendorText?: string;
  /** AutoDNS `stid` or another server-side request id. */
  requestId?: string;
  /** The response body as received (bounded). */
  rawBody?: string;
  /** Seconds the vendor asked us to wait (`Retry-After`). */
  retryAfterSeconds?: number;
  /** The lower-level error, if any. */
  cause?: unknown;
}

/** Base class of every error a vendor client throws. */
export class VendorError extends Error {
  readonly vendor: VendorName;
  readonly operation: string;
  readonly status?: number;
  readonly vendorCode?: string;
  readonly vendorText?: string;
  readonly requestId?: string;
  readonly rawBody?: string;
  readonly retryAfterSeconds?: number;

  constructor(message: string, details: VendorErrorDetails) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = new.target.name;
    this.vendor = details.vendor;
    this.operation = details.operation;
    this.status = details.status;
    this.vendorCode = details.vendorCode;
    this.vendorText = details.vendorText;
    this.requestId = details.requestId;
    this.rawBody = details.rawBody === undefined ? undefined : details.rawBody.slice(0, RAW_BODY_LIMIT);
    this.retryAfterSeconds = details.retryAfterSeconds;
  }

  /**
   * True when repeating the same request later may succeed.
   * @deprecated Read by nothing: whether a request is repeated is decided by the transport's
   * `RepeatPolicy` and, for a renewal, by the provider. Kept because the sdk is public.
   */
  get retryable(): boolean {
    return false;
  }
}

/** Credentials, context or client certificate were refused. */
export class AuthenticationError extends VendorError {}

/** The certificate, order, job or transaction does not exist (for these credentials). */
export class NotFoundError extends VendorError {}

/** The vendor asked us to slow down (HTTP 429 or its own rate-limit code). */
export class RateLimitError extends VendorError {
  /** @deprecated See {@link VendorError.retryable}. */
  override get retryable(): boolean {
    return true;
  }
}

/**
 * Where a connection failed: the name lookup, a refused (or unreachable) connection, the TLS handshake (the server's
 * certificate not trusted, or ours refused), a timeout, or a reset or other failure after connecting.
 */
export type ConnectionPhase = "dns" | "refused" | "tls" | "timeout" | "reset";

/**
 * No usable response: DNS, refused or reset connection, TLS failure or timeout.
 * `requestSent` tells whether the vendor may have received (and acted on) the request; when true
 * the outcome of a renewal is unknown and must be looked up, never blindly repeated.
 */
export class ConnectionError extends VendorError {
  readonly requestSent: boolean;
  /** The socket or TLS error code (`ECONNRESET`, `ERR_SSL_…`), when known. */
  readonly code?: string;
  /** Where the connection failed, when known. */
  readonly phase?: ConnectionPhase;
  constructor(
    message: string,
    details: VendorErrorDetails & { requestSent: boolean; code?: string; phase?: ConnectionPhase },
  ) {
    super(message, details);
    this.requestSent = details.requestSent;
    this.code = details.code;
    this.phase = details.phase;
  }
  /** @deprecated See {@link VendorError.retryable}. */
  override get retryable(): boolean {
    return true;
  }
}

/** The vendor answered with something that is not its documented format (HTML page, truncated body). */
export class DecodeError extends VendorError {}

/** The vendor failed on its side (HTTP 5xx without a business error). */
export class ServerError extends VendorError {
  /** @deprecated See {@link VendorError.retryable}. */
  override get retryable(): boolean {
    return true;
  }
}

/** The vendor understood the request and refused it under one of its rules. */
export class VendorRuleError extends VendorError {}

/** The classes of refusal a vendor's mapping chooses between (see {@link vendorErrorOf}). */
export type VendorErrorKind = "authentication" | "notFound" | "rateLimit" | "server" | "rule";

const ERROR_CLASSES: Record<
  VendorErrorKind,
  new (message: string, details: VendorErrorDetails) => VendorError
> = {
  authentication: AuthenticationError,
  notFound: NotFoundError,
  rateLimit: RateLimitError,
  server: ServerError,
  rule: VendorRuleError,
};

/** The error of class `kind`: each vendor's mapping decides the kind, this builds it. */
export function vendorErrorOf(
  kind: VendorErrorKind,
  message: string,
  details: VendorErrorDetails,
): VendorError {
  return new ERROR_CLASSES[kind](message, details);
}

/** Formats the vendor part of a message: ` [EF4001012: text]`, or "" when there is no code. */
export function vendorSuffix(code: string | undefined, text: string | undefined): string {
  if (!code && !text) return "";
  if (!code) return ` [${text}]`;
  return text ? ` [${code}: ${text}]` : ` [${code}]`;
}
