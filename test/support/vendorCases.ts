// The four renewal APIs as cases for the e2e suite and the fault matrix: how to seed a
// certificate in the sandbox and how a user declares it. Credentials go in as secrets, exactly as
// a program reading stack config would. The vendor blocks are shared with the benchmark's fleet.
import * as pulumi from "@pulumi/pulumi";
import type {
  AutodnsArgs,
  RenewedCertificateArgs,
  ResellerClubArgs,
  SymantecArgs,
} from "../../provider/args";
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

/** The `autodns` block a user writes for the sandbox's AutoDNS, password as a secret. */
export function sandboxAutodns(
  sandbox: Sandbox,
  protocol: "json" | "xml",
  requestsPerSecond: number,
): AutodnsArgs {
  const c = sandbox.credentials.autodns;
  return {
    protocol,
    endpoint: protocol === "json" ? sandbox.urls.autodnsJson : sandbox.urls.autodnsXml,
    user: c.user,
    password: pulumi.secret(c.password),
    context: c.context,
    adminContactId: "100",
    technicalContactId: "100",
    requestsPerSecond,
  };
}

/** What a Symantec renewal of one certificate needs besides the sandbox's credentials. */
export interface SymantecRenewal {
  csr: string;
  originalCertificate: string;
  originalChallenge: string;
  challenge: string;
}

/** The `symantec` block a user writes for the sandbox's VICE2, key and challenges as secrets. */
export function sandboxSymantec(sandbox: Sandbox, renewal: SymantecRenewal): SymantecArgs {
  const c = sandbox.credentials.symantec;
  return {
    endpoint: sandbox.urls.symantec,
    clientCertificate: c.clientCertificate,
    clientKey: pulumi.secret(c.clientKey),
    caCertificate: c.caCertificate,
    firstName: "John",
    lastName: "Doe",
    email: "johndoe@aaa.com",
    csr: renewal.csr,
    certProductType: "Server",
    serverType: "Apache",
    originalCertificate: renewal.originalCertificate,
    originalChallenge: pulumi.secret(renewal.originalChallenge),
    challenge: pulumi.secret(renewal.challenge),
  };
}

/** The `resellerclub` block a user writes for the sandbox's ResellerClub, API key as a secret. */
export function sandboxResellerClub(sandbox: Sandbox): ResellerClubArgs {
  const c = sandbox.credentials.resellerclub;
  return {
    endpoint: sandbox.urls.resellerclub,
    authUserId: c.authUserId,
    apiKey: pulumi.secret(c.apiKey),
    invoiceOption: "NoInvoice",
    attributes: { org_name: "Example Org", approveremail: "admin@example.org" },
  };
}

function autodnsCase(protocol: "json" | "xml"): VendorCase {
  return {
    name: `AutoDNS ${protocol.toUpperCase()}`,
    vendor: "autodns",
    idOutput: "jobId",
    async seed(sandbox, notAfter) {
      return (await sandbox.admin.seedCertificate({ vendor: "autodns", notAfter })).id;
    },
    async args(sandbox, id) {
      return { certificateId: id, lifetimeMonths: 12, autodns: sandboxAutodns(sandbox, protocol, 50) };
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
      const cert = sandbox.admin.certificate("symantec", id)!;
      return {
        certificateId: id,
        lifetimeMonths: 12,
        symantec: sandboxSymantec(sandbox, {
          csr: await makeCsr(cert.commonName),
          originalCertificate: cert.pem,
          originalChallenge: SYMANTEC_CHALLENGE,
          challenge: SYMANTEC_NEW_CHALLENGE,
        }),
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
      return { certificateId: id, lifetimeMonths: 12, resellerclub: sandboxResellerClub(sandbox) };
    },
    secrets: (sandbox) => [sandbox.credentials.resellerclub.apiKey],
  },
];
