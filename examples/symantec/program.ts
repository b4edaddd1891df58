/**
 * One Symantec/DigiCert certificate kept renewed through VICE2 (`POST {endpoint}/renew`).
 * VICE2 authenticates with a TLS client certificate and reports no expiry, so the program passes
 * the current certificate (`originalCertificate`) or its expiry (`notAfter`). The client key and
 * both challenge phrases are read as secrets.
 */
import * as pulumi from "@pulumi/pulumi";
import { RenewedCertificate } from "pulumi-renewed-certificate";

/** Declares the certificate and returns the stack outputs. */
export async function program() {
  const cfg = new pulumi.Config();
  const cert = new RenewedCertificate("symantec", {
    certificateId: cfg.require("certificateId"),
    lifetimeMonths: cfg.getNumber("lifetimeMonths") ?? 12,
    renewBeforeDays: cfg.getNumber("renewBeforeDays") ?? 30,
    notAfter: cfg.get("notAfter"),
    symantec: {
      endpoint: cfg.get("endpoint"), // unset: production; "pilot" for the pilot service
      clientCertificate: cfg.require("clientCertificate"),
      clientKey: cfg.requireSecret("clientKey"),
      caCertificate: cfg.get("caCertificate"),
      firstName: cfg.require("firstName"),
      lastName: cfg.require("lastName"),
      email: cfg.require("email"),
      csr: cfg.require("csr"),
      certProductType: cfg.get("certProductType") ?? "Server",
      serverType: cfg.get("serverType") ?? "Apache",
      originalCertificate: cfg.get("originalCertificate"),
      originalChallenge: cfg.requireSecret("originalChallenge"),
      challenge: cfg.requireSecret("challenge"),
    },
  });
  return {
    notAfter: cert.notAfter,
    renewAfter: cert.renewAfter,
    renewalDue: cert.renewalDue,
    renewalStatus: cert.renewalStatus,
    renewalReason: cert.renewalReason,
    vendorStatus: cert.vendorStatus,
    transactionId: cert.transactionId,
    certificatePem: cert.certificatePem,
    lastError: cert.lastError,
  };
}
