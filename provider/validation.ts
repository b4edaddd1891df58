/**
 * `check`: everything that can be validated without the network, one failure per bad property,
 * each with a sentence that says how to fix it. Unknown values (preview) are skipped.
 */
import { parseAnyDate } from "../sdk/common/dates";
import type * as pulumi from "@pulumi/pulumi";
import { describeSchedule, maxCertificateDays } from "./certificateLifetimes";
import { Failures } from "./checkFailure";
import { providerNow } from "./clock";
import { CertificateInputs, VENDOR_KINDS, VendorKind } from "./inputs";
import { isUnknown } from "./unknowns";
import { refuseUnknownFields } from "./knownFields";
import {
  numericStringProblem,
  validateAutodns,
  validateResellerClub,
  validateSymantec,
} from "./vendorValidation";

/** Lifetimes each vendor sells, in months. */
export const ALLOWED_LIFETIMES: Record<string, readonly number[]> = {
  autodns: [12, 24, 36],
  symantec: [12, 24, 36],
  "resellerclub.digitalcertificate": [12, 24, 36],
  "resellerclub.sslcert": [12, 24, 36, 48, 60],
  // "auto" (the default) may turn out to be either API: what both sell.
  "resellerclub.auto": [12, 24, 36],
};

/** Longest `waitTimeoutSeconds`: a pipeline step should not hang for hours. */
export const MAX_WAIT_TIMEOUT_SECONDS = 3600;

function isInt(v: unknown): v is number {
  return typeof v === "number" && Number.isInteger(v);
}

function lifetimeKey(inputs: CertificateInputs, vendor: VendorKind): string {
  return vendor === "resellerclub" ? `resellerclub.${inputs.resellerclub?.api ?? "auto"}` : vendor;
}

/**
 * Validates resolved inputs. `hasCredential` tells which credentials the environment or config
 * supplies; `accepted` are inputs that passed before (see `Failures` in ./checkFailure.ts).
 */
export function validateInputs(
  inputs: CertificateInputs,
  hasCredential: (name: string) => boolean,
  accepted?: CertificateInputs,
): pulumi.dynamic.CheckFailure[] {
  const f = new Failures(accepted);
  refuseUnknownFields(inputs, f);
  const id = inputs.certificateId;
  if (!isUnknown(id) && !((typeof id === "string" && id.trim() !== "") || (isInt(id) && id >= 0))) {
    f.add(
      "certificateId",
      "certificateId must be the vendor's id of the certificate, order or transaction (a non-empty string)",
    );
  }
  const vendors = VENDOR_KINDS.filter((k) => inputs[k] !== undefined && inputs[k] !== null);
  if (vendors.length !== 1) {
    // Not the name of one block: the engine prints a top-level property's value, and a vendor
    // block holds credentials (printed in full even when secret). "autodns + resellerclub" is no
    // key of the inputs, so the engine prints no value.
    f.add(
      vendors.length ? vendors.join(" + ") : "autodns",
      vendors.length
        ? `set exactly one vendor block; found ${vendors.join(" and ")}: remove all but one`
        : "set exactly one vendor block: autodns, symantec or resellerclub",
    );
  }
  const vendor = vendors[0];
  const lifetime = inputs.lifetimeMonths;
  if (!isUnknown(lifetime)) {
    const allowed = vendor ? ALLOWED_LIFETIMES[lifetimeKey(inputs, vendor)] : undefined;
    const given = numericStringProblem("lifetimeMonths", lifetime);
    if (given) f.add("lifetimeMonths", given);
    else if (!isInt(lifetime) || lifetime < 1) {
      f.add("lifetimeMonths", "lifetimeMonths must be a whole number of months, e.g. 12");
    } else if (allowed && !allowed.includes(lifetime)) {
      f.add(
        "lifetimeMonths",
        lifetimeKey(inputs, vendor!) === "resellerclub.auto"
          ? `lifetimeMonths ${lifetime} is not sold by both ResellerClub APIs; use one of ${allowed.join(", ")}, ` +
              `or set resellerclub.api to "sslcert" (which also sells 48 and 60)`
          : `lifetimeMonths ${lifetime} is not sold by ${lifetimeKey(inputs, vendor!)}; use one of ${allowed.join(", ")}`,
      );
    }
  }
  const before = inputs.renewBeforeDays;
  if (before !== undefined && !isUnknown(before)) {
    const given = numericStringProblem("renewBeforeDays", before);
    if (given) f.add("renewBeforeDays", given);
    else if (!isInt(before) || before < 1) {
      f.add("renewBeforeDays", "renewBeforeDays must be a whole number of days, at least 1 (default 30)");
    } else if (isInt(lifetime) && before >= lifetime * 28) {
      f.add(
        "renewBeforeDays",
        `renewBeforeDays ${before} must be shorter than the lifetime (${lifetime} months); lower it`,
      );
    } else if (before >= maxCertificateDays(providerNow())) {
      // A certificate issued now would be due again the moment it arrives.
      const max = maxCertificateDays(providerNow());
      f.add(
        "renewBeforeDays",
        `renewBeforeDays ${before} would reissue continuously: certificates issued now are valid for at most ` +
          `${max} days (${describeSchedule()}); set renewBeforeDays below ${max}, e.g. ${Math.max(1, Math.floor(max / 4))}`,
      );
    } else if (vendor === "autodns" && before > 90) {
      f.add(
        "renewBeforeDays",
        `AutoDNS renews only from 90 days before expiry; set renewBeforeDays to 90 or less (was ${before})`,
      );
    }
  }
  if (inputs.notAfter !== undefined && !isUnknown(inputs.notAfter)) {
    try {
      parseAnyDate(inputs.notAfter);
    } catch {
      f.add(
        "notAfter",
        `notAfter must be an ISO-8601 date such as 2027-01-31T23:59:59Z (was ${JSON.stringify(inputs.notAfter)})`,
      );
    }
  }
  const wait = inputs.waitTimeoutSeconds;
  const waitGiven = numericStringProblem("waitTimeoutSeconds", wait);
  if (waitGiven) f.add("waitTimeoutSeconds", waitGiven);
  else if (
    wait !== undefined &&
    !isUnknown(wait) &&
    (!isInt(wait) || wait < 0 || wait > MAX_WAIT_TIMEOUT_SECONDS)
  ) {
    f.add(
      "waitTimeoutSeconds",
      `waitTimeoutSeconds must be a whole number from 0 to ${MAX_WAIT_TIMEOUT_SECONDS} (default 0)`,
    );
  }
  if (
    inputs.renewalTrigger !== undefined &&
    !isUnknown(inputs.renewalTrigger) &&
    typeof inputs.renewalTrigger !== "string"
  ) {
    f.add("renewalTrigger", "renewalTrigger must be a string; change it to force one renewal");
  }
  if (vendors.length === 1) {
    if (vendor === "autodns") validateAutodns(inputs.autodns!, f, hasCredential);
    if (vendor === "symantec") validateSymantec(inputs, f, hasCredential);
    if (vendor === "resellerclub") validateResellerClub(inputs.resellerclub!, f, hasCredential);
  }
  return f.list;
}
