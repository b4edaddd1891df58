/**
 * One ResellerClub order kept renewed: `POST {endpoint}/{api}/renew.json`, where `api` is the
 * seed's `digitalcertificate` (years, exp-date, attributes) or the current `sslcert` (months).
 * The renewal is tracked as a ResellerClub action; `jobId` is its `eaqid`.
 */
import * as pulumi from "@pulumi/pulumi";
import { RenewedCertificate, type ResellerClubInput } from "pulumi-renewed-certificate";

type Api = NonNullable<ResellerClubInput["api"]>;
type InvoiceOption = NonNullable<ResellerClubInput["invoiceOption"]>;

/** Declares the certificate and returns the stack outputs. */
export async function program() {
  const cfg = new pulumi.Config();
  const cert = new RenewedCertificate("resellerclub", {
    certificateId: cfg.require("certificateId"),
    lifetimeMonths: cfg.getNumber("lifetimeMonths") ?? 12,
    renewBeforeDays: cfg.getNumber("renewBeforeDays") ?? 30,
    resellerclub: {
      endpoint: cfg.get("endpoint"), // unset: live, https://httpapi.com/api; "test" for the test API
      api: cfg.get<Api>("api", { allowedValues: ["digitalcertificate", "sslcert"] }) ?? "digitalcertificate",
      authUserId: cfg.require("authUserId"),
      apiKey: cfg.requireSecret("apiKey"),
      invoiceOption:
        cfg.get<InvoiceOption>("invoiceOption", {
          allowedValues: ["NoInvoice", "PayInvoice", "KeepInvoice", "OnlyAdd"],
        }) ?? "NoInvoice",
      attributes: cfg.getObject<Record<string, string>>("attributes"),
    },
  });
  const { notAfter, renewAfter, renewalDue, renewalStatus, renewalReason, vendorStatus, jobId, lastError } =
    cert;
  return { notAfter, renewAfter, renewalDue, renewalStatus, renewalReason, vendorStatus, jobId, lastError };
}
