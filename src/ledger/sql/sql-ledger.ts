import type { Money } from '../../api/results.js';
import { isSmmPanelError } from '../../errors/guards.js';
import { LedgerError } from '../../errors/order-errors.js';
import { applyLedgerEvent } from '../apply-ledger-event.js';
import { decideClaim } from '../decide-claim.js';
import { decodeCursor, encodeCursor, LIST_DEFAULTS } from '../entry-index.js';
import type {
  AttemptRecord,
  ClaimOptions,
  ClaimResult,
  Evidence,
  Ledger,
  LedgerEntry,
  LedgerPage,
  ListOptions,
  OrderIntent,
  PanelOrderState,
  ReconcileLock,
  Resolution,
  Settlement,
} from '../ledger.js';
import type { ClaimEvent, LedgerEvent, PanelStateEvent } from '../ledger-event.js';
import { causeText } from './cause-text.js';
import { checkEvent } from './entry-row.js';
import type { RowStore } from './row-store.js';

/**
 * A ledger whose entries live as rows in a SQL database (SQLite, PostgreSQL). The rules are
 * the ones every adapter shares: `decideClaim` answers claims and `applyLedgerEvent` applies
 * every other change, each inside one transaction that holds the entry's row, so processes
 * sharing the database see each other's leases and two of them never both claim one intent.
 *
 * Unlike the memory and file ledgers nothing is cached: every read asks the database, since
 * another process may have changed the row a moment ago.
 */
export class SqlLedger implements Ledger {
  readonly #reconcileLocks = new Set<ReconcileLock>();
  readonly #store: RowStore;
  readonly #inFlight = new Set<Promise<unknown>>();
  #closing: Promise<void> | undefined;

  constructor(store: RowStore) {
    this.#store = store;
  }

