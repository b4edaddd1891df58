/** What the user can do, in the resource's own words (inputs, commands), by what the vendor allows. */
import type { CertificateInputs } from "../inputs";
import { apiOf } from "./vendorApis";

/** The vendor's name for messages, or "the vendor" when no block is set. */
export function vendorLabel(inputs: CertificateInputs): string {
  return apiOf(inputs)?.label ?? "the vendor";
}

/** What the user can do about a renewal whose outcome is unknown, by what the vendor allows. */
export function unknownOutcomeAdvice(inputs: CertificateInputs): string {
  const label = vendorLabel(inputs);
  if (apiOf(inputs)?.searchable)
    return `run pulumi up again: it looks for the renewal at ${label} first and follows it; if none is found, it renews after the retry backoff`;
  const found = inputs.symantec
    ? "if it is there, set symantec.renewalTransactionId to its transaction id (or symantec.originalCertificate to the renewed certificate) and the next pulumi up records it"
    : "if it is there, pulumi refresh records the new expiry once the renewal completes";
  return (
    `${label} cannot be searched for it: check the vendor's console for the renewal; ${found}; ` +
    `if it is not, change renewalTrigger to renew again`
  );
}
