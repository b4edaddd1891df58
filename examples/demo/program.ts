/**
 * The demo's Pulumi program: one AutoDNS certificate kept reissued inside its paid term and renewed
 * at its end. The sandbox URL and
 * credentials arrive as stack config, as a real vendor's would; the password as a secret.
 */
import * as pulumi from "@pulumi/pulumi";
import { RenewedCertificate } from "pulumi-renewed-certificate";

/** Declares the demo certificate and exports what a pipeline would show. */
export async function demoProgram() {
  const cfg = new pulumi.Config();
  const shop = new RenewedCertificate("shop", {
    certificateId: cfg.require("certificateId"),
    lifetimeMonths: 12,
    renewBeforeDays: 30,
    autodns: {
      protocol: "json",
      endpoint: cfg.require("autodnsEndpoint"),
      user: cfg.require("autodnsUser"),
      password: cfg.requireSecret("autodnsPassword"),
      context: 4,
    },
  });
  return {
    notAfter: shop.notAfter,
    renewAfter: shop.renewAfter,
    renewalStatus: shop.renewalStatus,
    renewalReason: shop.renewalReason,
    jobId: shop.jobId,
    coverageEndsAt: shop.coverageEndsAt,
    nextAction: shop.nextAction,
    nextActionAt: shop.nextActionAt,
  };
}
