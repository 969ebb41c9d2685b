import { afterAll } from 'vitest';
import type { Ledger } from '../../src/ledger/ledger.js';
import { migratePostgresLedger, openPostgresLedger } from '../../src/postgres.js';
import { describeLedgerConformance } from './conformance.js';
import {
  adminPool,
  DATABASE_URL,
  describePostgres,
  dropSchema,
  uniqueSchemaName,
} from './postgres-test-database.js';

describePostgres('postgres ledger', () => {
  const schema = uniqueSchemaName('conformance');
  const admin = DATABASE_URL === undefined ? undefined : adminPool();
  let tables = 0;

  afterAll(async () => {
    if (admin === undefined) return;
    await dropSchema(admin, schema);
    await admin.end();
  });

  describeLedgerConformance('postgres ledger', async () => {
    // A table per test: every test starts from an empty ledger, as the suite requires.
    tables += 1;
    const location = { schema, table: `ledger_${tables}` };
    await migratePostgresLedger(admin as NonNullable<typeof admin>, location);
    const open = (): Promise<Ledger> =>
      openPostgresLedger({
        connectionString: DATABASE_URL as string,
        ...location,
        maxConnections: 4,
      });
    const opened: Ledger[] = [await open()];
    return {
      ledger: opened[0] as Ledger,
      reopen: async () => {
        const again = await open();
        opened.push(again);
        return again;
      },
      cleanup: async () => {
        for (const ledger of opened) await ledger.close();
      },
    };
  });
});
