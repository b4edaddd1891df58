/**
 * Symantec/DigiCert VICE2 adapter. VICE2 reports no expiry: it comes from PEMs or the input. A
 * "Pending" status code (0xa00e, 0x8134) is a renewal the vendor holds: followed with pickup,
 * never submitted again.
 */
import { SymantecClient } from "../../sdk/symantec/client";
import { SymantecClientOptions, SymantecResult } from "../../sdk/symantec/types";
import { requiredCredential } from "../credentials";
import { VENDOR_APIS } from "./vendorApis";
import { SymantecInput } from "../inputs";
import { certificateNotAfter } from "../pem";
import { CertificateSnapshot, RenewalContext, RenewalProgress, RenewalRef, VendorBackend } from "./backend";

/** Months → the vendor's validity period. */
export function validityPeriod(lifetimeMonths: number): string {
  return `${Math.max(1, Math.round(lifetimeMonths / 12))}Y`;
}

/** See the module comment. */
export class SymantecBackend implements VendorBackend {
  private readonly client: SymantecClient;

  constructor(
    private readonly block: SymantecInput,
    overrides: Partial<SymantecClientOptions> = {},
  ) {
    this.client = new SymantecClient({
      endpoint: block.endpoint,
      clientCertificate: requiredCredential(VENDOR_APIS.symantec, block, "clientCertificate"),
      clientKey: requiredCredential(VENDOR_APIS.symantec, block, "clientKey"),
      caCertificate: block.caCertificate,
      ...overrides,
    });
  }

  async inspect(): Promise<CertificateSnapshot> {
    return { notAfter: certificateNotAfter(this.block.originalCertificate) };
  }

  async findPendingRenewal(): Promise<RenewalProgress | undefined> {
    // VICE2 has no search: only state and the certificate's own expiry guard against a repeat.
    return undefined;
  }

  /** The renewal named by `symantec.renewalTransactionId`, picked up now. */
  async handedInRenewal(): Promise<RenewalProgress | undefined> {
    const transactionId = this.block.renewalTransactionId;
    if (!transactionId) return undefined;
    return this.progress(transactionId, await this.client.pickup(transactionId));
  }

  async renew(ctx: RenewalContext): Promise<RenewalProgress> {
    const b = this.block;
    const result = await this.client.renew({
      firstName: b.firstName ?? "",
      lastName: b.lastName ?? "",
      email: b.email ?? "",
      csr: b.csr ?? "",
      certProductType: b.certProductType ?? "",
      serverType: b.serverType ?? "",
      validityPeriod: validityPeriod(ctx.lifetimeMonths),
      specificEndDate: b.specificEndDate,
      // The first renewal may name the original certificate; later ones chain transaction ids.
      originalCertificate:
        ctx.originalTransactionId === ctx.certificateId ? b.originalCertificate : undefined,
      originalTransactionId: ctx.originalTransactionId ?? ctx.certificateId,
      originalChallenge: ctx.originalChallenge ?? b.originalChallenge ?? "",
      challenge: b.challenge ?? "",
      subjectAlternativeNames: b.subjectAlternativeNames,
      signatureAlgorithm: b.signatureAlgorithm,
      ctLogOption: b.ctLogOption,
    });
    if (result.pending && !result.transactionId) {
      // Held, not refused — but with no id to follow. Never submitted again on its own.
      return {
        status: "failed",
        vendorStatus: result.statusCode,
        outcomeUnknown: true,
        failureReason:
          `Symantec/DigiCert holds the renewal as pending [${result.statusCode}: ${result.message}] but named no ` +
          `transaction id to follow; find it in the VICE2 console and set symantec.renewalTransactionId to it ` +
          `(or change renewalTrigger if it is not there)`,
      };
    }
    return this.progress(result.transactionId ?? "", result);
  }

  async poll(ref: RenewalRef): Promise<RenewalProgress> {
    const transactionId = ref.transactionId ?? "";
    const result = await this.client.pickup(transactionId);
    return this.progress(transactionId, result);
  }

  private progress(transactionId: string, result: SymantecResult): RenewalProgress {
    const pem = result.pending ? undefined : result.certificatePem;
    return {
      transactionId,
      status: pem ? "succeeded" : "pending",
      vendorStatus: result.statusCode,
      certificatePem: pem,
      certificateChainPem: pem ? result.chainPem : undefined,
      notAfter: certificateNotAfter(pem),
    };
  }
}
