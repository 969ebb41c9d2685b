import type { Command } from 'commander';
import type { CliIo } from '../cli-io.js';
import { toJson } from '../format-table.js';
import { isPostgresLocation, openLedgerAt, unsupported } from '../open-ledger.js';
import { reportError } from '../run-command.js';

interface MigrateFlags {
  ledger: string;
  schema?: string;
  table?: string;
  json?: boolean;
}

/** What `migrate` did, as printed with `--json`. */
interface MigrateOutcome {
  ledger: 'postgres' | 'sqlite' | 'file' | 'memory';
  /** `created`, `up_to_date`, or `nothing_to_do` (file and memory need no migration). */
  result: 'created' | 'up_to_date' | 'nothing_to_do';
  schema?: string;
  table?: string;
  schemaVersion?: number;
}

/**
 * `migrate`: creates the tables of a PostgreSQL ledger (idempotent, safe to run at every
 * deploy and from several hosts at once). A SQLite ledger creates its schema when opened, so
 * `migrate` only opens and closes it; file and memory ledgers have nothing to migrate.
 * Needs no panel settings.
 */
export function registerMigrateCommand(program: Command, io: CliIo): void {
  program
    .command('migrate')
    .description('create the ledger tables (PostgreSQL; idempotent) before first use')
    .requiredOption('--ledger <location>', 'postgres://user@host/database, or sqlite:<path>')
    .option('--schema <name>', 'PostgreSQL schema of the ledger tables', 'public')
    .option('--table <name>', 'PostgreSQL table of the ledger', 'smm_ledger')
    .option('--json', 'print JSON for scripts')
    .action(async (flags: MigrateFlags) => {
      try {
        const outcome = await migrate(flags);
        io.stdout(flags.json === true ? toJson(outcome) : describe(outcome));
      } catch (error) {
        // The URL's password is treated like a key: redacted from whatever the error says.
        reportError(io, error, flags.json === true, passwordOf(flags.ledger));
        process.exitCode = 1;
      }
    });
}

async function migrate(flags: MigrateFlags): Promise<MigrateOutcome> {
  const location = flags.ledger;
  if (isPostgresLocation(location)) {
    // Loaded here, not at the top: the CLI must run without the optional pg package.
    const { migratePostgresLedger } = await import('../../ledger/postgres/postgres-schema.js');
    const names = { ...(flags.schema ? { schema: flags.schema } : {}), table: flags.table };
    const done = await migratePostgresLedger(location, names);
    return {
      ledger: 'postgres',
      result: done.created ? 'created' : 'up_to_date',
      schema: done.schema,
      table: done.table,
      schemaVersion: done.schemaVersion,
    };
  }
  if (location.startsWith('sqlite:')) {
    const ledger = await openLedgerAt(location);
    await ledger.close();
    return { ledger: 'sqlite', result: 'up_to_date' };
  }
  if (location === 'memory' || location.startsWith('file:')) {
    return { ledger: location === 'memory' ? 'memory' : 'file', result: 'nothing_to_do' };
  }
  throw unsupported(location);
}

function describe(outcome: MigrateOutcome): string {
  if (outcome.ledger === 'postgres') {
    const where = `"${outcome.schema}"."${outcome.table}"`;
    return outcome.result === 'created'
      ? `created the PostgreSQL ledger ${where} (schema version ${outcome.schemaVersion})\n`
      : `the PostgreSQL ledger ${where} is up to date (schema version ${outcome.schemaVersion})\n`;
  }
  if (outcome.ledger === 'sqlite')
    return 'the SQLite ledger is ready (its schema is made on open)\n';
  return `a ${outcome.ledger} ledger needs no migration\n`;
}

function passwordOf(location: string): string | undefined {
  try {
    const password = new URL(location).password;
    return password === '' ? undefined : decodeURIComponent(password);
  } catch {
    return undefined;
  }
}
