import { InvalidOptionsError } from '../../errors/input-errors.js';

/** Where a PostgreSQL ledger lives in its database. */
export interface PostgresLedgerLocation {
  /**
   * The schema holding the ledger's tables (created by the migration if missing). Letters,
   * digits and `_`, not starting with a digit. Default `public`.
   */
  schema?: string;
  /**
   * The entries table; the migration also creates `<table>_meta` (schema version). Letters,
   * digits and `_`, not starting with a digit, at most 40 characters. Default `smm_ledger`.
   */
  table?: string;
}

/** Defaults of {@link PostgresLedgerLocation}. */
export const POSTGRES_LOCATION_DEFAULTS = Object.freeze({
  /** The `public` schema. */
  schema: 'public',
  /** Entries in `smm_ledger`, the schema version in `smm_ledger_meta`. */
  table: 'smm_ledger',
});

/** Quoted, qualified names of one ledger's objects. */
export interface PostgresNames {
  schema: string;
  table: string;
  /** `"schema"`. */
  quotedSchema: string;
  /** `"schema"."table"`. */
  entries: string;
  /** `"schema"."table_meta"`. */
  meta: string;
  /** Index names, unqualified (an index lives in its table's schema). */
  stateIndex: string;
  orderIdIndex: string;
  /** Text hashed into the advisory lock keys, one per ledger. */
  lockName: string;
}

// Only plain identifiers: quoting them is then exact, and nothing a caller passes can change
// the SQL around them. 40 characters leave room for the suffixes within PostgreSQL's 63.
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Checks and quotes the names of one ledger. Throws `InvalidOptionsError` for a bad name. */
export function postgresNames(location: PostgresLedgerLocation = {}): PostgresNames {
  const schema = location.schema ?? POSTGRES_LOCATION_DEFAULTS.schema;
  const table = location.table ?? POSTGRES_LOCATION_DEFAULTS.table;
  if (typeof schema !== 'string' || !IDENTIFIER.test(schema) || schema.length > 63) {
    throw new InvalidOptionsError('schema', 'must be letters, digits and _ (at most 63)');
  }
  if (typeof table !== 'string' || !IDENTIFIER.test(table) || table.length > 40) {
    throw new InvalidOptionsError('table', 'must be letters, digits and _ (at most 40)');
  }
  const quotedSchema = `"${schema}"`;
  return {
    schema,
    table,
    quotedSchema,
    entries: `${quotedSchema}."${table}"`,
    meta: `${quotedSchema}."${table}_meta"`,
    stateIndex: `"${table}_state_sequence"`,
    orderIdIndex: `"${table}_order_id"`,
    lockName: `${schema}.${table}`,
  };
}
