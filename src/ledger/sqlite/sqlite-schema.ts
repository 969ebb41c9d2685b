import type BetterSqlite3 from 'better-sqlite3';
import { LedgerError } from '../../errors/order-errors.js';

/** The schema version this code reads and writes. */
export const SQLITE_SCHEMA_VERSION = 1;

/** Table names: fixed, one ledger per database file. */
export const SQLITE_TABLES = Object.freeze({
  entries: 'smm_ledger_entries',
  meta: 'smm_ledger_meta',
  reconcileLock: 'smm_ledger_reconcile_lock',
});

// `sequence` is an INTEGER PRIMARY KEY AUTOINCREMENT: the rowid itself (paging by it reads the
// table in order, no extra index), and AUTOINCREMENT never hands out a number again even if
// rows were deleted by hand, so cursors stay strictly increasing. Order ids and money are
// TEXT: exact, never floating point. STRICT makes SQLite refuse a value of the wrong type.
const SCHEMA_VERSION_ROW = `('schema_version', '${SQLITE_SCHEMA_VERSION}')`;
const DDL = `
CREATE TABLE IF NOT EXISTS ${SQLITE_TABLES.entries} (
  sequence INTEGER PRIMARY KEY AUTOINCREMENT,
  key TEXT NOT NULL UNIQUE,
  fingerprint TEXT NOT NULL,
  panel TEXT NOT NULL,
  state TEXT NOT NULL,
  lease_owner TEXT,
  lease_expires_at INTEGER,
  order_id TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  body TEXT NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS ${SQLITE_TABLES.entries}_state_sequence
  ON ${SQLITE_TABLES.entries} (state, sequence);
CREATE INDEX IF NOT EXISTS ${SQLITE_TABLES.entries}_order_id
  ON ${SQLITE_TABLES.entries} (order_id) WHERE order_id IS NOT NULL;
CREATE TABLE IF NOT EXISTS ${SQLITE_TABLES.meta} (
  name TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;
INSERT INTO ${SQLITE_TABLES.meta} (name, value) VALUES ${SCHEMA_VERSION_ROW}
  ON CONFLICT (name) DO NOTHING;
CREATE TABLE IF NOT EXISTS ${SQLITE_TABLES.reconcileLock} (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  owner TEXT NOT NULL,
  expires_at INTEGER NOT NULL
) STRICT;
`;

/**
 * Sets the connection up for a durable, shared ledger, then creates the schema if missing.
 *
 * - `busy_timeout` first, so every later step waits for other processes instead of failing.
 * - `journal_mode = WAL`: readers never block the writer, and several processes share the
 *   file safely (on a local file system; WAL needs shared memory, so not on NFS).
 * - `synchronous = FULL`: in WAL mode, NORMAL syncs the log only at checkpoints, so a
 *   committed transaction can vanish when the machine loses power or the OS crashes (the
 *   database stays consistent, but the intent recorded "before the first byte left" is gone and
 *   a retry may pay twice). FULL syncs the log on every commit: when a call resolves, its
 *   change is on disk.
 *
 * Creating the schema runs in a `BEGIN IMMEDIATE` transaction, so processes opening a new
 * file at the same moment take turns; every statement is idempotent.
 */
export function prepareSqliteDatabase(db: BetterSqlite3.Database, busyTimeoutMs: number): void {
  db.pragma(`busy_timeout = ${Math.floor(busyTimeoutMs)}`);
  const mode = String(db.pragma('journal_mode = WAL', { simple: true })).toLowerCase();
  if (mode !== 'wal' && !db.memory) {
    throw new LedgerError(`SQLite ledger: could not switch ${db.name} to WAL (got ${mode})`);
  }
  db.pragma('synchronous = FULL');

  db.transaction(() => {
    db.exec(DDL);
    const row = db
      .prepare(`SELECT value FROM ${SQLITE_TABLES.meta} WHERE name = 'schema_version'`)
      .get() as { value: string } | undefined;
    if (row?.value !== String(SQLITE_SCHEMA_VERSION)) {
      throw new LedgerError(
        `SQLite ledger ${db.name} has schema version ${row?.value ?? 'none'}; this version of ` +
          `smm-panel-client reads version ${SQLITE_SCHEMA_VERSION}`,
      );
    }
  }).immediate();
}
