/**
 * The AutoDNS lists shared by every resource of the process, per account and protocol.
 *
 * - Certificates (JSON `POST /certificate/_search`, XML task 400105), for refresh reads: first the
 *   account's whole list page by page (./accountListing.ts), and for ids it never reaches (an
 *   account of more than {@link AUTODNS_ACCOUNT_MAX_PAGES} pages) lists by id (./readBatcher.ts).
 * - Jobs by id, running (`POST /job/_search`, 400115) and finished (`POST /job/history/_search`,
 *   400135), for polls: the renewals the engine runs at once are polled in one request.
 * - Running jobs by certificate name (the same routes), for the guard before a renewal: the
 *   updates the engine runs at once look for renewals already pending in one request.
 *
 * None of these keeps an answer: a read joins the next request sent (./readBatcher.ts), so what
 * a renewal decides on was asked of the vendor after the renewal's update began.
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
import type { AutodnsJob, AutodnsListPage } from "../../sdk/autodns/types";
import { AUTODNS_JOB_SEARCH_LIMIT } from "../../sdk/autodns/jobs";
import { AccountListing, sayListFailed, sharedListing } from "./accountListing";
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

/**
 * A list request composed on its own turn at the client's rate limit (3 per second): at that rate
 * a request waits seconds behind others, and every read that asks meanwhile goes along with it.
 */
function inSlotOf(client: {
  inRequestSlot<R>(compose: () => Promise<R>): Promise<R>;
}): <R>(compose: () => Promise<R>) => Promise<R> {
  return (compose) => client.inRequestSlot(compose);
}

/** What the lists need of a client: either AutoDNS client lists certificates. */
interface CertificateLister {
  inRequestSlot<R>(compose: () => Promise<R>): Promise<R>;
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

/** The account a client reads (protocol, endpoint and login), as the key of its shared lists. */
function accountKey(protocol: "json" | "xml", options: AutodnsClientOptions): string {
  const { user, password, context } = options.credentials;
  // The login is part of the key (two accounts see different certificates); hashed, so no
  // password sits in the key, even in memory.
  const login = createHash("sha256").update(`${user}\0${context}\0${password}`).digest("hex");
  const endpoint = options.endpoint ?? (protocol === "xml" ? AUTODNS_XML_ENDPOINT : AUTODNS_JSON_ENDPOINT);
  // `demo` changes what the account answers (the JSON demo header), so it is part of the account.
  return `autodns-${protocol} ${endpoint} ${options.demo ? "demo" : "live"} ${login}`;
}

/** The process's certificate lists for one account. */
export function certificateLists(
  client: CertificateLister,
  protocol: "json" | "xml",
  options: AutodnsClientOptions,
): AutodnsCertificateLists {
  const key = accountKey(protocol, options);
  const account = sharedListing(
    key,
    () =>
      new AccountListing<AutodnsCertificate>(
        async (offset, limit) => {
          const page = await client.certificatePage({ offset, limit });
          const entries = new Map(page.certificates.map((c) => [c.id, c]));
          return { entries, received: page.received, total: page.summary };
        },
        {
          pageSize: AUTODNS_ACCOUNT_PAGE_SIZE,
          maxPages: AUTODNS_ACCOUNT_MAX_PAGES,
          onFailure: sayListFailed(`the AutoDNS ${protocol.toUpperCase()} account's certificates`),
        },
      ),
  );
  const byId = sharedBatcher(
    key,
    () =>
      new ReadBatcher<AutodnsCertificate>(
        async (ids) => new Map((await client.certificateSearch(ids)).map((c) => [c.id, c])),
        { pageSize: AUTODNS_CERTIFICATE_PAGE_SIZE, windowMs: LIST_WINDOW_MS, slot: inSlotOf(client) },
      ),
  );
  return { account, byId };
}

/**
 * Certificate names one guard search asks for: each has a running renewal or none, so an answer
 * stays well inside the job list's page ({@link AUTODNS_JOB_SEARCH_LIMIT}).
 */
export const AUTODNS_GUARD_NAMES_PER_SEARCH = 25;

/** What the job lists need of a client: either AutoDNS client lists jobs by id and by name. */
interface JobLister {
  inRequestSlot<R>(compose: () => Promise<R>): Promise<R>;
  jobsById(jobIds: string[], finished: boolean): Promise<AutodnsJob[]>;
  runningJobsOf(names: string[]): Promise<ReadonlyMap<string, AutodnsJob[]> | undefined>;
}

/** The process's job lists for one account: running jobs, the history, and running jobs by name. */
export interface AutodnsJobLists {
  running: ReadBatcher<AutodnsJob>;
  finished: ReadBatcher<AutodnsJob>;
  /**
   * Running jobs by lower-cased certificate name, any action. Undefined for a name the answer
   * cannot vouch for (a full page, a job naming no certificate): search that one alone.
   */
  runningByName: ReadBatcher<AutodnsJob[]>;
}

/** The process's job lists for one account. */
export function jobLists(
  client: JobLister,
  protocol: "json" | "xml",
  options: AutodnsClientOptions,
): AutodnsJobLists {
  const key = accountKey(protocol, options);
  const list = (finished: boolean) =>
    sharedBatcher(
      `${key} ${finished ? "job history" : "running jobs"}`,
      () =>
        new ReadBatcher<AutodnsJob>(
          async (ids) => new Map((await client.jobsById(ids, finished)).map((j) => [j.id, j])),
          { pageSize: AUTODNS_JOB_SEARCH_LIMIT, windowMs: LIST_WINDOW_MS, slot: inSlotOf(client) },
        ),
    );
  const runningByName = sharedBatcher(`${key} running jobs by name`, () => {
    // Each certificate is then searched alone (one request each): said once per process.
    const say = once(
      sayListFailed(`the running AutoDNS ${protocol.toUpperCase()} jobs of several certificates at once`),
    );
    return new ReadBatcher<AutodnsJob[]>(
      async (names) => {
        try {
          return (await client.runningJobsOf(names)) ?? new Map();
        } catch (e) {
          say(e);
          throw e;
        }
      },
      { pageSize: AUTODNS_GUARD_NAMES_PER_SEARCH, windowMs: LIST_WINDOW_MS, slot: inSlotOf(client) },
    );
  });
  return { running: list(false), finished: list(true), runningByName };
}

/** `tell`, called the first time only. */
function once(tell: (error: unknown) => void): (error: unknown) => void {
  let told = false;
  return (error) => {
    if (told) return;
    told = true;
    tell(error);
  };
}
