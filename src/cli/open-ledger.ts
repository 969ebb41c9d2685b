import { existsSync } from 'node:fs';
import { InvalidOptionsError } from '../errors/input-errors.js';
import { openFileLedger } from '../ledger/file-ledger.js';
import type { Ledger } from '../ledger/ledger.js';
import { createMemoryLedger } from '../ledger/memory-ledger.js';

/** The ledger the CLI uses when `--ledger` is not given. */
export const DEFAULT_CLI_LEDGER = 'file:./smm-panel-ledger.jsonl';

/** Where the tables of a PostgreSQL ledger live (defaults: `public`, `smm_ledger`). */
export interface LedgerLocationOptions {
  schema?: string;
  table?: string;
  /**
   * Refuse a `file:` or `sqlite:` path where no ledger exists yet, instead of creating an
   * empty one: a command that only reads a ledger (reconcile) would otherwise report a
   * mistyped path as a clean ledger. Default: false.
   */
  mustExist?: boolean;
}

const POSTGRES_URL = /^postgres(ql)?:\/\//;

/**
 * Opens a ledger from a location string: `memory`, `file:<path>` (a JSON-lines file),
 * `sqlite:<path>` (a SQLite file, needs better-sqlite3) or `postgres://...` /
 * `postgresql://...` (needs pg, and a migrated database: `smm-panel migrate`).
 *
 * The SQLite and PostgreSQL adapters are loaded only when asked for, so the CLI runs without
 * their optional packages; asking for one that is missing throws `LedgerError` naming the
 * package to install.
 */
export async function openLedgerAt(
  location: string,
  options: LedgerLocationOptions = {},
): Promise<Ledger> {
  if (location === 'memory') return createMemoryLedger();
  if (location.startsWith('file:')) {
    return openFileLedger({ path: existingPath(location, 'file:', options) });
  }
  if (location.startsWith('sqlite:')) {
    const { openSqliteLedger } = await import('../ledger/sqlite/sqlite-ledger.js');
    return openSqliteLedger({ path: existingPath(location, 'sqlite:', options) });
  }
  if (isPostgresLocation(location)) {
    const { openPostgresLedger } = await import('../ledger/postgres/postgres-ledger.js');
    const { schema, table } = options;
    return openPostgresLedger({
      connectionString: location,
      ...(schema === undefined ? {} : { schema }),
      ...(table === undefined ? {} : { table }),
    });
  }
  throw unsupported(location);
}

/** Whether a location names a PostgreSQL database. */
export function isPostgresLocation(location: string): boolean {
  return POSTGRES_URL.test(location);
}

/** The error for a location no adapter takes; only the scheme is repeated, never a password. */
export function unsupported(location: string): InvalidOptionsError {
  const scheme = /^[a-z][a-z0-9+.-]*:/i.exec(location)?.[0];
  const shown = scheme === undefined ? location.slice(0, 20) : `${scheme}...`;
  return new InvalidOptionsError(
    '--ledger',
    `unsupported location "${shown}" (use memory, file:<path>, sqlite:<path>, ` +
      'or postgres://user@host/database)',
  );
}

function existingPath(location: string, prefix: string, options: LedgerLocationOptions): string {
  const path = pathAfter(location, prefix);
  if (options.mustExist === true && !existsSync(path)) {
    throw new InvalidOptionsError('--ledger', `no ledger at ${path} (check the path)`);
  }
  return path;
}

function pathAfter(location: string, prefix: string): string {
  const path = location.slice(prefix.length);
  if (path === '') throw new InvalidOptionsError('--ledger', `${prefix} needs a path`);
  return path;
}

/** The `--schema` and `--table` flags of a command, for a PostgreSQL ledger. */
export function ledgerTableFlags(flags: {
  schema?: unknown;
  table?: unknown;
}): LedgerLocationOptions {
  const out: LedgerLocationOptions = {};
  if (typeof flags.schema === 'string') out.schema = flags.schema;
  if (typeof flags.table === 'string') out.table = flags.table;
  return out;
}
