/**
 * One AutoDNS certificate kept renewed through the XML gateway (`POST {endpoint}`, task 400106).
 * The same resource as the JSON example with `protocol: "xml"`; the gateway has no job search, so
 * the guard against a second renewal is the state plus AutoDNS's own refusal.
 */
import * as pulumi from "@pulumi/pulumi";
import { RenewedCertificate } from "pulumi-renewed-certificate";

/** Declares the certificate and returns the stack outputs. */
export async function program() {
  const cfg = new pulumi.Config();
  const cert = new RenewedCertificate("autodns-xml", {
    certificateId: cfg.require("certificateId"),
    lifetimeMonths: cfg.getNumber("lifetimeMonths") ?? 12,
    renewBeforeDays: cfg.getNumber("renewBeforeDays") ?? 30,
    autodns: {
      protocol: "xml",
      endpoint: cfg.get("endpoint"), // unset: the live gateway, https://gateway.autodns.com
      user: cfg.require("user"),
      password: cfg.requireSecret("password"),
      context: cfg.getNumber("context") ?? 4,
      adminContactId: cfg.get("adminContactId"),
      technicalContactId: cfg.get("technicalContactId"),
    },
  });
  const { notAfter, renewAfter, renewalDue, renewalStatus, renewalReason, vendorStatus, jobId, lastError } =
    cert;
  return { notAfter, renewAfter, renewalDue, renewalStatus, renewalReason, vendorStatus, jobId, lastError };
}
