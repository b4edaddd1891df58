/**
 * The four renewal APIs as the fault matrix sees them: how to seed and declare a certificate
 * (shared with the e2e suite), the sandbox route names to aim faults at, whether the vendor can be
 * searched for a pending renewal, and how to list the renewals the vendor accepted.
 */
import type { Sandbox, SandboxVendor } from "../../sandbox";
import { VENDOR_CASES, VendorCase } from "../../test/support/vendorCases";

/** Short API names used in the matrix. */
export type ApiName = "json" | "xml" | "symantec" | "resellerclub";

/** The prefix of a scenario id for each API, e.g. `rc-accept-then-drop`. */
export const SHORT_IDS: Record<ApiName, string> = {
  json: "json",
  xml: "xml",
  symantec: "sym",
  resellerclub: "rc",
};

/** One API under fault. */
export interface FaultApi {
  name: ApiName;
  /** What the user sees the vendor called in messages. */
  label: RegExp;
  vendor: SandboxVendor;
  case: VendorCase;
  /** The vendor can be searched for a pending renewal (AutoDNS job list, ResellerClub actions). */
  searchable: boolean;
  /**
   * `pollList`: where polls ask first, a list shared by the renewals of one process (AutoDNS: the
   * job search, which is also the `search` route of the pending-renewal guard before a renewal).
   */
  routes: { renew: string; poll: string; pollList?: string; read?: string; search?: string };
}

const byName = (name: string) => VENDOR_CASES.find((c) => c.name === name)!;

export const APIS: Record<ApiName, FaultApi> = {
  json: {
    name: "json",
    label: /AutoDNS/,
    vendor: "autodns",
    case: byName("AutoDNS JSON"),
    searchable: true,
    routes: {
      renew: "autodns.json.renew",
      poll: "autodns.json.jobInfo",
      pollList: "autodns.json.jobSearch",
      read: "autodns.json.certificateInfo",
      search: "autodns.json.jobSearch",
    },
  },
  xml: {
    name: "xml",
    label: /AutoDNS/,
    vendor: "autodns",
    case: byName("AutoDNS XML"),
    searchable: true,
    routes: {
      renew: "autodns.xml.400106",
      poll: "autodns.xml.400114",
      pollList: "autodns.xml.400115",
      read: "autodns.xml.400104",
      search: "autodns.xml.400115",
    },
  },
  symantec: {
    name: "symantec",
    label: /Symantec|DigiCert/,
    vendor: "symantec",
    case: byName("Symantec VICE2"),
    searchable: false,
    routes: { renew: "symantec.renew", poll: "symantec.pickup" },
  },
  resellerclub: {
    name: "resellerclub",
    label: /ResellerClub/,
    vendor: "resellerclub",
    case: byName("ResellerClub"),
    searchable: true,
    routes: {
      renew: "resellerclub.renew",
      poll: "resellerclub.actions",
      read: "resellerclub.details",
      search: "resellerclub.actions",
    },
  },
};

/**
 * Ids of the renewals the vendor accepted for a certificate, oldest first: AutoDNS job ids,
 * ResellerClub eaqids, Symantec transaction ids of the whole renewal chain.
 */
export function acceptedIds(sandbox: Sandbox, api: FaultApi, certificateId: string): string[] {
  if (api.vendor === "symantec") {
    return sandbox.admin
      .certificates("symantec")
      .filter((c) => c.rootTransactionId === certificateId && c.id !== certificateId)
      .map((c) => c.id);
  }
  return sandbox.admin
    .jobs({ vendor: api.vendor, certificateId })
    .sort((a, b) => Date.parse(a.created) - Date.parse(b.created) || Number(a.id) - Number(b.id))
    .map((j) => j.id);
}
