/**
 * One record per vendor API: everything the provider knows about a vendor besides its adapter's
 * code. Validation (lifetimes, the renewal window, credentials), credential lookup (environment
 * variables and stack config), the exactly-once rules (whether pending renewals can be searched)
 * and backend creation all read these records, so a vendor's facts are stated here once.
 */
/* eslint-disable @typescript-eslint/no-require-imports -- each adapter is loaded when first used (see `adapter`). */
import { VENDOR_LABELS } from "../../sdk/common/errors";
import type { AutodnsClientOptions } from "../../sdk/autodns";
import type { ResellerClubClientOptions } from "../../sdk/resellerclub";
import type { SymantecClientOptions } from "../../sdk/symantec";
import { type CertificateInputs, VENDOR_KINDS, type VendorKind } from "../inputs";
import type { KnownCertificate, VendorBackend } from "./backend";
import { advisedBackend } from "./errorAdvice";

/** The vendor block of kind K, as resolved inputs. */
export type VendorBlock<K extends VendorKind> = NonNullable<CertificateInputs[K]>;

/** A credential: an input field, else an environment variable, else a stack config key. */
export interface CredentialSource<B> {
  /** The field of the vendor block (the input property is `<kind>.<field>`). */
  readonly field: keyof B & string;
  /** The provider process's environment variable. */
  readonly env: string;
  /** The stack config key (namespace `pulumi-nodejs:` or `renewed-certificate:`). */
  readonly config: string;
  /**
   * True when the vendor block's own validation checks it (with its own wording); otherwise
   * `check` refuses it missing with the generic sentence naming the env var and config key.
   */
  readonly checkedByVendor?: boolean;
}

/** Shared client settings the provider passes to every adapter (the request timeout). */
export type ClientOverrides = Partial<
  AutodnsClientOptions & SymantecClientOptions & ResellerClubClientOptions
>;

/** The facts of one vendor API. */
export interface VendorApi<K extends VendorKind> {
  /** The vendor block's name. */
  readonly kind: K;
  /** The vendor's name in messages. */
  readonly label: string;
  /**
   * Lifetimes sold (months), and the name messages give that offer, by the block's settings; none
   * for settings that name no offer (`check` refuses those by themselves).
   */
  lifetimes(block: VendorBlock<K>): { readonly offer: string; readonly months: readonly number[] };
  /** The vendor renews only this many days before expiry, at most (none: any time). */
  readonly renewsFromDaysBefore?: number;
  /** Its credentials, in the order `check` reports them. */
  readonly credentials: readonly CredentialSource<VendorBlock<K>>[];
  /**
   * Whether the API can list pending renewals (AutoDNS job list: JSON `POST /job/_search`, XML
   * task 400115; ResellerClub current actions). Where it cannot, a submission is journaled first.
   */
  readonly searchable: boolean;
  /**
   * Whether that search needs the certificate's name (AutoDNS job lists filter by name), which
   * state keeps once a read has told it (`certificateName`).
   */
  readonly searchesByName: boolean;
  /**
   * Whether the API can reissue inside a paid term (AutoDNS: JSON `PUT /certificate/{id}`, XML task
   * 400102). Where it cannot, the certificate is its own term (docs/VENDOR-CHOICES.md).
   */
  readonly reissuable: boolean;
  /** The adapter's class, loaded on first use: a preview with nothing due never loads a vendor client. */
  adapter(): new (
    block: VendorBlock<K>,
    overrides: ClientOverrides,
    known?: KnownCertificate,
  ) => VendorBackend;
}

const STANDARD_LIFETIMES = [12, 24, 36] as const;

/** The lifetimes every vendor sells, under the name of the offer. */
function standardOffer(offer: string): { offer: string; months: readonly number[] } {
  return { offer, months: STANDARD_LIFETIMES };
}

/** InterNetX AutoDNS, JSON REST or XML gateway. */
const AUTODNS: VendorApi<"autodns"> = {
  kind: "autodns",
  label: VENDOR_LABELS.autodns,
  lifetimes: () => standardOffer("autodns"),
  renewsFromDaysBefore: 90,
  credentials: [
    { field: "user", env: "AUTODNS_USER", config: "autodnsUser" },
    { field: "password", env: "AUTODNS_PASSWORD", config: "autodnsPassword" },
    { field: "context", env: "AUTODNS_CONTEXT", config: "autodnsContext", checkedByVendor: true },
  ],
  searchable: true,
  searchesByName: true,
  reissuable: true,
  adapter: () => (require("./autodnsBackend") as typeof import("./autodnsBackend")).AutodnsBackend,
};

