import type BetterSqlite3 from 'better-sqlite3';
import type { IntentState, LedgerEntry } from '../ledger.js';
import { entryOf, rowOf } from '../sql/entry-row.js';
import type { RowDecision, RowStore } from '../sql/row-store.js';
import { SQLITE_TABLES } from './sqlite-schema.js';

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

interface BodyRow {
  sequence: number;
  body: string;
}

const T = SQLITE_TABLES.entries;
const COLUMNS = `key = @key, fingerprint = @fingerprint, panel = @panel, state = @state,
  lease_owner = @leaseOwner, lease_expires_at = @leaseExpiresAt, order_id = @orderId,
  created_at = @createdAt, updated_at = @updatedAt, body = @body`;

/** One change waiting for the next group commit. */
interface QueuedChange {
  run: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * Rows in one SQLite file, through better-sqlite3.
 *
 * Every transaction is synchronous from `BEGIN IMMEDIATE` to `COMMIT`: the write lock is taken
 * before any row is read, so two processes deciding on one key take turns, and no other call
 * of this process can run in the middle of a transaction (the event loop is not given back
 * until it ends).
 *
 * Group commit: changes called in the same turn of the event loop are made in one transaction,
 * each inside its own savepoint (one that throws is rolled back alone), so one sync to disk
 * covers them all. Each call still resolves only after the COMMIT, so "durable before the call
 * returns" holds; a COMMIT that fails rejects every call of the group.
 *
 * The price of synchronous calls: while another process holds the write lock, this one waits
 * in SQLite's busy handler for up to `busyTimeoutMs`, and its event loop waits with it.
 * Transactions here hold the lock for about a millisecond, so the waits stay short.
 */
export class SqliteRowStore implements RowStore {
  readonly #db: BetterSqlite3.Database;
  readonly #ownsDb: boolean;
  readonly #insert: BetterSqlite3.Statement;
  readonly #select: BetterSqlite3.Statement<[string], BodyRow>;
  readonly #update: BetterSqlite3.Statement;
  readonly #pageAll: BetterSqlite3.Statement<[number, number], BodyRow>;
  readonly #pageStates: BetterSqlite3.Statement<[number, string, number], BodyRow>;
  /** Runs one queued change inside the group's transaction, as a savepoint. */
  readonly #oneChange: (change: QueuedChange) => unknown;
  readonly #groupCommit: (changes: QueuedChange[]) => Outcome[];
  #queue: QueuedChange[] = [];

  constructor(db: BetterSqlite3.Database, ownsDb: boolean) {
    this.#db = db;
    this.#ownsDb = ownsDb;
    this.#insert = db.prepare(
      `INSERT INTO ${T} (key, fingerprint, panel, state, lease_owner, lease_expires_at, order_id,
         created_at, updated_at, body)
       VALUES (@key, @fingerprint, @panel, @state, @leaseOwner, @leaseExpiresAt, @orderId,
         @createdAt, @updatedAt, @body)
       ON CONFLICT (key) DO NOTHING`,
    );
    this.#select = db.prepare(`SELECT sequence, body FROM ${T} WHERE key = ?`);
    this.#update = db.prepare(`UPDATE ${T} SET ${COLUMNS} WHERE key = @key`);
    this.#pageAll = db.prepare(
      `SELECT sequence, body FROM ${T} WHERE sequence > ? ORDER BY sequence LIMIT ?`,
    );
    this.#pageStates = db.prepare(
      `SELECT sequence, body FROM ${T}
       WHERE sequence > ? AND state IN (SELECT value FROM json_each(?))
       ORDER BY sequence LIMIT ?`,
    );

    // A transaction function called inside another becomes a savepoint in better-sqlite3:
    // when it throws, only its own writes are rolled back.
    this.#oneChange = db.transaction((change: QueuedChange) => change.run());
    const group = db.transaction((changes: QueuedChange[]): Outcome[] =>
      changes.map((change) => {
        try {
          return { ok: true, value: this.#oneChange(change) };
        } catch (error) {
          return { ok: false, error };
        }
      }),
    );
    this.#groupCommit = (changes) => group.immediate(changes);
  }

  claim<T>(
    fresh: LedgerEntry,
    decide: (current: LedgerEntry) => RowDecision<T>,
  ): Promise<{ inserted: number } | { decided: T }> {
    return this.#enqueue(() => {
      const inserted = this.#insert.run(rowOf(fresh));
      if (inserted.changes === 1) return { inserted: Number(inserted.lastInsertRowid) };
      const current = this.#read(fresh.key) as LedgerEntry;
      const decision = decide(current);
      if (decision.write !== undefined) this.#write(decision.write);
      return { decided: decision.result };
    });
  }

  change(
    key: string,
    apply: (current: LedgerEntry | undefined) => LedgerEntry,
  ): Promise<LedgerEntry> {
    return this.#enqueue(() => {
      const next = apply(this.#read(key));
      this.#write(next);
      return next;
    });
  }

  async read(key: string): Promise<LedgerEntry | undefined> {
    return this.#read(key);
  }

  async page(
    after: number,
    limit: number,
    states: readonly IntentState[] | undefined,
  ): Promise<LedgerEntry[]> {
    const rows =
      states === undefined
        ? this.#pageAll.all(after, limit)
        : this.#pageStates.all(after, JSON.stringify(states), limit);
    return rows.map((row) => entryOf(row.sequence, row.body));
  }

  async close(): Promise<void> {
    if (this.#ownsDb && this.#db.open) this.#db.close();
  }

  /** Queues a change for the group commit at the end of this turn of the event loop. */
  #enqueue<T>(run: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#queue.push({ run, resolve: resolve as (value: unknown) => void, reject });
      if (this.#queue.length === 1) setImmediate(() => this.#flush());
    });
  }

  #flush(): void {
    const changes = this.#queue;
    this.#queue = [];
    let outcomes: Outcome[];
    try {
      outcomes = this.#groupCommit(changes);
    } catch (error) {
      // BEGIN or COMMIT failed (busy past the timeout, disk full): nothing was applied.
      for (const change of changes) change.reject(error);
      return;
    }
    for (const [index, change] of changes.entries()) {
      const outcome = outcomes[index] as Outcome;
      if (outcome.ok) change.resolve(outcome.value);
      else change.reject(outcome.error);
    }
  }

  #read(key: string): LedgerEntry | undefined {
    const row = this.#select.get(key);
    return row === undefined ? undefined : entryOf(row.sequence, row.body);
  }

  #write(entry: LedgerEntry): void {
    this.#update.run(rowOf(entry));
  }
}
