/** Picks the adapter for a resource's vendor block. */
import { CertificateInputs, vendorOf } from "../inputs";
import { AutodnsBackend } from "./autodnsBackend";
import { VendorBackend } from "./backend";
import { ResellerClubBackend } from "./resellerclubBackend";
import { SymantecBackend } from "./symantecBackend";

export type { VendorBackend } from "./backend";

/** Builds the backend for the inputs' one vendor block. */
export function createBackend(inputs: CertificateInputs): VendorBackend {
  switch (vendorOf(inputs)) {
    case "autodns":
      return new AutodnsBackend(inputs.autodns!);
    case "symantec":
      return new SymantecBackend(inputs.symantec!);
    case "resellerclub":
      return new ResellerClubBackend(inputs.resellerclub!);
    default:
      throw new Error("set exactly one vendor block: autodns, symantec or resellerclub");
  }
}

/**
 * Whether the inputs' vendor API can list pending renewals (AutoDNS JSON job search, ResellerClub
 * current actions). Pure: decides without credentials or the network.
 */
export function canFindPendingRenewals(inputs: CertificateInputs): boolean {
  const vendor = vendorOf(inputs);
  return vendor === "resellerclub" || (vendor === "autodns" && inputs.autodns?.protocol !== "xml");
}
