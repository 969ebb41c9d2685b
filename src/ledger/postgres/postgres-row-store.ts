import { createHash } from 'node:crypto';
import type { Pool, PoolClient, QueryConfig } from 'pg';
import { LedgerError } from '../../errors/order-errors.js';
import type { IntentState, LedgerEntry } from '../ledger.js';
import { type EntryRow, entryOf, rowOf } from '../sql/entry-row.js';
import type { RowDecision, RowStore } from '../sql/row-store.js';
import type { PostgresNames } from './postgres-names.js';

interface BodyRow {
  /** BIGINT arrives as text from pg; converted where read. */
  sequence: string;
  body: string;
}

/**
 * Rows in one PostgreSQL table, through a pg pool.
 *
 * A claim first tries `INSERT ... ON CONFLICT (key) DO NOTHING RETURNING sequence` on its own:
 * a new key is recorded in one round trip, and of two workers inserting one key only one
 * row is created (the second insert waits for the first to commit, then does nothing). A key
 * that exists is decided in a transaction that takes its row with `SELECT ... FOR UPDATE`, so
 * two workers deciding on one intent take turns and the second sees the first one's lease.
 * Every other change runs the same way: lock the row, apply, write, commit.
 *
 * Sequences come from an identity column: strictly increasing, with gaps (a failed insert
 * spends a number). Paging is keyset (`WHERE sequence > $1 ORDER BY sequence LIMIT $2`) on the
 * primary key. An entry inserted by a transaction that commits after a later number was already
 * paged past is missed by that page walk; the next walk sees it.
 */
export class PostgresRowStore implements RowStore {
  readonly #pool: Pool;
  readonly #ownsPool: boolean;
  readonly #sql: ReturnType<typeof statements>;

  constructor(pool: Pool, ownsPool: boolean, names: PostgresNames) {
    this.#pool = pool;
    this.#ownsPool = ownsPool;
    this.#sql = statements(names);
  }

  async claim<T>(
    fresh: LedgerEntry,
    decide: (current: LedgerEntry) => RowDecision<T>,
  ): Promise<{ inserted: number } | { decided: T }> {
    const inserted = await this.#pool.query<{ sequence: string }>(
      withValues(this.#sql.insert, insertValues(rowOf(fresh))),
    );
    const row = inserted.rows[0];
    if (row !== undefined) return { inserted: Number(row.sequence) };

    return this.#transaction(async (client) => {
      const current = await this.#lock(client, fresh.key);
      if (current === undefined) {
        // Rows are never deleted by the ledger; only a hand-made DELETE gets here.
        throw new LedgerError(`Ledger entry ${fresh.key} vanished during its claim; try again`);
      }
      const decision = decide(current);
      if (decision.write !== undefined) await this.#write(client, decision.write);
      return { decided: decision.result };
    });
  }

  change(
    key: string,
    apply: (current: LedgerEntry | undefined) => LedgerEntry,
  ): Promise<LedgerEntry> {
    return this.#transaction(async (client) => {
      const next = apply(await this.#lock(client, key));
      await this.#write(client, next);
      return next;
    });
  }

  async read(key: string): Promise<LedgerEntry | undefined> {
    const result = await this.#pool.query<BodyRow>(withValues(this.#sql.select, [key]));
    const row = result.rows[0];
    return row === undefined ? undefined : entryOf(row.sequence, row.body);
  }

  async page(
    after: number,
    limit: number,
    states: readonly IntentState[] | undefined,
  ): Promise<LedgerEntry[]> {
    const query =
      states === undefined
        ? withValues(this.#sql.pageAll, [after, limit])
        : withValues(this.#sql.pageStates, [after, limit, [...states]]);
    const result = await this.#pool.query<BodyRow>(query);
    return result.rows.map((row) => entryOf(row.sequence, row.body));
  }

  async close(): Promise<void> {
    if (this.#ownsPool) await this.#pool.end();
  }

  async #lock(client: PoolClient, key: string): Promise<LedgerEntry | undefined> {
    const result = await client.query<BodyRow>(withValues(this.#sql.selectForUpdate, [key]));
    const row = result.rows[0];
    return row === undefined ? undefined : entryOf(row.sequence, row.body);
  }

  async #write(client: PoolClient, entry: LedgerEntry): Promise<void> {
    await client.query(withValues(this.#sql.update, insertValues(rowOf(entry))));
  }

  /**
   * Runs `work` between BEGIN and COMMIT on one connection. On failure it rolls back; a
   * connection whose rollback failed too is destroyed, not returned to the pool half-open.
   * A COMMIT that fails because the connection dropped leaves the outcome unknown to us, like
   * any database: the error says the change was not applied, and a later read tells.
   */
  async #transaction<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    const client = await this.#pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch((rollbackError: Error) => {
        broken = rollbackError;
      });
      throw error;
    } finally {
      client.release(broken);
    }
  }
}

function insertValues(row: EntryRow): unknown[] {
  return [
    row.key,
    row.fingerprint,
    row.panel,
    row.state,
    row.leaseOwner,
    row.leaseExpiresAt,
    row.orderId,
    row.createdAt,
    row.updatedAt,
    row.body,
  ];
}

/** The ledger's statements, each prepared once per connection under a name of its own. */
function statements(names: PostgresNames) {
  const t = names.entries;
  const prepared = (text: string): QueryConfig => ({
    // Named after the SQL itself: two ledgers on other tables sharing a pool get other names.
    name: `smm_${createHash('sha256').update(text).digest('hex').slice(0, 16)}`,
    text,
  });
  return {
    insert: prepared(
      `INSERT INTO ${t} (key, fingerprint, panel, state, lease_owner, lease_expires_at,
         order_id, created_at, updated_at, body)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT (key) DO NOTHING RETURNING sequence`,
    ),
    update: prepared(
      `UPDATE ${t} SET fingerprint = $2, panel = $3, state = $4, lease_owner = $5,
         lease_expires_at = $6, order_id = $7, created_at = $8, updated_at = $9, body = $10
       WHERE key = $1`,
    ),
    select: prepared(`SELECT sequence, body FROM ${t} WHERE key = $1`),
    selectForUpdate: prepared(`SELECT sequence, body FROM ${t} WHERE key = $1 FOR UPDATE`),
    pageAll: prepared(
      `SELECT sequence, body FROM ${t} WHERE sequence > $1 ORDER BY sequence LIMIT $2`,
    ),
    pageStates: prepared(
      `SELECT sequence, body FROM ${t} WHERE sequence > $1 AND state = ANY($3::text[])
       ORDER BY sequence LIMIT $2`,
    ),
  };
}

function withValues(query: QueryConfig, values: unknown[]): QueryConfig {
  return { ...query, values };
}
