/**
 * One interface for every vendor: the provider's lifecycle speaks only this, and one adapter per
 * vendor API implements it over the sdk clients. Adapters build no URLs and parse no XML.
 */
import type { RenewalStatus } from "../inputs";

/** What the vendor says about the certificate now. */
export interface CertificateSnapshot {
  /** Expiry, ISO; undefined when the vendor cannot report it. */
  notAfter?: string;
  /** The current certificate, when the vendor returns it. */
  certificatePem?: string;
  /** Its chain (PEM, issuer after issuer), when the vendor returns one (Symantec PKCS#7). */
  certificateChainPem?: string;
  /**
   * True when the vendor's expiry field is not confirmed to move with a renewal (ResellerClub
   * sslcert orders): an expiry that did not move, or none at all, then proves nothing.
   */
  expiryUnconfirmed?: boolean;
  /**
   * The certificate's name at the vendor, where its renewal jobs are found by name (AutoDNS: job
   * searches filter on `object` = the certificate name). Kept in state as `certificateName`.
   */
  certificateName?: string;
  /**
   * ResellerClub with `api: "auto"`: the API the order's own details showed it lives in. Kept in
   * state as `resellerclubApi`, so later runs skip the details request that found it.
   */
  resellerclubApi?: "sslcert" | "digitalcertificate";
  /**
   * End of the paid term, ISO (AutoDNS `payable`), where the vendor reports one apart from the
   * certificate's expiry. Inside it a certificate is reissued free.
   */
  coverageEndsAt?: string;
}

/** What state already knows about the certificate, so an adapter need not ask the vendor again. */
export interface KnownCertificate {
  /** {@link CertificateSnapshot.certificateName} as last read. */
  certificateName?: string;
  /** {@link CertificateSnapshot.resellerclubApi} as last resolved. */
  resellerclubApi?: "sslcert" | "digitalcertificate";
}

/** The state with what a snapshot names the certificate by (kept for later runs). */
export function withKnownNames<S extends KnownCertificate>(state: S, snapshot: CertificateSnapshot): S {
  const next = { ...state };
  if (snapshot.certificateName) next.certificateName = snapshot.certificateName;
  if (snapshot.resellerclubApi) next.resellerclubApi = snapshot.resellerclubApi;
  return next;
}

/** What state knows of the certificate, for a read that may be answered by a list. */
export interface ListedKnown {
  notAfter?: string;
  certificatePem?: string;
  coverageEndsAt?: string;
}

/** A submitted renewal. */
export interface RenewalRef {
  /** AutoDNS job id or ResellerClub eaqid. */
  jobId?: string;
  /** Symantec transaction id. */
  transactionId?: string;
}

/** Where a renewal stands. */
export interface RenewalProgress extends RenewalRef, CertificateSnapshot {
  status: Exclude<RenewalStatus, "none">;
  /** The vendor's own word for the state (RUNNING, SUCCESS, 0x00, Pending …). */
  vendorStatus: string;
  /** For a failure: the vendor's reason. */
  failureReason?: string;
  /**
   * With status "failed": whether the renewal went through cannot be told (the vendor accepted it
   * and then lost sight of it). Such a renewal is never re-submitted automatically.
   */
  outcomeUnknown?: boolean;
  /**
   * Set by `renew` when it submitted nothing but follows a renewal the vendor already had (the
   * vendor refused a second one): one sentence saying so, for `renewalReason`.
   */
  note?: string;
}

/** What a renewal needs besides the vendor block. */
export interface RenewalContext {
  certificateId: string;
  lifetimeMonths: number;
  /** The expiry the vendor should see (ResellerClub `exp-date`). */
  notAfter?: string;
  /** Symantec: the transaction to renew from (the last renewal's, or the original). */
  originalTransactionId?: string;
  /** Symantec: the challenge of the certificate being renewed. */
  originalChallenge?: string;
  /** AutoDNS correlation id. */
  ctid?: string;
}

/** A vendor adapter. */
export interface VendorBackend {
  /** Reads the certificate's current expiry (and PEM where available): always a fresh single read. */
  inspect(certificateId: string): Promise<CertificateSnapshot>;
  /**
   * A refresh's read, where the vendor can list many certificates in one request: answers from a
   * list shared by every resource of the process when it shows nothing changed against `known`,
   * else reads like {@link inspect}. Never used before a renewal (update re-reads with
   * {@link inspectFresh} or `inspect`).
   */
  inspectListed?(certificateId: string, known: ListedKnown): Promise<CertificateSnapshot>;
  /**
   * The read before a renewal, where the vendor can list many certificates in one request: always
   * a request sent after this call (never an earlier or cached answer), which may be one list
   * request shared with the reads of other resources at that moment; answers like {@link inspect}
   * when that list shows a change against `known`.
   */
  inspectFresh?(certificateId: string, known: ListedKnown): Promise<CertificateSnapshot>;
  /**
   * Finds a renewal (or, with `action` "reissue", a reissue) already pending at the vendor: the
   * guard against a second one.
   */
  findPendingRenewal(
    certificateId: string,
    known?: KnownCertificate,
    action?: "renew" | "reissue",
  ): Promise<RenewalProgress | undefined>;
  /**
   * A renewal the user handed in by its id (found in the vendor's console), for a vendor that
   * cannot be searched: its progress as the vendor reports it now, or undefined when none is given.
   */
  handedInRenewal?(): Promise<RenewalProgress | undefined>;
  /**
   * The certificate's most recent renewal in any state, where the vendor can list them (AutoDNS
   * JSON jobs, ResellerClub actions): names a renewal that finished while its id was not in state.
   */
  latestRenewal?(
    certificateId: string,
    known?: KnownCertificate,
    action?: "renew" | "reissue",
  ): Promise<RenewalProgress | undefined>;
  /** Submits one renewal. Never retried blindly. */
  renew(ctx: RenewalContext): Promise<RenewalProgress>;
  /**
   * Submits one reissue inside the paid term (free), where the vendor has one (see
   * `canReissue`). Never retried blindly; followed with {@link poll} like a renewal.
   */
  reissue?(ctx: RenewalContext): Promise<RenewalProgress>;
  /**
   * Reads the state of a submitted renewal. `knownNotAfter` (the expiry before the renewal) lets
   * an adapter recognise a finished renewal whose job the vendor no longer lists.
   */
  poll(
    ref: RenewalRef,
    certificateId: string,
    knownNotAfter?: string,
    known?: KnownCertificate,
  ): Promise<RenewalProgress>;
}
