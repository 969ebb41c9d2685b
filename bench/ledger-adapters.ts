/**
 * The ledgers `ledger-throughput.ts` compares, each opened fresh and empty for one round and
 * removed afterwards.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openFileLedger } from '../src/ledger/file-ledger.js';
import type { Ledger } from '../src/ledger/ledger.js';
import { createMemoryLedger } from '../src/ledger/memory-ledger.js';
import { migratePostgresLedger, openPostgresLedger } from '../src/postgres.js';
import { openSqliteLedger } from '../src/sqlite.js';

/** A ledger opened for one round, and how to remove it. */
export interface BenchLedger {
  ledger: Ledger;
  dispose: () => Promise<void>;
}

/** One adapter under measurement. */
export interface BenchAdapter {
  name: 'memory' | 'file' | 'sqlite' | 'postgres';
  open: () => Promise<BenchLedger>;
}

async function inTempDirectory(open: (directory: string) => Promise<Ledger>): Promise<BenchLedger> {
  const directory = await mkdtemp(join(tmpdir(), 'smm-bench-ledger-'));
  const ledger = await open(directory);
  return {
    ledger,
    dispose: async () => {
      await ledger.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}

/** Memory, file and SQLite always; PostgreSQL when `databaseUrl` is given. */
export function benchAdapters(databaseUrl: string | undefined): BenchAdapter[] {
  const adapters: BenchAdapter[] = [
    {
      name: 'memory',
      open: async () => {
        const ledger = createMemoryLedger();
        return { ledger, dispose: () => ledger.close() };
      },
    },
    {
      name: 'file',
      open: () => inTempDirectory((dir) => openFileLedger({ path: join(dir, 'ledger.jsonl') })),
    },
    {
      name: 'sqlite',
      open: () => inTempDirectory((dir) => openSqliteLedger({ path: join(dir, 'ledger.db') })),
    },
  ];
  if (databaseUrl !== undefined) {
    adapters.push({
      name: 'postgres',
      open: async () => {
        // A schema of its own per round, dropped afterwards: nothing of a run is left behind.
        const schema = `smm_bench_${randomBytes(4).toString('hex')}`;
        await migratePostgresLedger(databaseUrl, { schema });
        const ledger = await openPostgresLedger({ connectionString: databaseUrl, schema });
        return {
          ledger,
          dispose: async () => {
            await ledger.close();
            const admin = new pg.Pool({ connectionString: databaseUrl, max: 1 });
            await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
            await admin.end();
          },
        };
      },
    });
  }
  return adapters;
}
