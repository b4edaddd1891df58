/**
 * An account's whole list, read page by page and shared by every resource of the provider
 * process. A refresh reads every certificate of a stack, and a stack's certificates usually sit in
 * one vendor account: where the vendor lists an account's certificates many per request (AutoDNS
 * `POST /certificate/_search`, XML 400105; ResellerClub `{api}/search.json`), a handful of list
 * requests answers a whole refresh, where one read per certificate waits on the vendor's rate limit
 * (AutoDNS: 3 requests per second) N times.
 *
 * The first read of an account asks for its first page; a read whose id is not among the pages so
 * far asks for the next, one request at a time, until the id shows up, the list ends, or
 * `maxPages` pages were read (a stack of a few certificates in a huge account then costs at most
 * that many list requests before the caller reads on its own). A failed page ends the listing: the
 * reads waiting on it, and every later one, answer "not listed", and the caller reads that
 * certificate alone, so a list the vendor refuses costs one request, not one per certificate.
 *
 * Nothing here outlives one engine operation: the engine starts the provider process per operation,
 * `configure` (called once per operation) forgets every listing ({@link forgetAccountListings}),
 * and a listing older than {@link LISTING_MAX_AGE_MS} is read anew. A listing only ever answers a
 * refresh; a renewal is decided on a fresh read of its certificate.
 */

/** One page of a list. */
export interface ListedPage<T> {
  /** The page's entries by id. */
  entries: ReadonlyMap<string, T>;
  /** How many items the page held (the next page starts that much further on). */
  received: number;
  /** How many the list holds in all, where the vendor says. */
  total?: number;
}

/** Reads the page of `limit` items starting at item `offset`. */
export type ListPageReader<T> = (offset: number, limit: number) => Promise<ListedPage<T>>;

/** How a listing pages. */
export interface AccountListingOptions {
  /** Items asked for per request (the vendor's page). */
  pageSize: number;
  /** The most pages read before the listing gives up on ids it has not seen. */
  maxPages: number;
  /** Told once when a page fails and the listing ends (the reads go on alone, more slowly). */
  onFailure?: (error: unknown) => void;
}

/** What a listing says about one id. */
export type Listed<T> =
  | { listed: true; entry: T }
  /** `complete`: the whole list was read, so the id is not in the account (as listed). */
  | { listed: false; complete: boolean };

/** See the module comment. */
export class AccountListing<T> {
  private readonly entries = new Map<string, T>();
  private offset = 0;
  private pages = 0;
  private ended = false;
  private complete = false;
  private loading?: Promise<void>;

  constructor(
    private readonly readPage: ListPageReader<T>,
    private readonly options: AccountListingOptions,
  ) {
    if (!(options.pageSize >= 1) || !(options.maxPages >= 1)) {
      throw new RangeError(
        `pageSize and maxPages must be at least 1 (were ${options.pageSize} and ${options.maxPages})`,
      );
    }
  }

  /** The id's entry once the pages read so far (and as many more as it takes) show it. */
  async find(id: string): Promise<Listed<T>> {
    for (;;) {
      const entry = this.entries.get(id);
      if (entry !== undefined) return { listed: true, entry };
      if (this.ended) return { listed: false, complete: this.complete };
      this.loading ??= this.loadNext().finally(() => (this.loading = undefined));
      await this.loading;
    }
  }

  private async loadNext(): Promise<void> {
    let page: ListedPage<T>;
    try {
      page = await this.readPage(this.offset, this.options.pageSize);
    } catch (error) {
      // The callers read alone and meet the vendor's error there, with its advice.
      this.ended = true;
      this.options.onFailure?.(error);
      return;
    }
    this.pages += 1;
    for (const [id, entry] of page.entries) this.entries.set(id, entry);
    this.offset += page.received;
    const lastPage =
      page.received === 0 ||
      (page.total !== undefined ? this.offset >= page.total : page.received < this.options.pageSize);
    if (lastPage) {
      this.ended = true;
      this.complete = true;
    } else if (this.pages >= this.options.maxPages) {
      this.ended = true;
    }
  }
}

/**
 * How long a listing answers, in ms: long enough for the reads of one refresh of thousands of
 * certificates (the engine starts them within seconds), short enough that a long-lived process
 * (a test, a tool driving the provider's functions) never answers from an old page.
 */
export const LISTING_MAX_AGE_MS = 30_000;

const listings = new Map<string, { listing: AccountListing<unknown>; since: number }>();

/**
 * The process's listing for `key` (a vendor account: endpoint and login, hashed), built on first
 * use. Every resource of the process shares it, as they share the vendor's rate limit.
 */
export function sharedListing<T>(key: string, create: () => AccountListing<T>): AccountListing<T> {
  // Wall-clock time, not the provider's clock: the age of an answer, not a date of the certificate.
  const now = Date.now();
  const held = listings.get(key);
  if (held && now - held.since < LISTING_MAX_AGE_MS) return held.listing as AccountListing<T>;
  const listing = create();
  listings.set(key, { listing: listing as AccountListing<unknown>, since: now });
  return listing;
}

/**
 * A listing's `onFailure` that tells the user once, on the engine's output, why a refresh reads
 * `what` one by one (slower at a rate limit). The sdk's error states facts and never a secret.
 */
export function sayListFailed(what: string): (error: unknown) => void {
  return (error) =>
    process.stdout.write(
      `RenewedCertificate: could not list ${what} (${(error as Error).message}); reading them one by one\n`,
    );
}

/** Forgets every listing: a new engine operation (`configure`) and tests start from the vendor. */
export function forgetAccountListings(): void {
  listings.clear();
}