  claim(intent: OrderIntent, options: ClaimOptions): Promise<ClaimResult> {
    return this.run(`claim of ${String(intent?.key)}`, async () => {
      checkText(intent?.key, 'intent.key');
      checkText(intent.fingerprint, 'intent.fingerprint');
      checkText(options?.owner, 'options.owner');
      checkTime(options.now, 'options.now');
      if (!(Number.isFinite(options.leaseMs) && options.leaseMs > 0)) {
        throw new LedgerError('claim: options.leaseMs must be a positive number of milliseconds');
      }

      // The entry a new key would get, checked before the database is touched; the store
      // gives it its sequence when the insert wins.
      const first = decideClaim(undefined, intent, options, 1).event as ClaimEvent;
      const fresh = applyLedgerEvent(undefined, checkEvent(first));
      const outcome = await this.#store.claim(fresh, (current) => {
        const decision = decideClaim(current, intent, options, current.sequence);
        if (decision.event === undefined)
          return { result: { kind: decision.kind, entry: current } };
        const next = applyLedgerEvent(current, checkEvent(decision.event));
        return { write: next, result: { kind: decision.kind, entry: next } };
      });
      if ('inserted' in outcome)
        return { kind: 'claimed', entry: { ...fresh, sequence: outcome.inserted } };
      return outcome.decided as ClaimResult;
    });
  }

  recordAttempt(key: string, owner: string, attempt: AttemptRecord): Promise<void> {
    return this.run(`attempt of ${key}`, async () => {
      if (!(Number.isInteger(attempt?.attempt) && attempt.attempt >= 1)) {
        throw new LedgerError('recordAttempt: attempt.attempt must be an integer from 1');
      }
      checkTime(attempt.startedAt, 'attempt.startedAt');
      await this.#change({ type: 'attempt', key, owner, attempt });
    });
  }

  settle(key: string, owner: string, settlement: Settlement, now: number): Promise<LedgerEntry> {
    return this.run(`settle of ${key}`, () =>
      this.#change({ type: 'settle', key, owner, settlement, at: now }),
    );
  }

  release(key: string, owner: string): Promise<void> {
    return this.run(`release of ${key}`, async () => {
      await this.#change({ type: 'release', key, owner });
    });
  }

  resolve(key: string, resolution: Resolution, now: number): Promise<LedgerEntry> {
    return this.run(`resolve of ${key}`, () =>
      this.#change({ type: 'resolve', key, resolution, at: now }),
    );
  }

  addEvidence(key: string, evidence: Evidence): Promise<void> {
    return this.run(`evidence of ${key}`, async () => {
      await this.#change({ type: 'evidence', key, evidence });
    });
  }

  updatePanelState(key: string, state: PanelOrderState, refund?: Money): Promise<void> {
    return this.run(`panel state of ${key}`, async () => {
      const event: PanelStateEvent = { type: 'panel_state', key, panelState: state };
      if (refund !== undefined) event.refund = refund;
      await this.#change(event);
    });
  }

  get(key: string): Promise<LedgerEntry | undefined> {
    return this.run(`read of ${key}`, () => this.#store.read(key));
  }

  list(options: ListOptions = {}): Promise<LedgerPage> {
    return this.run('list', async () => {
      const limit = pageLimit(options.limit);
      const after = options.cursor === undefined ? 0 : decodeCursor(options.cursor);
      // One row more than asked tells whether another page exists, so the last page carries
      // no cursor that would lead to an empty page.
      const rows = await this.#store.page(after, limit + 1, options.states);
      const entries = rows.slice(0, limit);
      const last = entries.at(-1);
      const nextCursor =
        rows.length > limit && last !== undefined ? encodeCursor(last.sequence) : undefined;
      return { entries, nextCursor };
    });
  }

  /**
   * Waits for every call already made, then releases the store (a connection or pool the
   * ledger opened; never one the caller passed). Calling it again does nothing.
   */
  close(): Promise<void> {
    this.#closing ??= (async () => {
      await Promise.allSettled([...this.#inFlight]);
      // A reconcile lock still held may keep a connection checked out (PostgreSQL), and
      // closing the store would wait for it.
      await Promise.allSettled([...this.#reconcileLocks].map((lock) => lock.release()));
      await this.#store.close();
    })();
    return this.#closing;
  }

  /** Whether `close()` was called. */
  protected get isClosed(): boolean {
    return this.#closing !== undefined;
  }

  /**
   * Remembers a reconcile lock the adapter took, so `close()` releases it if its holder did
   * not; the lock handed back forgets itself when released.
   */
  protected trackReconcileLock(lock: ReconcileLock | undefined): ReconcileLock | undefined {
    if (lock === undefined) return undefined;
    const tracked: ReconcileLock = {
      release: async () => {
        this.#reconcileLocks.delete(tracked);
        await lock.release();
      },
    };
    this.#reconcileLocks.add(tracked);
    return tracked;
  }

  /**
   * Runs one call: refused once closed, tracked so `close()` waits for it, and any driver
   * failure wrapped as `LedgerError` (a rolled-back transaction changed nothing).
   */
  protected run<T>(what: string, operation: () => Promise<T>): Promise<T> {
    if (this.isClosed) return Promise.reject(new LedgerError('The ledger is closed'));
    const running = (async () => {
      try {
        return await operation();
      } catch (error) {
        if (isSmmPanelError(error)) throw error;
        throw new LedgerError(`Ledger ${what} failed${causeText(error)}`, {
          cause: error,
        });
      }
    })();
    this.#inFlight.add(running);
    const forget = (): void => {
      this.#inFlight.delete(running);
    };
    running.then(forget, forget);
    return running;
  }

  #change(event: Exclude<LedgerEvent, ClaimEvent>): Promise<LedgerEntry> {
    const checked = checkEvent(event);
    const key = checked.type === 'entry' ? checked.entry.key : checked.key;
    return this.#store.change(key, (current) => applyLedgerEvent(current, checked));
  }
}

function pageLimit(limit: number | undefined): number {
  if (limit === undefined) return LIST_DEFAULTS.limit;
  if (!Number.isInteger(limit) || limit < 1) {
    throw new LedgerError(`list: limit must be a positive integer, got ${String(limit)}`);
  }
  return Math.min(limit, LIST_DEFAULTS.maxLimit);
}

function checkText(value: unknown, name: string): void {
  if (typeof value !== 'string' || value.length === 0) {
    throw new LedgerError(`${name} must be a non-empty string`);
  }
}

function checkTime(value: unknown, name: string): void {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new LedgerError(`${name} must be a finite epoch time in milliseconds`);
  }
}
