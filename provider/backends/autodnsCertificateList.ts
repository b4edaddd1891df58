/**
 * The AutoDNS certificate list (JSON `POST /certificate/_search`, XML task 400105) as one
 * {@link ReadBatcher} per account and protocol in the process: every resource's refresh read joins
 * it (see ./readBatcher.ts).
 */
import { createHash } from "node:crypto";
import { AUTODNS_JSON_ENDPOINT } from "../../sdk/autodns/jsonClient";
import { AUTODNS_XML_ENDPOINT } from "../../sdk/autodns/xmlClient";
import { AUTODNS_CERTIFICATE_PAGE_SIZE } from "../../sdk/autodns/types";
import type { AutodnsCertificate, AutodnsClientOptions } from "../../sdk/autodns/types";
import { ReadBatcher, sharedBatcher } from "./readBatcher";

/**
 * How long the first read of a batch waits for others, in ms: the engine starts the reads of a
 * refresh within milliseconds of each other; later ones queue behind the request in flight.
 */
const LIST_WINDOW_MS = 20;

/** What the batcher needs of a client: either AutoDNS client lists certificates by id. */
interface CertificateLister {
  certificateSearch(ids: string[]): Promise<AutodnsCertificate[]>;
}

/** The process's certificate-list batcher for one account (protocol, endpoint and login). */
export function certificateListBatcher(
  client: CertificateLister,
  protocol: "json" | "xml",
  options: AutodnsClientOptions,
): ReadBatcher<AutodnsCertificate> {
  const { user, password, context } = options.credentials;
  // The login is part of the key (two accounts see different certificates); hashed, so no
  // password sits in the key, even in memory.
  const login = createHash("sha256").update(`${user}\0${context}\0${password}`).digest("hex");
  const endpoint = options.endpoint ?? (protocol === "xml" ? AUTODNS_XML_ENDPOINT : AUTODNS_JSON_ENDPOINT);
  // `demo` changes what the account answers (the JSON demo header), so it is part of the account.
  return sharedBatcher(
    `autodns-${protocol} ${endpoint} ${options.demo ? "demo" : "live"} ${login}`,
    () =>
      new ReadBatcher<AutodnsCertificate>(
        async (ids) => new Map((await client.certificateSearch(ids)).map((c) => [c.id, c])),
        { pageSize: AUTODNS_CERTIFICATE_PAGE_SIZE, windowMs: LIST_WINDOW_MS },
      ),
  );
}
