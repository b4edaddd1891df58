/**
 * Passes a renewed certificate on: the AutoDNS certificate's `certificatePem` output feeds a
 * downstream resource (a {@link PemFile}), so the `pulumi up` that records a finished renewal also
 * rolls the new certificate out. Swap PemFile for the resource that really serves the certificate.
 */
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { RenewedCertificate } from "pulumi-renewed-certificate";
import { PemFile } from "./pemFile";

/** Declares the certificate and its consumer and returns the stack outputs. */
export async function program() {
  const cfg = new pulumi.Config();
  const cert = new RenewedCertificate("site", {
    certificateId: cfg.require("certificateId"),
    lifetimeMonths: 12,
    autodns: {
      protocol: "json",
      endpoint: cfg.get("endpoint"),
      user: cfg.require("user"),
      password: cfg.requireSecret("password"),
      context: cfg.getNumber("context") ?? 4,
    },
  });
  const pemFile = new PemFile("site-pem", {
    path: path.resolve(cfg.get("pemPath") ?? "site.pem"),
    // AutoDNS returns the PEM with the certificate (Symantec with each renewal; ResellerClub never).
    pem: cert.certificatePem.apply((pem) => pem ?? ""),
  });
  return {
    notAfter: cert.notAfter,
    renewalStatus: cert.renewalStatus,
    jobId: cert.jobId,
    certificatePem: cert.certificatePem,
    pemPath: pemFile.path,
    pemSha256: pemFile.sha256,
    pemNotAfter: pemFile.notAfter,
  };
}
