import type { Pool, PoolClient } from 'pg';
import { isSmmPanelError } from '../../errors/guards.js';
import { LedgerError } from '../../errors/order-errors.js';
import { causeText } from '../sql/cause-text.js';
import {
  type PostgresLedgerLocation,
  type PostgresNames,
  postgresNames,
} from './postgres-names.js';
import { openOwnedPool } from './postgres-pool.js';

/** The schema version this code reads and writes. */
export const POSTGRES_SCHEMA_VERSION = 1;

/**
 * The first key of every advisory lock this package takes ("SMMP"), so its locks do not meet
 * an application's own `pg_advisory_lock(bigint)` keys. The second key is a hash of the name.
 */
export const ADVISORY_LOCK_CLASS = 0x534d4d50;

/** What {@link migratePostgresLedger} did. */
export interface PostgresMigrationResult {
  schema: string;
  table: string;
  /** True when this call created the entries table; false when it existed already. */
  created: boolean;
  /** The schema version now in the database. */
  schemaVersion: number;
}

// BIGINT for the sequence and every epoch time, TEXT for order ids and money: exact values,
// never floating point. The body is TEXT, not JSONB: exact JSON as written, and any string the
// order path records (JSONB refuses some, such as \u0000).
function tableDdl(names: PostgresNames): string[] {
  return [
    `CREATE TABLE IF NOT EXISTS ${names.entries} (
      sequence BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      key TEXT NOT NULL UNIQUE,
      fingerprint TEXT NOT NULL,
      panel TEXT NOT NULL,
      state TEXT NOT NULL
        CHECK (state IN ('pending', 'placed', 'rejected', 'unknown', 'not_placed')),
      lease_owner TEXT,
      lease_expires_at BIGINT,
      order_id TEXT,
      created_at BIGINT NOT NULL,
      updated_at BIGINT NOT NULL,
      body TEXT NOT NULL
    )`,
    `CREATE INDEX IF NOT EXISTS ${names.stateIndex} ON ${names.entries} (state, sequence)`,
    `CREATE INDEX IF NOT EXISTS ${names.orderIdIndex} ON ${names.entries} (order_id)
      WHERE order_id IS NOT NULL`,
    `CREATE TABLE IF NOT EXISTS ${names.meta} (name TEXT PRIMARY KEY, value TEXT NOT NULL)`,
    `INSERT INTO ${names.meta} (name, value) VALUES ('schema_version', '${POSTGRES_SCHEMA_VERSION}')
      ON CONFLICT (name) DO NOTHING`,
  ];
}

/**
 * Creates the ledger's schema, tables and indexes if missing: explicit and idempotent, so it
 * can run at every deploy. Several processes may run it at once: an advisory lock held for
 * the transaction makes them take turns. Opening a ledger never migrates; it refuses a
 * database that was not migrated.
 *
 * `poolOrUrl` is a pg `Pool` (left open) or a connection string (a pool is opened and closed
 * here). Throws `LedgerError` when the database refuses (no privilege, unreachable), or holds
 * a newer schema version than this package knows.
 */
export async function migratePostgresLedger(
  poolOrUrl: Pool | string,
  location: PostgresLedgerLocation = {},
): Promise<PostgresMigrationResult> {
  const names = postgresNames(location);
  const ownsPool = typeof poolOrUrl === 'string';
  const pool = ownsPool
    ? await openOwnedPool({ connectionString: poolOrUrl, maxConnections: 1 })
    : poolOrUrl;
  try {
    const client = await pool.connect();
    try {
      return await migrateWith(client, names);
    } finally {
      client.release();
    }
  } catch (error) {
    if (isSmmPanelError(error)) throw error;
    throw new LedgerError(
      `Could not migrate the PostgreSQL ledger ${names.entries}${causeText(error)}`,
      {
        cause: error,
      },
    );
  } finally {
    if (ownsPool) await pool.end();
  }
}

async function migrateWith(
  client: PoolClient,
  names: PostgresNames,
): Promise<PostgresMigrationResult> {
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1::int, hashtext($2))', [
      ADVISORY_LOCK_CLASS,
      `migrate:${names.lockName}`,
    ]);
    // Checked first: CREATE SCHEMA IF NOT EXISTS needs the CREATE privilege on the database
    // even when the schema exists, which a role that only owns its schema may lack.
    const schema = await client.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [
      names.schema,
    ]);
    if (schema.rowCount === 0) await client.query(`CREATE SCHEMA ${names.quotedSchema}`);
    const existing = await client.query('SELECT to_regclass($1) AS found', [names.entries]);
    const created = existing.rows[0]?.found === null;
    for (const statement of tableDdl(names)) await client.query(statement);
    const schemaVersion = await readSchemaVersion(client, names);
    if (schemaVersion > POSTGRES_SCHEMA_VERSION) throw newerSchema(names, schemaVersion);
    await client.query('COMMIT');
    return { schema: names.schema, table: names.table, created, schemaVersion };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/**
 * Refuses a database that was not migrated, or was migrated by a newer version, with a
 * `LedgerError` that says what to run. Called when a ledger is opened.
 */
export async function checkPostgresSchema(pool: Pool, names: PostgresNames): Promise<void> {
  let version: number;
  try {
    version = await readSchemaVersion(pool, names);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    // 42P01: no such table; 3F000: no such schema.
    if (code === '42P01' || code === '3F000') {
      throw new LedgerError(
        `The PostgreSQL ledger ${names.entries} does not exist: run migratePostgresLedger() ` +
          `from smm-panel-client/postgres, or smm-panel migrate --ledger <url>, first`,
        { cause: error },
      );
    }
    throw error;
  }
  if (version > POSTGRES_SCHEMA_VERSION) throw newerSchema(names, version);
  if (version < POSTGRES_SCHEMA_VERSION) {
    throw new LedgerError(
      `The PostgreSQL ledger ${names.entries} has schema version ${version}: run the migration`,
    );
  }
}

async function readSchemaVersion(
  queryable: Pool | PoolClient,
  names: PostgresNames,
): Promise<number> {
  const result = await queryable.query<{ value: string }>(
    `SELECT value FROM ${names.meta} WHERE name = 'schema_version'`,
  );
  return Number(result.rows[0]?.value ?? 0);
}

function newerSchema(names: PostgresNames, version: number): LedgerError {
  return new LedgerError(
    `The PostgreSQL ledger ${names.entries} has schema version ${version}; this version of ` +
      `smm-panel-client reads version ${POSTGRES_SCHEMA_VERSION}: upgrade the package`,
  );
}
