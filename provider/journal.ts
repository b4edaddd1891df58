/**
 * The renewal journal: one small file per certificate, written by the provider process just
 * before it submits a renewal and again the moment the vendor accepts it.
 *
 * Pulumi saves a resource's state only when an operation returns. If the engine or the provider
 * process dies between "the vendor accepted" and "the engine saved it", state still shows no
 * renewal and the next `pulumi up` would submit another. Vendors that can be searched (AutoDNS
 * JSON, ResellerClub) reveal the earlier renewal; for the others (AutoDNS XML, Symantec) only this
 * file does: the next run on the same machine adopts the accepted id, or — when the process died
 * before the answer arrived — knows the outcome is unknown and refuses to renew again on its own.
 *
 * Location: `RENEWED_CERTIFICATE_JOURNAL_DIR`, else `$PULUMI_HOME/renewed-certificate/journal`,
 * else `~/.pulumi/renewed-certificate/journal`. Entries hold ids and times, never credentials.
 * Best effort: when the directory cannot be written, renewals proceed without it.
 */
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { CertificateInputs, CertificateState, vendorOf } from "./inputs";

/** Environment variable naming the journal directory. */
export const JOURNAL_ENV = "RENEWED_CERTIFICATE_JOURNAL_DIR";

/** One submitted renewal. */
export interface JournalEntry {
  /** The resource id (`autodns-xml:1000`), for people reading the file. */
  resource: string;
  /** When it was submitted (provider clock, ISO). */
  submittedAt: string;
  /** The expiry it renews. */
  forNotAfter?: string;
  /** Set once the vendor accepted it. */
  jobId?: string;
  transactionId?: string;
  vendorStatus?: string;
}

/** The journal directory. */
export function journalDir(): string {
  const explicit = process.env[JOURNAL_ENV];
  if (explicit) return explicit;
  const home = process.env.PULUMI_HOME || path.join(os.homedir(), ".pulumi");
  return path.join(home, "renewed-certificate", "journal");
}

function fileFor(inputs: CertificateInputs, resource: string): string {
  const vendor = vendorOf(inputs);
  const endpoint = (vendor && inputs[vendor]?.endpoint) || "default";
  const key = createHash("sha256").update(`${resource}\n${endpoint}`).digest("hex").slice(0, 32);
  return path.join(journalDir(), `${key}.json`);
}

/** The entry of a certificate, if any (unreadable entries count as none). */
export function readJournal(inputs: CertificateInputs, resource: string): JournalEntry | undefined {
  try {
    const entry = JSON.parse(fs.readFileSync(fileFor(inputs, resource), "utf8")) as JournalEntry;
    return typeof entry?.submittedAt === "string" ? entry : undefined;
  } catch {
    return undefined;
  }
}

/** Writes an entry (atomically: a crash leaves the old entry or the new one). */
export function writeJournal(inputs: CertificateInputs, entry: JournalEntry): void {
  try {
    const file = fileFor(inputs, entry.resource);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(entry, null, 2));
    fs.renameSync(tmp, file);
  } catch {
    // Best effort (see the module comment).
  }
}

/** Removes the entry of a certificate. */
export function clearJournal(inputs: CertificateInputs, resource: string): void {
  try {
    fs.rmSync(fileFor(inputs, resource), { force: true });
  } catch {
    // Best effort.
  }
}

/** Whether state already records the entry's renewal (or something later), so the entry is spent. */
export function journalReflected(entry: JournalEntry, state: CertificateState | undefined): boolean {
  if (!state) return false;
  if (entry.jobId && state.jobId === entry.jobId) return true;
  if (entry.transactionId && state.transactionId === entry.transactionId) return true;
  const attempted = Date.parse(state.lastAttemptAt ?? "");
  return Number.isFinite(attempted) && attempted >= Date.parse(entry.submittedAt);
}
