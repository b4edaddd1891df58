/**
 * The fleet's inventory: which certificates exist, at which vendor, with which renewal settings.
 * It holds no endpoints and no credentials — those come from stack config, so the file can be
 * reviewed and versioned like any other list of assets.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { AutodnsInput, ResellerClubInput, SymantecInput } from "pulumi-renewed-certificate";

/** An entry's AutoDNS block: everything but the endpoint and the credentials. */
export type AutodnsSettings = Omit<AutodnsInput, "endpoint" | "user" | "password" | "context">;

/** An entry's Symantec block: no endpoint, TLS credentials or challenges; PEMs may be files. */
export type SymantecSettings = Omit<
  SymantecInput,
  "endpoint" | "clientCertificate" | "clientKey" | "caCertificate" | "originalChallenge" | "challenge"
> & {
  /** The CSR (PEM) as a file, relative to the inventory; instead of `csr`. */
  csrFile?: string;
  /** The current certificate (PEM) as a file, relative to the inventory; instead of `originalCertificate`. */
  originalCertificateFile?: string;
};

/** An entry's ResellerClub block: everything but the endpoint and the credentials. */
export type ResellerClubSettings = Omit<ResellerClubInput, "endpoint" | "authUserId" | "apiKey">;

/** One certificate of the fleet. */
export interface InventoryEntry {
  /** Unique; the Pulumi resource name and the key in the `certificates` output. */
  name: string;
  /** AutoDNS certificate id, Symantec original transaction id or ResellerClub order id. */
  certificateId: string;
  lifetimeMonths?: number;
  renewBeforeDays?: number;
  notAfter?: string;
  renewalTrigger?: string;
  /** Exactly one of the three vendor blocks. */
  autodns?: AutodnsSettings;
  symantec?: SymantecSettings;
  resellerclub?: ResellerClubSettings;
}

/** Values every entry gets unless it sets its own. */
export interface InventoryDefaults {
  lifetimeMonths?: number;
  renewBeforeDays?: number;
  waitTimeoutSeconds?: number;
}

/** The whole file. */
export interface Inventory {
  defaults: InventoryDefaults;
  certificates: InventoryEntry[];
}

/** The vendor block names. */
export const VENDORS = ["autodns", "symantec", "resellerclub"] as const;

/** Which vendor an entry belongs to. */
export type Vendor = (typeof VENDORS)[number];

/** The one vendor block of a checked entry. */
export function vendorOf(entry: InventoryEntry): Vendor {
  return VENDORS.find((v) => entry[v] !== undefined)!;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Reads and checks an inventory file (JSON). Every problem is reported at once, with the entry it
 * is in; `csrFile` and `originalCertificateFile` are read and inlined.
 */
export function readInventory(file: string): Inventory {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (e) {
    throw new Error(`cannot read the inventory ${file}: ${(e as Error).message}`);
  }
  if (!isObject(parsed) || !Array.isArray(parsed.certificates)) {
    throw new Error(`the inventory ${file} must be an object with a "certificates" list`);
  }
  const problems: string[] = [];
  const names = new Set<string>();
  const certificates = parsed.certificates.map((raw: unknown, i: number): InventoryEntry => {
    const where = `certificates[${i}]`;
    if (!isObject(raw)) {
      problems.push(`${where} must be an object`);
      return raw as InventoryEntry;
    }
    const entry = { ...raw } as unknown as InventoryEntry;
    const label = typeof entry.name === "string" ? `${where} (${entry.name})` : where;
    if (typeof entry.name !== "string" || !/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(entry.name)) {
      problems.push(`${label}: "name" must be letters, digits, ".", "_" or "-"`);
    } else if (names.has(entry.name)) {
      problems.push(`${label}: the name is used twice`);
    } else {
      names.add(entry.name);
    }
    if (typeof entry.certificateId === "number") entry.certificateId = String(entry.certificateId);
    if (typeof entry.certificateId !== "string" || entry.certificateId === "") {
      problems.push(`${label}: "certificateId" must be the vendor's id of the certificate or order`);
    }
    const blocks = VENDORS.filter((v) => entry[v] !== undefined);
    if (blocks.length !== 1 || !isObject(entry[blocks[0]])) {
      problems.push(`${label}: set exactly one of "autodns", "symantec", "resellerclub" (an object)`);
    }
    if (entry.symantec) entry.symantec = inlineFiles(entry.symantec, path.dirname(file), label, problems);
    return entry;
  });
  if (problems.length) {
    throw new Error(`the inventory ${file} has problems:\n  - ${problems.join("\n  - ")}`);
  }
  const defaults = isObject(parsed.defaults) ? (parsed.defaults as InventoryDefaults) : {};
  return { defaults, certificates };
}

function inlineFiles(
  block: SymantecSettings,
  dir: string,
  label: string,
  problems: string[],
): SymantecSettings {
  const out = { ...block };
  const files = [
    ["csrFile", "csr"],
    ["originalCertificateFile", "originalCertificate"],
  ] as const;
  for (const [fileKey, key] of files) {
    const name = out[fileKey];
    if (name === undefined) continue;
    try {
      out[key] = fs.readFileSync(path.resolve(dir, name), "utf8");
    } catch (e) {
      problems.push(`${label}: cannot read symantec.${fileKey} ${name}: ${(e as Error).message}`);
    }
    delete out[fileKey];
  }
  return out;
}
