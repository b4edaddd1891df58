/** The input types users write, with `pulumi.Input` at every level. */
import type * as pulumi from "@pulumi/pulumi";
import type { AutodnsInput, ResellerClubInput, SymantecInput } from "./inputs";

/** Makes every field of T (recursively for plain objects) accept a `pulumi.Input`. */
export type Inputify<T> = {
  [K in keyof T]: T[K] extends Array<infer E>
    ? pulumi.Input<Array<pulumi.Input<E>>>
    : T[K] extends Record<string, unknown> | undefined
      ? pulumi.Input<Inputify<NonNullable<T[K]>>>
      : pulumi.Input<T[K]>;
};

/** The `autodns` block: connection, credentials and AutoDNS renewal details. */
export type AutodnsArgs = Inputify<AutodnsInput>;
/** The `symantec` block: endpoint, TLS client credentials and the VICE2 renewal fields. */
export type SymantecArgs = Inputify<SymantecInput>;
/** The `resellerclub` block: endpoint, API, credentials and renewal options. */
export type ResellerClubArgs = Inputify<ResellerClubInput>;

/** Inputs of a {@link RenewedCertificate}. Set exactly one of `autodns`, `symantec`, `resellerclub`. */
export interface RenewedCertificateArgs {
  /** AutoDNS certificate id; Symantec original transaction id; ResellerClub order id. */
  certificateId: pulumi.Input<string | number>;
  /** Validity requested for each renewal, in months (12, 24, …). */
  lifetimeMonths: pulumi.Input<number>;
  /** Renew when fewer days than this remain (default 30). */
  renewBeforeDays?: pulumi.Input<number>;
  /** Current expiry (ISO-8601), for vendors that cannot report it (Symantec). */
  notAfter?: pulumi.Input<string>;
  /** Change it to force one in-place renewal now. */
  renewalTrigger?: pulumi.Input<string>;
  /** How long create/update follow the vendor's job before returning it as pending (default 0). */
  waitTimeoutSeconds?: pulumi.Input<number>;
  /** InterNetX AutoDNS (JSON REST or XML gateway): connection, credentials, renewal details. */
  autodns?: pulumi.Input<AutodnsArgs>;
  /** Symantec/DigiCert VICE2: endpoint, TLS client credentials, renewal fields. */
  symantec?: pulumi.Input<SymantecArgs>;
  /** ResellerClub/LogicBoxes: endpoint, API, credentials, renewal options. */
  resellerclub?: pulumi.Input<ResellerClubArgs>;
}
