/**
 * Maps ResellerClub error answers (`{"status":"ERROR","message":…}`, usually HTTP 500) to typed
 * errors. ResellerClub has no error codes, so the class is read from the message text; the
 * messages state what was refused and the vendor's text.
 */
import type { VendorErrorDetails, VendorErrorKind } from "../common/errors";
import { VendorError, VendorRuleError, vendorErrorOf, vendorSuffix } from "../common/errors";

/**
 * ResellerClub's own texts for the refusals the sandbox emulates.
 * @deprecated Nothing matches these exact strings: refusals are recognised by the patterns of
 * {@link RESELLERCLUB_REFUSALS}. Kept only because the sdk is public.
 */
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

/**
 * The refusals ResellerClub words apart, each recognised by its text, with the fact a message states
 * (the provider's advice reads `vendorText` with the same patterns).
 */
export const RESELLERCLUB_REFUSALS = {
  credentials: /auth-userid|api-key|auth-password|authenticat|access denied|not authori[sz]ed|whitelist/i,
  pendingAction: /already an action pending/i,
  alreadyRenewed: /already renewed/i,
  staleExpiry: /expiry date|exp-date/i,
  notFound: /invalid order|does not exist|not found|no entity/i,
  wrongMethod: /http method|method/i,
} as const;

/** True for the refusal that means a renewal (or another action) is already pending. */
export function isPendingActionRefusal(error: unknown): boolean {
  return (
    error instanceof VendorRuleError &&
    error.vendor === "resellerclub" &&
    RESELLERCLUB_REFUSALS.pendingAction.test(error.vendorText ?? "")
  );
}

/** The class and the fact stated, for a refusal (in the order the texts are tried). */
function refusalOf(m: string, httpStatus: number): { kind: VendorErrorKind; fact?: string } {
  if (RESELLERCLUB_REFUSALS.credentials.test(m) || httpStatus === 401 || httpStatus === 403)
    return { kind: "authentication" };
  if (httpStatus === 429) return { kind: "rateLimit" };
  if (RESELLERCLUB_REFUSALS.pendingAction.test(m)) {
    return {
      kind: "rule",
      fact: "an action is already pending on this order; wait for it to finish (or settle its invoice) instead of renewing again",
    };
  }
  if (RESELLERCLUB_REFUSALS.alreadyRenewed.test(m))
    return { kind: "rule", fact: "the order was already renewed" };
  if (RESELLERCLUB_REFUSALS.staleExpiry.test(m))
    return { kind: "rule", fact: "the expiry date sent does not match the order" };
  if (RESELLERCLUB_REFUSALS.notFound.test(m)) return { kind: "notFound" };
  if (RESELLERCLUB_REFUSALS.wrongMethod.test(m)) return { kind: "rule", fact: "wrong HTTP method" };
  if (httpStatus >= 500 && !m) return { kind: "server" };
  return { kind: "rule" };
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
  // A search over no particular order (orderSearch, actionSearch by action id) names none.
  const what = facts.operation.startsWith("renew")
    ? `the renewal of order ${orderId ?? "?"}`
    : orderId === undefined
      ? facts.operation
      : `${facts.operation} for order ${orderId}`;
  const text = vendorSuffix(details.vendorCode, details.vendorText);
  const { kind, fact } = refusalOf(facts.message, facts.httpStatus);
  const messages: Record<VendorErrorKind, string> = {
    authentication: `ResellerClub refused the credentials for ${what}${text}`,
    rateLimit: `ResellerClub rate-limited ${what}; try again shortly${text}`,
    notFound: `ResellerClub could not find ${what}${text}`,
    server: `ResellerClub failed on its side during ${what}; try again later`,
    rule: `ResellerClub refused ${what}${fact ? `: ${fact}` : ""}${text}`,
  };
  return vendorErrorOf(kind, messages[kind], details);
}
