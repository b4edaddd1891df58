/**
 * A fleet of certificates from one inventory file (inventory.json): one RenewedCertificate per
 * entry, whatever the vendor. Endpoints and credentials come from stack config, per vendor, and
 * only for the vendors the inventory uses. One `pulumi preview` then answers "is anything due?"
 * for the whole fleet, and one `pulumi up` renews exactly what is due.
 */
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { RenewedCertificate, type RenewedCertificateArgs } from "pulumi-renewed-certificate";
import { InventoryEntry, readInventory, vendorOf } from "./readInventory";

/** The challenge phrases of one Symantec entry (secret config `symantecChallenges`). */
interface SymantecChallenges {
  originalChallenge: string;
  challenge: string;
}

/** Builds each entry's vendor block: its own settings plus connection and credentials from config. */
function vendorBlock(cfg: pulumi.Config, entry: InventoryEntry): Partial<RenewedCertificateArgs> {
  switch (vendorOf(entry)) {
    case "autodns": {
      const xml = entry.autodns!.protocol === "xml";
      return {
        autodns: {
          ...entry.autodns,
          endpoint: cfg.get(xml ? "autodnsXmlEndpoint" : "autodnsEndpoint"),
          user: cfg.require("autodnsUser"),
          password: cfg.requireSecret("autodnsPassword"),
          context: cfg.getNumber("autodnsContext") ?? 4,
        },
      };
    }
    case "resellerclub":
      return {
        resellerclub: {
          ...entry.resellerclub,
          endpoint: cfg.get("resellerclubEndpoint"),
          authUserId: cfg.require("resellerclubAuthUserId"),
          apiKey: cfg.requireSecret("resellerclubApiKey"),
        },
      };
    case "symantec": {
      const challenges = cfg.requireSecretObject<Record<string, SymantecChallenges>>("symantecChallenges");
      const phrase = (key: keyof SymantecChallenges) =>
        challenges.apply((all) => {
          const value = all[entry.name]?.[key];
          if (!value) throw new Error(`symantecChallenges has no ${key} for "${entry.name}"`);
          return value;
        });
      return {
        symantec: {
          ...entry.symantec,
          endpoint: cfg.get("symantecEndpoint"),
          clientCertificate: cfg.require("symantecClientCertificate"),
          clientKey: cfg.requireSecret("symantecClientKey"),
          caCertificate: cfg.get("symantecCaCertificate"),
          originalChallenge: phrase("originalChallenge"),
          challenge: phrase("challenge"),
        },
      };
    }
  }
}

/** Declares every certificate of the inventory and returns a per-certificate summary. */
export async function program() {
  const cfg = new pulumi.Config();
  const file = path.resolve(cfg.get("inventoryFile") ?? path.join(__dirname, "inventory.json"));
  const inventory = readInventory(file);
  const fleet = inventory.certificates.map((entry) => {
    const cert = new RenewedCertificate(entry.name, {
      certificateId: entry.certificateId,
      lifetimeMonths: entry.lifetimeMonths ?? inventory.defaults.lifetimeMonths ?? 12,
      renewBeforeDays: entry.renewBeforeDays ?? inventory.defaults.renewBeforeDays,
      waitTimeoutSeconds: inventory.defaults.waitTimeoutSeconds,
      notAfter: entry.notAfter,
      renewalTrigger: entry.renewalTrigger,
      ...vendorBlock(cfg, entry),
    });
    return { entry, cert };
  });
  return {
    certificates: Object.fromEntries(
      fleet.map(({ entry, cert }) => [
        entry.name,
        {
          vendor: vendorOf(entry),
          certificateId: entry.certificateId,
          notAfter: cert.notAfter,
          renewAfter: cert.renewAfter,
          renewalStatus: cert.renewalStatus,
          renewalReason: cert.renewalReason,
          jobId: cert.jobId,
          transactionId: cert.transactionId,
          lastError: cert.lastError,
        },
      ]),
    ),
    renewalsDue: pulumi
      .all(fleet.map(({ cert }) => cert.renewalDue))
      .apply((due) => due.filter(Boolean).length),
    renewalsPending: pulumi
      .all(fleet.map(({ cert }) => cert.renewalStatus))
      .apply((statuses) => statuses.filter((s) => s === "pending").length),
  };
}
