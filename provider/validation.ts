/**
 * `check`: everything that can be validated without the network, one failure per bad property,
 * each with a sentence that says how to fix it. Unknown values (preview) are skipped.
 */
import { parseAnyDate } from "../sdk/common/dates";
import type * as pulumi from "@pulumi/pulumi";
import { describeSchedule, maxCertificateDays } from "./certificateLifetimes";
import { Failures } from "./checkFailure";
import { apiOf } from "./backends/vendorApis";
import { providerNow } from "./clock";
import { CertificateInputs, VENDOR_KINDS } from "./inputs";
import { isUnknown } from "./unknowns";
import { refuseUnknownFields } from "./knownFields";
import {
  numericStringProblem,
  validateAutodns,
  validateResellerClub,
  validateSymantec,
} from "./vendorValidation";

/** Longest `waitTimeoutSeconds`: a pipeline step should not hang for hours. */
export const MAX_WAIT_TIMEOUT_SECONDS = 3600;

function isInt(v: unknown): v is number {
  return typeof v === "number" && Number.isInteger(v);
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
  const api = apiOf(inputs);
  const lifetime = inputs.lifetimeMonths;
  if (!isUnknown(lifetime)) {
    const sold = api?.lifetimes();
    const given = numericStringProblem("lifetimeMonths", lifetime);
    if (given) f.add("lifetimeMonths", given);
    else if (!isInt(lifetime) || lifetime < 1) {
      f.add("lifetimeMonths", "lifetimeMonths must be a whole number of months, e.g. 12");
    } else if (sold && sold.months.length > 0 && !sold.months.includes(lifetime)) {
      const { offer, months } = sold;
      f.add(
        "lifetimeMonths",
        offer === "resellerclub.auto"
          ? `lifetimeMonths ${lifetime} is not sold by both ResellerClub APIs; use one of ${months.join(", ")}, ` +
              `or set resellerclub.api to "sslcert" (which also sells 48 and 60)`
          : `lifetimeMonths ${lifetime} is not sold by ${offer}; use one of ${months.join(", ")}`,
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
    } else if (api?.renewsFromDaysBefore !== undefined && before > api.renewsFromDaysBefore) {
      const most = api.renewsFromDaysBefore;
      f.add(
        "renewBeforeDays",
        `${api.label} renews only from ${most} days before expiry; set renewBeforeDays to ${most} or less (was ${before})`,
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
    const { autodns, symantec, resellerclub } = inputs;
    if (autodns !== undefined && autodns !== null) validateAutodns(autodns, f, hasCredential);
    if (symantec !== undefined && symantec !== null) validateSymantec(inputs, symantec, f, hasCredential);
    if (resellerclub !== undefined && resellerclub !== null)
      validateResellerClub(resellerclub, f, hasCredential);
  }
  return f.list;
}
