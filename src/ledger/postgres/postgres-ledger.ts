import type { Pool } from 'pg';
import { isSmmPanelError } from '../../errors/guards.js';
import { InvalidOptionsError } from '../../errors/input-errors.js';
import { LedgerError } from '../../errors/order-errors.js';
import type { Ledger, ReconcileLock } from '../ledger.js';
import { causeText } from '../sql/cause-text.js';
import { SqlLedger } from '../sql/sql-ledger.js';
import {
  type PostgresLedgerLocation,
  type PostgresNames,
  postgresNames,
} from './postgres-names.js';
import { openOwnedPool } from './postgres-pool.js';
import { acquirePostgresReconcileLock } from './postgres-reconcile-lock.js';
import { PostgresRowStore } from './postgres-row-store.js';
import { checkPostgresSchema } from './postgres-schema.js';

/**
 * Options of {@link openPostgresLedger}: a `connectionString` (the ledger opens and ends its
 * own pool) or a `pool` (the caller's, never ended by the ledger), plus where the tables are.
 */
export interface PostgresLedgerOptions extends PostgresLedgerLocation {
  /** A `postgres://` or `postgresql://` URL. Never written to an error or a log. */
  connectionString?: string;
  /**
   * A pg `Pool` to use instead of `connectionString`. The ledger never ends it. Give it at
   * least two connections when a reconciler takes the reconcile lock (it holds one for its
   * run), and leave `synchronous_commit` on (the default) for durable commits.
   */
  pool?: Pool;
  /** Connections of the pool opened from `connectionString`. Default 10. */
  maxConnections?: number;
}

/** Defaults of {@link PostgresLedgerOptions}. */
export const POSTGRES_LEDGER_DEFAULTS = Object.freeze({
  /** Pool size when the ledger opens its own pool: 10 connections. */
  maxConnections: 10,
});

/** A ledger in a PostgreSQL table, shared by any number of processes and machines. */
export interface PostgresLedger extends Ledger {
  /** The schema and table the ledger uses. */
  readonly schema: string;
  readonly table: string;
  /**
   * Takes the reconcile lock (a session advisory lock on a connection held until release), or
   * `undefined` when another reconciler of this ledger holds it.
   */
  acquireReconcileLock(): Promise<ReconcileLock | undefined>;
}

/**
 * Opens a ledger in PostgreSQL through the optional peer dependency pg (`npm install pg`).
 *
 * Does not create anything: run {@link migratePostgresLedger} (or `smm-panel migrate`) once
 * per deploy first; opening an unmigrated database throws `LedgerError` saying so.
 *
 * Durable before the call returns: every change is committed before its promise resolves
 * (`synchronous_commit = on` on the ledger's own pool). Safe for many processes and machines:
 * claims insert with `ON CONFLICT DO NOTHING`, and decide on an existing row inside a
 * transaction holding `SELECT ... FOR UPDATE`, so two workers never hold one intent's lease
 * at once. Leases compare the claimer's clock with an expiry written by another machine's
 * clock: keep clocks synchronised and leases far longer than any skew.
 */
export async function openPostgresLedger(options: PostgresLedgerOptions): Promise<PostgresLedger> {
  const { names, connectionString, maxConnections } = checkOptions(options);
  const ownsPool = options.pool === undefined;
  const pool =
    options.pool ??
    (await openOwnedPool({ connectionString: connectionString as string, maxConnections }));
  try {
    await checkPostgresSchema(pool, names);
    return new PostgresTableLedger(pool, ownsPool, names);
  } catch (error) {
    if (ownsPool) await pool.end().catch(() => undefined);
    if (isSmmPanelError(error)) throw error;
    // The URL is not repeated: it may carry a password.
    throw new LedgerError(
      `Could not open the PostgreSQL ledger ${names.entries}${causeText(error)}`,
      {
        cause: error,
      },
    );
  }
}

class PostgresTableLedger extends SqlLedger implements PostgresLedger {
  readonly schema: string;
  readonly table: string;
  readonly #pool: Pool;
  readonly #names: PostgresNames;

  constructor(pool: Pool, ownsPool: boolean, names: PostgresNames) {
    super(new PostgresRowStore(pool, ownsPool, names));
    this.schema = names.schema;
    this.table = names.table;
    this.#pool = pool;
    this.#names = names;
  }

  acquireReconcileLock(): Promise<ReconcileLock | undefined> {
    return this.run('reconcile lock', async () => {
      return this.trackReconcileLock(await acquirePostgresReconcileLock(this.#pool, this.#names));
    });
  }
}

function checkOptions(options: PostgresLedgerOptions): {
  names: PostgresNames;
  connectionString: string | undefined;
  maxConnections: number;
} {
  if (options === undefined || options === null) {
    throw new InvalidOptionsError('connectionString', 'give connectionString or pool');
  }
  const hasUrl = typeof options.connectionString === 'string' && options.connectionString !== '';
  if (hasUrl === (options.pool !== undefined)) {
    throw new InvalidOptionsError(
      'connectionString',
      'give exactly one of connectionString or pool',
    );
  }
  if (hasUrl && !/^postgres(ql)?:\/\//.test(options.connectionString as string)) {
    throw new InvalidOptionsError(
      'connectionString',
      'must start with postgres:// or postgresql://',
    );
  }
  const maxConnections = options.maxConnections ?? POSTGRES_LEDGER_DEFAULTS.maxConnections;
  if (!Number.isInteger(maxConnections) || maxConnections < 1) {
    throw new InvalidOptionsError('maxConnections', 'must be a positive integer');
  }
  return {
    names: postgresNames(options),
    connectionString: options.connectionString,
    maxConnections,
  };
}
