/** The input types users write, with `pulumi.Input` at every level, derived from ./inputs.ts. */
import type * as pulumi from "@pulumi/pulumi";
import type { AutodnsInput, CertificateInputs, ResellerClubInput, SymantecInput } from "./inputs";

/** One field's type with `pulumi.Input` at every level (lists element-wise, objects field-wise). */
type InputOf<V> = [V] extends [ReadonlyArray<infer E> | undefined]
  ? pulumi.Input<Array<pulumi.Input<E>>>
  : [V] extends [object | undefined]
    ? pulumi.Input<Inputify<NonNullable<V>>>
    : pulumi.Input<V>;

/** Makes every field of T (recursively for objects) accept a `pulumi.Input`; docs carry over. */
export type Inputify<T> = { [K in keyof T]: InputOf<T[K]> };

/** The `autodns` block: connection, credentials and AutoDNS renewal details. */
export type AutodnsArgs = Inputify<AutodnsInput>;
/** The `symantec` block: endpoint, TLS client credentials and the VICE2 renewal fields. */
export type SymantecArgs = Inputify<SymantecInput>;
/** The `resellerclub` block: endpoint, API, credentials and renewal options. */
export type ResellerClubArgs = Inputify<ResellerClubInput>;

/**
 * Inputs of a {@link RenewedCertificate}: {@link CertificateInputs}, each accepting a
 * `pulumi.Input`. Set exactly one of `autodns`, `symantec`, `resellerclub`.
 */
// An interface rather than an alias, so that the API reference lists its fields with their docs.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the fields come from the one it extends.
export interface RenewedCertificateArgs extends Inputify<CertificateInputs> {}
