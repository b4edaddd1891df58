/**
 * The AutoDNS certificate list (JSON `POST /certificate/_search`, XML task 400105), shared by every
 * resource's refresh read in the process, per account and protocol: first the account's whole list
 * page by page (./accountListing.ts), and for ids it never reaches (an account of more than
 * {@link AUTODNS_ACCOUNT_MAX_PAGES} pages) lists by id, a few ids per request (./readBatcher.ts).
 */
import { createHash } from "node:crypto";
import { AUTODNS_JSON_ENDPOINT } from "../../sdk/autodns/jsonClient";
import { AUTODNS_XML_ENDPOINT } from "../../sdk/autodns/xmlClient";
import { AUTODNS_CERTIFICATE_PAGE_SIZE } from "../../sdk/autodns/types";
import type {
  AutodnsCertificate,
  AutodnsCertificateList,
  AutodnsClientOptions,
} from "../../sdk/autodns/types";
import type { AutodnsListPage } from "../../sdk/autodns/types";
import { AccountListing, sharedListing } from "./accountListing";
import { ReadBatcher, sharedBatcher } from "./readBatcher";

/**
 * Certificates one page of the account list asks for. The vendor publishes no maximum for
 * `view.limit`; a vendor that answers fewer costs more pages, not a wrong answer (the listing goes
 * on from what it received, up to the answer's `summary`).
 */
export const AUTODNS_ACCOUNT_PAGE_SIZE = 1000;

/** Pages of the account list read before the rest of a huge account is listed by id. */
export const AUTODNS_ACCOUNT_MAX_PAGES = 5;

/**
 * How long the first read of a batch waits for others, in ms: the engine starts the reads of a
 * refresh within milliseconds of each other; later ones queue behind the request in flight.
 */
const LIST_WINDOW_MS = 20;

/** What the lists need of a client: either AutoDNS client lists certificates. */
interface CertificateLister {
  certificateSearch(ids: string[]): Promise<AutodnsCertificate[]>;
  certificatePage(page: AutodnsListPage): Promise<AutodnsCertificateList>;
}

/** The process's two ways to list an account's certificates. */
export interface AutodnsCertificateLists {
  /** The whole account, page by page. */
  account: AccountListing<AutodnsCertificate>;
  /** By id, for what the account listing does not reach. */
  byId: ReadBatcher<AutodnsCertificate>;
}

/** The process's certificate lists for one account (protocol, endpoint and login). */
export function certificateLists(
  client: CertificateLister,
  protocol: "json" | "xml",
  options: AutodnsClientOptions,
): AutodnsCertificateLists {
  const { user, password, context } = options.credentials;
  // The login is part of the key (two accounts see different certificates); hashed, so no
  // password sits in the key, even in memory.
  const login = createHash("sha256").update(`${user}\0${context}\0${password}`).digest("hex");
  const endpoint = options.endpoint ?? (protocol === "xml" ? AUTODNS_XML_ENDPOINT : AUTODNS_JSON_ENDPOINT);
  // `demo` changes what the account answers (the JSON demo header), so it is part of the account.
  const key = `autodns-${protocol} ${endpoint} ${options.demo ? "demo" : "live"} ${login}`;
  const account = sharedListing(
    key,
    () =>
      new AccountListing<AutodnsCertificate>(
        async (offset, limit) => {
          const page = await client.certificatePage({ offset, limit });
          const entries = new Map(page.certificates.map((c) => [c.id, c]));
          return { entries, received: page.received, total: page.summary };
        },
        { pageSize: AUTODNS_ACCOUNT_PAGE_SIZE, maxPages: AUTODNS_ACCOUNT_MAX_PAGES },
      ),
  );
  const byId = sharedBatcher(
    key,
    () =>
      new ReadBatcher<AutodnsCertificate>(
        async (ids) => new Map((await client.certificateSearch(ids)).map((c) => [c.id, c])),
        { pageSize: AUTODNS_CERTIFICATE_PAGE_SIZE, windowMs: LIST_WINDOW_MS },
      ),
  );
  return { account, byId };
}
