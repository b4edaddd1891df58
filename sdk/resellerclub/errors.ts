/**
 * Maps ResellerClub error answers (`{"status":"ERROR","message":…}`, usually HTTP 500) to typed
 * errors. ResellerClub has no error codes, so the class is read from the message text.
 */
import {
  AuthenticationError,
  NotFoundError,
  RateLimitError,
  ServerError,
  VendorError,
  VendorErrorDetails,
  VendorRuleError,
  vendorSuffix,
} from "../common/errors";

/** Vendor texts the provider reacts to. */
export const RESELLERCLUB_TEXTS = {
  pendingAction: "There is already an action pending on this Order.",
  alreadyRenewed: "Domain already renewed.",
  wrongMethod: "Unsupported HTTP method for this API call.",
  authFailed: "Invalid auth-userid or api-key.",
  notWhitelisted: "Access Denied: You are not authorized to perform this action from this IP address.",
  orderNotFound: "Invalid Order Id or the order does not exist.",
  staleExpiry: "Current expiry date provided does not match the expiry date of the order.",
};

/** Facts of one error answer. */
export interface ResellerClubErrorFacts {
  operation: string;
  httpStatus: number;
  status?: string;
  message: string;
  rawBody: string;
}

/** True for the refusal that means a renewal (or another action) is already pending. */
export function isPendingActionRefusal(error: unknown): boolean {
  return (
    error instanceof VendorRuleError &&
    error.vendor === "resellerclub" &&
    /already an action pending/i.test(error.vendorText ?? "")
  );
}

/** Builds the typed error for an error answer. */
export function resellerClubError(facts: ResellerClubErrorFacts, orderId?: string): VendorError {
  const details: VendorErrorDetails = {
    vendor: "resellerclub",
    operation: facts.operation,
    status: facts.httpStatus,
    // Only what the vendor sent: an HTML or empty 401 page carries neither.
    vendorCode: facts.status,
    vendorText: facts.message || undefined,
    rawBody: facts.rawBody,
  };
  const what = facts.operation.startsWith("renew")
    ? `the renewal of order ${orderId ?? "?"}`
    : `${facts.operation} for order ${orderId ?? "?"}`;
  const text = vendorSuffix(details.vendorCode, details.vendorText);
  const m = facts.message;
  if (
    /auth-userid|api-key|auth-password|authenticat|access denied|not authori[sz]ed|whitelist/i.test(m) ||
    facts.httpStatus === 401 ||
    facts.httpStatus === 403
  ) {
    return new AuthenticationError(
      `ResellerClub refused the credentials for ${what}: check resellerclub.authUserId and resellerclub.apiKey ` +
        `(or RESELLERCLUB_AUTH_USERID, RESELLERCLUB_API_KEY) and that this machine's IP is whitelisted${text}`,
      details,
    );
  }
  if (facts.httpStatus === 429)
    return new RateLimitError(`ResellerClub rate-limited ${what}; try again shortly${text}`, details);
  if (/already an action pending/i.test(m)) {
    return new VendorRuleError(
      `ResellerClub refused ${what}: an action is already pending on this order; wait for it to finish (or settle its invoice) instead of renewing again${text}`,
      details,
    );
  }
  if (/already renewed/i.test(m)) {
    return new VendorRuleError(
      `ResellerClub refused ${what}: the order was already renewed; run pulumi refresh to record the new expiry${text}`,
      details,
    );
  }
  if (/expiry date|exp-date/i.test(m)) {
    return new VendorRuleError(
      `ResellerClub refused ${what}: the expiry date sent does not match the order; run pulumi refresh (or correct notAfter) and try again${text}`,
      details,
    );
  }
  if (/invalid order|does not exist|not found|no entity/i.test(m)) {
    return new NotFoundError(
      `ResellerClub could not find ${what}: check certificateId (the order id)${text}`,
      details,
    );
  }
  if (/http method|method/i.test(m)) {
    return new VendorRuleError(`ResellerClub refused ${what}: wrong HTTP method${text}`, details);
  }
  if (facts.httpStatus >= 500 && !m)
    return new ServerError(`ResellerClub failed on its side during ${what}; try again later`, details);
  return new VendorRuleError(`ResellerClub refused ${what}${text}`, details);
}
