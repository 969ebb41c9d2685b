import type BetterSqlite3 from 'better-sqlite3';
import type { IntentState, LedgerEntry } from '../ledger.js';
import { entryOf, rowOf } from '../sql/entry-row.js';
import type { RowDecision, RowStore } from '../sql/row-store.js';
import { SQLITE_TABLES } from './sqlite-schema.js';

interface BodyRow {
  sequence: number;
  body: string;
}

const T = SQLITE_TABLES.entries;
const COLUMNS = `key = @key, fingerprint = @fingerprint, panel = @panel, state = @state,
  lease_owner = @leaseOwner, lease_expires_at = @leaseExpiresAt, order_id = @orderId,
  created_at = @createdAt, updated_at = @updatedAt, body = @body`;

/**
 * Rows in one SQLite file, through better-sqlite3. Every transaction is synchronous from
 * `BEGIN IMMEDIATE` to `COMMIT`: the write lock is taken before the row is read, so two
 * processes deciding on one key take turns, and no other call of this process can run in the
 * middle of a transaction (the event loop is not given back until it ends).
 *
 * The price of synchronous calls: while another process holds the write lock, this one waits
 * in SQLite's busy handler for up to `busyTimeoutMs`, and its event loop waits with it.
 * Transactions here hold the lock for well under a millisecond, so the waits stay short.
 */
export class SqliteRowStore implements RowStore {
  readonly #db: BetterSqlite3.Database;
  readonly #ownsDb: boolean;
  readonly #insert: BetterSqlite3.Statement;
  readonly #select: BetterSqlite3.Statement<[string], BodyRow>;
  readonly #update: BetterSqlite3.Statement;
  readonly #pageAll: BetterSqlite3.Statement<[number, number], BodyRow>;
  readonly #pageStates: BetterSqlite3.Statement<[number, string, number], BodyRow>;
  readonly #claim: (
    fresh: LedgerEntry,
    decide: (current: LedgerEntry) => RowDecision<unknown>,
  ) => { inserted: number } | { decided: unknown };
  readonly #change: (
    key: string,
    apply: (current: LedgerEntry | undefined) => LedgerEntry,
  ) => LedgerEntry;

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

    const claim = db.transaction(
      (fresh: LedgerEntry, decide: (current: LedgerEntry) => RowDecision<unknown>) => {
        const inserted = this.#insert.run(rowOf(fresh));
        if (inserted.changes === 1) return { inserted: Number(inserted.lastInsertRowid) };
        const current = this.#read(fresh.key) as LedgerEntry;
        const decision = decide(current);
        if (decision.write !== undefined) this.#write(decision.write);
        return { decided: decision.result };
      },
    );
    this.#claim = (fresh, decide) => claim.immediate(fresh, decide);
    const change = db.transaction(
      (key: string, apply: (current: LedgerEntry | undefined) => LedgerEntry) => {
        const next = apply(this.#read(key));
        this.#write(next);
        return next;
      },
    );
    this.#change = (key, apply) => change.immediate(key, apply);
  }

  async claim<T>(
    fresh: LedgerEntry,
    decide: (current: LedgerEntry) => RowDecision<T>,
  ): Promise<{ inserted: number } | { decided: T }> {
    return this.#claim(fresh, decide) as { inserted: number } | { decided: T };
  }

  async change(
    key: string,
    apply: (current: LedgerEntry | undefined) => LedgerEntry,
  ): Promise<LedgerEntry> {
    return this.#change(key, apply);
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

  #read(key: string): LedgerEntry | undefined {
    const row = this.#select.get(key);
    return row === undefined ? undefined : entryOf(row.sequence, row.body);
  }

  #write(entry: LedgerEntry): void {
    this.#update.run(rowOf(entry));
  }
}
