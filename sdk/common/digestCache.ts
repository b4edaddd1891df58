/**
 * A bounded per-process cache keyed by a digest of settings that may hold credentials: objects
 * built from equal settings (HTTP clients, TLS agents) are shared, and the credentials are not
 * kept a second time in clear as a key. The oldest entry goes when the bound is reached; whoever
 * still holds it keeps using it.
 */
import { createHash } from "node:crypto";

/** See the module comment. */
export class DigestCache<T> {
  private readonly entries = new Map<string, T>();

  /** `max`: distinct settings kept at once. */
  constructor(private readonly max: number) {}

  /** The entry for `settings` (anything JSON can write), built with `create` the first time. */
  get(settings: unknown, create: () => T): T {
    const key = createHash("sha256").update(JSON.stringify(settings)).digest("hex");
    const found = this.entries.get(key);
    if (found !== undefined) return found;
    const created = create();
    if (this.entries.size >= this.max) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(key, created);
    return created;
  }
}