/** Symantec/DigiCert VICE2. */
const SYMANTEC: VendorApi<"symantec"> = {
  kind: "symantec",
  label: VENDOR_LABELS.symantec,
  lifetimes: () => standardOffer("symantec"),
  credentials: [
    { field: "clientCertificate", env: "SYMANTEC_CLIENT_CERT", config: "symantecClientCertificate" },
    { field: "clientKey", env: "SYMANTEC_CLIENT_KEY", config: "symantecClientKey" },
  ],
  searchable: false,
  searchesByName: false,
  reissuable: false,
  adapter: () => (require("./symantecBackend") as typeof import("./symantecBackend")).SymantecBackend,
};

const RESELLERCLUB_APIS: readonly unknown[] = ["auto", "digitalcertificate", "sslcert"];

/** ResellerClub/LogicBoxes, sslcert or the deprecated digitalcertificate API. */
const RESELLERCLUB: VendorApi<"resellerclub"> = {
  kind: "resellerclub",
  label: VENDOR_LABELS.resellerclub,
  lifetimes: (block) => {
    const api = block.api ?? "auto";
    // "auto" (the default) may turn out to be either API: what both sell.
    const months =
      api === "sslcert" ? [12, 24, 36, 48, 60] : RESELLERCLUB_APIS.includes(api) ? STANDARD_LIFETIMES : [];
    return { offer: `resellerclub.${api}`, months };
  },
  credentials: [
    { field: "authUserId", env: "RESELLERCLUB_AUTH_USERID", config: "resellerclubAuthUserId" },
    { field: "apiKey", env: "RESELLERCLUB_API_KEY", config: "resellerclubApiKey" },
  ],
  searchable: true,
  searchesByName: false,
  reissuable: false,
  adapter: () =>
    (require("./resellerclubBackend") as typeof import("./resellerclubBackend")).ResellerClubBackend,
};

/** Every vendor API, by the name of its block. */
export const VENDOR_APIS: { readonly [K in VendorKind]: VendorApi<K> } = {
  autodns: AUTODNS,
  symantec: SYMANTEC,
  resellerclub: RESELLERCLUB,
};

/** A vendor API's facts for one resource's vendor block. */
export interface BoundApi {
  /** The vendor block's name. */
  readonly kind: VendorKind;
  /** The vendor's name in messages. */
  readonly label: string;
  /** See {@link VendorApi.searchable}. */
  readonly searchable: boolean;
  /** See {@link VendorApi.searchesByName}. */
  readonly searchesByName: boolean;
  /** See {@link VendorApi.reissuable}. */
  readonly reissuable: boolean;
  /** See {@link VendorApi.renewsFromDaysBefore}. */
  readonly renewsFromDaysBefore?: number;
  /** The lifetimes this block's offer sells. */
  lifetimes(): { readonly offer: string; readonly months: readonly number[] };
  /** Creates the adapter for this block, its vendor errors given the user's advice (./errorAdvice.ts). */
  backend(overrides: ClientOverrides, known?: KnownCertificate): VendorBackend;
}

function bind<K extends VendorKind>(api: VendorApi<K>, block: VendorBlock<K>): BoundApi {
  return {
    kind: api.kind,
    label: api.label,
    searchable: api.searchable,
    searchesByName: api.searchesByName,
    reissuable: api.reissuable,
    renewsFromDaysBefore: api.renewsFromDaysBefore,
    lifetimes: () => api.lifetimes(block),
    backend: (overrides, known) =>
      advisedBackend(new (api.adapter())(block, overrides, known), api.credentials),
  };
}

/** The API of the inputs' first vendor block set (validation guarantees exactly one), if any. */
export function apiOf(inputs: Pick<CertificateInputs, VendorKind>): BoundApi | undefined {
  if (isSet(inputs.autodns)) return bind(AUTODNS, inputs.autodns);
  if (isSet(inputs.symantec)) return bind(SYMANTEC, inputs.symantec);
  if (isSet(inputs.resellerclub)) return bind(RESELLERCLUB, inputs.resellerclub);
  return undefined;
}

function isSet<T>(block: T | null | undefined): block is T {
  return block !== undefined && block !== null;
}

/** Every credential of every API: its input property, environment variable and config key. */
export function allCredentials(): { property: string; env: string; config: string }[] {
  return VENDOR_KINDS.flatMap((kind) =>
    VENDOR_APIS[kind].credentials.map(({ field, env, config }) => ({
      property: `${kind}.${field}`,
      env,
      config,
    })),
  );
}

/**
 * A field of a vendor block by name, read as `block[field]` would be. The block is whatever the
 * program sent (`check` may see a string there), so nothing is assumed of its shape.
 */
export function fieldOf(block: unknown, field: string): unknown {
  return block === undefined || block === null ? undefined : Reflect.get(Object(block), field);
}
