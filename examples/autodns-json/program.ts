/**
 * One AutoDNS certificate kept renewed through the JSON REST API (`PUT /certificate/{id}/_renew`)
 * and, inside its paid term, reissued free (`PUT /certificate/{id}`): the outputs show both clocks,
 * the certificate's `notAfter` and the term's `coverageEndsAt`, and which action comes next.
 * Everything comes from stack config; the password only as a secret, so it stays encrypted in the
 * stack file and in state. Point `endpoint` at the sandbox to rehearse without a vendor account.
 */
import * as pulumi from "@pulumi/pulumi";
import { RenewedCertificate } from "pulumi-renewed-certificate";

/** Declares the certificate and returns the stack outputs. */
export async function program() {
  const cfg = new pulumi.Config();
  const cert = new RenewedCertificate("autodns-json", {
    certificateId: cfg.require("certificateId"),
    lifetimeMonths: cfg.getNumber("lifetimeMonths") ?? 12,
    renewBeforeDays: cfg.getNumber("renewBeforeDays") ?? 30,
    autodns: {
      protocol: "json",
      endpoint: cfg.get("endpoint"), // unset: the live API, https://api.autodns.com/v1
      user: cfg.require("user"),
      password: cfg.requireSecret("password"),
      context: cfg.getNumber("context") ?? 4,
      adminContactId: cfg.get("adminContactId"),
      technicalContactId: cfg.get("technicalContactId"),
    },
  });
  return {
    notAfter: cert.notAfter,
    renewAfter: cert.renewAfter,
    renewalDue: cert.renewalDue,
    renewalStatus: cert.renewalStatus,
    renewalReason: cert.renewalReason,
    vendorStatus: cert.vendorStatus,
    jobId: cert.jobId,
    lastError: cert.lastError,
    // The two clocks: a certificate lives ≤ 200 days (CA/B, 2026), the paid term 12–36 months.
    coverageEndsAt: cert.coverageEndsAt,
    nextAction: cert.nextAction,
    nextActionAt: cert.nextActionAt,
    reissueCount: cert.reissueCount,
  };
}
