import type { OrderStateItem, PanelId } from '../api/results.js';

/** What {@link StatusBatcher} is built from. */
export interface StatusBatcherOptions<T> {
  /** Ids per `status` call: at most 100 (the panel's batch limit). */
  batchSize: number;
  /** Calls in flight at once. */
  concurrency: number;
  /** The order id an item is about. */
  idOf: (item: T) => PanelId;
  /** One `status` call for these ids (distinct, at most `batchSize`); `undefined`: unread. */
  fetch: (ids: PanelId[]) => Promise<Map<PanelId, OrderStateItem> | undefined>;
  /** What to do with the answers, per item (`undefined` when the call failed). */
  handle: (items: readonly T[], answers: Map<PanelId, OrderStateItem> | undefined) => Promise<void>;
}

/**
 * Gathers items into full batches of distinct order ids across ledger pages, so N placed
 * entries cost exactly ceil(N / batchSize) calls, and keeps at most `concurrency` calls in
 * flight: `add` waits for a free slot, which holds the ledger paging back (bounded memory).
 * The first failure is thrown from the next `add` or from `flush`.
 */
export class StatusBatcher<T> {
  readonly #options: StatusBatcherOptions<T>;
  #buffer = new Map<PanelId, T[]>();
  readonly #inFlight = new Set<Promise<void>>();
  #failure: { error: unknown } | undefined;

  constructor(options: StatusBatcherOptions<T>) {
    this.#options = options;
  }

  async add(item: T): Promise<void> {
    this.#throwIfFailed();
    const id = this.#options.idOf(item);
    const same = this.#buffer.get(id);
    if (same !== undefined) same.push(item);
    else this.#buffer.set(id, [item]);
    if (this.#buffer.size >= this.#options.batchSize) await this.#dispatch();
  }

  /** Sends what is left and waits for every call. */
  async flush(): Promise<void> {
    if (this.#buffer.size > 0 && this.#failure === undefined) await this.#dispatch();
    await Promise.all(this.#inFlight);
    this.#throwIfFailed();
  }

  async #dispatch(): Promise<void> {
    while (this.#inFlight.size >= this.#options.concurrency) {
      await Promise.race(this.#inFlight);
      this.#throwIfFailed();
    }
    const batch = this.#buffer;
    this.#buffer = new Map();
    const task = this.#run(batch).catch((error: unknown) => {
      this.#failure ??= { error };
    });
    const tracked = task.finally(() => this.#inFlight.delete(tracked));
    this.#inFlight.add(tracked);
  }

  async #run(batch: Map<PanelId, T[]>): Promise<void> {
    const answers = await this.#options.fetch([...batch.keys()]);
    await this.#options.handle([...batch.values()].flat(), answers);
  }

  #throwIfFailed(): void {
    if (this.#failure !== undefined) throw this.#failure.error;
  }
}
