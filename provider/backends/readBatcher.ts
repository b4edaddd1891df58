/**
 * Coalesces reads of many certificates into the vendor's list requests. One provider process
 * serves every resource of a refresh, and the engine calls `read` for all of them at once; at a
 * vendor's rate limit (AutoDNS: 3 requests per second) one read per certificate is the whole cost
 * of a refresh, while one list request answers for a page of them.
 *
 * At most one list request per batcher is under way: ids that arrive meanwhile wait for the next
 * one, so at a rate limit the batches grow by themselves. With a `slot` (the client's rate limit)
 * a request first waits its turn and is composed only then, so it carries every read that arrived
 * while it waited: a read is always answered by a request composed after it asked, never by an
 * earlier answer. The engine bounds batches: it runs
 * at most `--parallel` resource operations at once (4 × cores by default), so a batch holds at
 * most that many reads. Nothing is cached: a batch's
 * answer goes to the reads that joined it and is then dropped, so no answer outlives the engine
 * operation that asked for it. Callers decide what a missing id or a failed page means (the
 * AutoDNS adapter then reads that certificate alone, exactly as without batching).
 */

/** Reads one page of ids; ids the vendor did not answer for are absent from the map. */
export type PageReader<T> = (ids: string[]) => Promise<ReadonlyMap<string, T>>;

/** How a batcher groups reads. */
export interface ReadBatcherOptions {
  /** Most ids in one list request (the vendor's page). */
  pageSize: number;
  /** How long the first read of a batch waits for others to join, in ms. */
  windowMs: number;
  /**
   * Waits for the request's turn at the vendor's rate limit, then runs `compose` (which builds and
   * sends it): the batch is taken from the queue only when it can go out. Without it, at once.
   */
  slot?: <R>(compose: () => Promise<R>) => Promise<R>;
}

interface Waiting<T> {
  id: string;
  resolve: (value: T | undefined) => void;
  reject: (error: unknown) => void;
}

/** See the module comment. */
export class ReadBatcher<T> {
  private queue: Waiting<T>[] = [];
  private timer?: ReturnType<typeof setTimeout>;
  private inFlight = false;

  constructor(
    private readonly readPage: PageReader<T>,
    private readonly options: ReadBatcherOptions,
  ) {
    if (!(options.pageSize >= 1))
      throw new RangeError(`pageSize must be at least 1 (was ${options.pageSize})`);
  }

  /** The id's entry in the list answer of the batch it joins; undefined when the answer lacks it. */
  read(id: string): Promise<T | undefined> {
    return new Promise<T | undefined>((resolve, reject) => {
      this.queue.push({ id, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.inFlight) return; // the request in flight starts the next one when it ends
    if (this.queue.length >= this.options.pageSize) {
      this.flush();
    } else if (!this.timer) {
      this.timer = setTimeout(() => this.flush(), this.options.windowMs);
    }
  }

  private flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.inFlight || this.queue.length === 0) return;
    this.inFlight = true;
    let batch: Waiting<T>[] = [];
    const slot = this.options.slot ?? ((compose) => compose());
    void slot(() => {
      // Taken now, on the request's own turn: every read that queued while it waited goes along.
      batch = this.queue.splice(0, this.options.pageSize);
      return this.readPage([...new Set(batch.map((w) => w.id))]);
    })
      .then(
        (answer) => batch.forEach((w) => w.resolve(answer.get(w.id))),
        (error: unknown) => batch.forEach((w) => w.reject(error)),
      )
      .finally(() => {
        this.inFlight = false;
        // What queued meanwhile waits one more window: the callers this answer releases (the
        // engine's next reads, at most `--parallel` at once) join it instead of forming a second
        // batch that alternates with this one.
        if (this.queue.length) this.schedule();
      });
  }
}

const shared = new Map<string, ReadBatcher<unknown>>();

/**
 * The process's one batcher for `key` (a vendor account: endpoint and login), built on first use.
 * Every resource of the process shares it, as they share the vendor's rate limit.
 */
export function sharedBatcher<T>(key: string, create: () => ReadBatcher<T>): ReadBatcher<T> {
  let batcher = shared.get(key) as ReadBatcher<T> | undefined;
  if (!batcher) {
    batcher = create();
    shared.set(key, batcher as ReadBatcher<unknown>);
  }
  return batcher;
}

/** Forgets every shared batcher (tests that build a fresh vendor per case). */
export function resetSharedBatchers(): void {
  shared.clear();
}
