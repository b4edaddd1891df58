// The four renewal APIs as cases for the e2e suite and the fault matrix: how to seed a
// certificate in the sandbox and how a user declares it. Credentials go in as secrets, exactly as a program reading stack config would.
import * as pulumi from "@pulumi/pulumi";
import type { RenewedCertificateArgs } from "../../provider/args";
import type { Sandbox, SandboxVendor } from "../../sandbox";
import { makeCsr } from "./pki";

/** One API under test. */
export interface VendorCase {
  name: string;
  vendor: SandboxVendor;
  /** Seeds a fresh certificate expiring at `notAfter`; returns its vendor id. */
  seed(sandbox: Sandbox, notAfter: string): Promise<string>;
  /** The resource args for it (credentials wrapped as secrets). */
  args(sandbox: Sandbox, id: string): Promise<RenewedCertificateArgs>;
  /** Strings that must never appear in plain state. */
  secrets(sandbox: Sandbox): string[];
  /** The output that carries the renewal's id. */
  idOutput: "jobId" | "transactionId";
}

const SYMANTEC_CHALLENGE = "e2e-original-challenge";
const SYMANTEC_NEW_CHALLENGE = "e2e-next-challenge";

function autodnsCase(protocol: "json" | "xml"): VendorCase {
  return {
    name: `AutoDNS ${protocol.toUpperCase()}`,
    vendor: "autodns",
    idOutput: "jobId",
    async seed(sandbox, notAfter) {
      return (await sandbox.admin.seedCertificate({ vendor: "autodns", notAfter })).id;
    },
    async args(sandbox, id) {
      const c = sandbox.credentials.autodns;
      return {
        certificateId: id,
        lifetimeMonths: 12,
        autodns: {
          protocol,
          endpoint: protocol === "json" ? sandbox.urls.autodnsJson : sandbox.urls.autodnsXml,
          user: c.user,
          password: pulumi.secret(c.password),
          context: c.context,
          adminContactId: "100",
          technicalContactId: "100",
          requestsPerSecond: 50,
        },
      };
    },
    secrets: (sandbox) => [sandbox.credentials.autodns.password],
  };
}

/** The four APIs. */
export const VENDOR_CASES: VendorCase[] = [
  autodnsCase("json"),
  autodnsCase("xml"),
  {
    name: "Symantec VICE2",
    vendor: "symantec",
    idOutput: "transactionId",
    async seed(sandbox, notAfter) {
      return (
        await sandbox.admin.seedCertificate({ vendor: "symantec", notAfter, challenge: SYMANTEC_CHALLENGE })
      ).id;
    },
    async args(sandbox, id) {
      const c = sandbox.credentials.symantec;
      const cert = sandbox.admin.certificate("symantec", id)!;
      return {
        certificateId: id,
        lifetimeMonths: 12,
        symantec: {
          endpoint: sandbox.urls.symantec,
          clientCertificate: c.clientCertificate,
          clientKey: pulumi.secret(c.clientKey),
          caCertificate: c.caCertificate,
          firstName: "John",
          lastName: "Doe",
          email: "johndoe@aaa.com",
          csr: await makeCsr(cert.commonName),
          certProductType: "Server",
          serverType: "Apache",
          originalCertificate: cert.pem,
          originalChallenge: pulumi.secret(SYMANTEC_CHALLENGE),
          challenge: pulumi.secret(SYMANTEC_NEW_CHALLENGE),
        },
      };
    },
    secrets: (sandbox) => [
      sandbox.credentials.symantec.clientKey.split("\n")[1],
      SYMANTEC_CHALLENGE,
      SYMANTEC_NEW_CHALLENGE,
    ],
  },
  {
    name: "ResellerClub",
    vendor: "resellerclub",
    idOutput: "jobId",
    async seed(sandbox, notAfter) {
      return (
        await sandbox.admin.seedCertificate({ vendor: "resellerclub", notAfter, api: "digitalcertificate" })
      ).id;
    },
    async args(sandbox, id) {
      const c = sandbox.credentials.resellerclub;
      return {
        certificateId: id,
        lifetimeMonths: 12,
        resellerclub: {
          endpoint: sandbox.urls.resellerclub,
          authUserId: c.authUserId,
          apiKey: pulumi.secret(c.apiKey),
          invoiceOption: "NoInvoice",
          attributes: { org_name: "Example Org", approveremail: "admin@example.org" },
        },
      };
    },
    secrets: (sandbox) => [sandbox.credentials.resellerclub.apiKey],
  },
];
