/**
 * The SQLite ledger, imported as `smm-panel-client/sqlite`. It needs the optional peer
 * dependency better-sqlite3 (`npm install better-sqlite3`), loaded when a ledger is opened.
 * See docs/ledgers.md.
 *
 * @packageDocumentation
 */

export type { ReconcileLock } from './ledger/ledger.js';
export {
  openSqliteLedger,
  SQLITE_LEDGER_DEFAULTS,
  type SqliteLedger,
  type SqliteLedgerOptions,
} from './ledger/sqlite/sqlite-ledger.js';
