import type BetterSqlite3 from 'better-sqlite3';
import { isSmmPanelError } from '../../errors/guards.js';
import { InvalidOptionsError } from '../../errors/input-errors.js';
import { LedgerError } from '../../errors/order-errors.js';
import type { Ledger, ReconcileLock } from '../ledger.js';
import { causeText } from '../sql/cause-text.js';
import { defaultExport, loadOptionalPeer } from '../sql/load-optional-peer.js';
import { SqlLedger } from '../sql/sql-ledger.js';
import { acquireSqliteReconcileLock } from './sqlite-reconcile-lock.js';
import { SqliteRowStore } from './sqlite-row-store.js';
import { prepareSqliteDatabase } from './sqlite-schema.js';

/** Options of {@link openSqliteLedger}: give `path` or `database`. */
export interface SqliteLedgerOptions {
  /**
   * The database file, created with its schema if missing (its directory must exist). Must be
   * on a local file system: WAL mode needs shared memory between the processes that use it.
   */
  path?: string;
  /**
   * An open better-sqlite3 database to use instead of `path`. The ledger sets its pragmas
   * (WAL, `synchronous = FULL`, the busy timeout), creates its tables in it, and never closes
   * it: that stays the caller's job.
   */
  database?: BetterSqlite3.Database;
  /**
   * How long a write waits for another process's transaction before failing with
   * `LedgerError` (ms). Default 5000. The wait blocks this process's event loop (better-sqlite3
   * is synchronous); transactions hold the lock for well under a millisecond.
   */
  busyTimeoutMs?: number;
  /**
   * How long a reconcile lock lasts without renewal (ms): the longest a reconciler killed
   * mid-run keeps others out. Renewed every third of it while held. Default 60 000.
   */
  reconcileLockTtlMs?: number;
  /** The clock of the reconcile lock, epoch ms. Default `Date.now`. */
  now?: () => number;
}

/** Defaults of {@link SqliteLedgerOptions}. */
export const SQLITE_LEDGER_DEFAULTS = Object.freeze({
  /** Wait up to 5 s for another process's write transaction. */
  busyTimeoutMs: 5_000,
  /** A reconcile lock whose holder died frees itself after 60 s. */
  reconcileLockTtlMs: 60_000,
});

/** A ledger in one SQLite file, shared by the processes of one machine. */
export interface SqliteLedger extends Ledger {
  /** The database file (`:memory:` for an in-memory database). */
  readonly path: string;
  /** Takes the reconcile lock (a lease row), or `undefined` when another reconciler has it. */
  acquireReconcileLock(): Promise<ReconcileLock | undefined>;
}

/**
 * Opens (or creates) a ledger in a SQLite file, through the optional peer dependency
 * better-sqlite3 (`npm install better-sqlite3`).
 *
 * Durable before the call returns: every change is one transaction committed with
 * `synchronous = FULL` in WAL mode, so the log is synced to disk on each commit (see
 * `prepareSqliteDatabase` for why NORMAL is not enough). Safe for several processes on one
 * machine: claims and every other change take the write lock first (`BEGIN IMMEDIATE`), then
 * read the row, decide and write, so two processes never both claim one intent. Reads always
 * ask the file, so each process sees the others' changes at once.
 *
 * Throws `LedgerError` when better-sqlite3 is not installed or the file cannot be opened,
 * `InvalidOptionsError` for a bad option.
 */
export async function openSqliteLedger(options: SqliteLedgerOptions): Promise<SqliteLedger> {
  const settings = checkOptions(options);
  let db = options.database;
  const ownsDb = db === undefined;
  try {
    if (db === undefined) {
      const Database = defaultExport(
        await loadOptionalPeer('better-sqlite3', 'SQLite', () => import('better-sqlite3')),
      );
      db = new Database(settings.path, { timeout: settings.busyTimeoutMs });
    }
    prepareSqliteDatabase(db, settings.busyTimeoutMs);
    return new SqliteFileLedger(db, ownsDb, settings);
  } catch (error) {
    if (ownsDb && db?.open === true) db.close();
    if (isSmmPanelError(error)) throw error;
    throw new LedgerError(`Could not open the SQLite ledger ${settings.path}${causeText(error)}`, {
      cause: error,
    });
  }
}

interface Settings {
  path: string;
  busyTimeoutMs: number;
  reconcileLockTtlMs: number;
  now: () => number;
}

class SqliteFileLedger extends SqlLedger implements SqliteLedger {
  readonly path: string;
  readonly #db: BetterSqlite3.Database;
  readonly #settings: Settings;

  constructor(db: BetterSqlite3.Database, ownsDb: boolean, settings: Settings) {
    super(new SqliteRowStore(db, ownsDb));
    this.path = db.name;
    this.#db = db;
    this.#settings = settings;
  }

  acquireReconcileLock(): Promise<ReconcileLock | undefined> {
    return this.run('reconcile lock', async () => {
      const lock = acquireSqliteReconcileLock({
        db: this.#db,
        ttlMs: this.#settings.reconcileLockTtlMs,
        now: this.#settings.now,
      });
      return this.trackReconcileLock(lock);
    });
  }
}

function checkOptions(options: SqliteLedgerOptions): Settings {
  if (options === undefined || options === null) {
    throw new InvalidOptionsError('path', 'give path or database');
  }
  const hasPath = typeof options.path === 'string' && options.path !== '';
  if (hasPath === (options.database !== undefined)) {
    throw new InvalidOptionsError('path', 'give exactly one of path (a file) or database');
  }
  const busyTimeoutMs = options.busyTimeoutMs ?? SQLITE_LEDGER_DEFAULTS.busyTimeoutMs;
  if (!Number.isInteger(busyTimeoutMs) || busyTimeoutMs < 0) {
    throw new InvalidOptionsError('busyTimeoutMs', 'must be an integer number of ms from 0');
  }
  const reconcileLockTtlMs =
    options.reconcileLockTtlMs ?? SQLITE_LEDGER_DEFAULTS.reconcileLockTtlMs;
  if (!Number.isInteger(reconcileLockTtlMs) || reconcileLockTtlMs < 1) {
    throw new InvalidOptionsError('reconcileLockTtlMs', 'must be a positive integer of ms');
  }
  return {
    path: hasPath ? (options.path as string) : (options.database?.name ?? ''),
    busyTimeoutMs,
    reconcileLockTtlMs,
    now: options.now ?? Date.now,
  };
}
