/**
 * The PostgreSQL ledger, imported as `smm-panel-client/postgres`. It needs the optional peer
 * dependency pg (`npm install pg`), loaded when a ledger is opened or migrated. See
 * docs/ledgers.md.
 *
 * @packageDocumentation
 */
export type { ReconcileLock } from './ledger/ledger.js';
export {
  openPostgresLedger,
  POSTGRES_LEDGER_DEFAULTS,
  type PostgresLedger,
  type PostgresLedgerOptions,
} from './ledger/postgres/postgres-ledger.js';
export {
  POSTGRES_LOCATION_DEFAULTS,
  type PostgresLedgerLocation,
} from './ledger/postgres/postgres-names.js';
export {
  migratePostgresLedger,
  POSTGRES_SCHEMA_VERSION,
  type PostgresMigrationResult,
} from './ledger/postgres/postgres-schema.js';
