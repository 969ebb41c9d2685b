import { afterAll, expect, it } from 'vitest';
import { migratePostgresLedger } from '../../src/postgres.js';
import {
  adminPool,
  DATABASE_URL,
  describePostgres,
  dropSchema,
  uniqueSchemaName,
} from '../ledger/postgres-test-database.js';
import { CRASH_DEFAULTS, crashAndReconcile } from './crash-rounds.js';

describePostgres('PostgreSQL ledger under SIGKILL', () => {
  const schema = uniqueSchemaName('crash');
  const admin = DATABASE_URL === undefined ? undefined : adminPool();

  afterAll(async () => {
    if (admin === undefined) return;
    await dropSchema(admin, schema);
    await admin.end();
  });

  it('after 20 kills, restarts and a reconcile: no order twice, none missing', async () => {
    await migratePostgresLedger(admin as NonNullable<typeof admin>, { schema, table: 'crash' });

    const summary = await crashAndReconcile({
      location: DATABASE_URL as string,
      schema,
      table: 'crash',
    });

    expect(summary.kills).toBe(CRASH_DEFAULTS.kills);
    // The kills must have left orders whose outcome only the reconciler could tell.
    expect(summary.unknownResolvedPlaced + summary.unknownResolvedNotPlaced).toBeGreaterThan(0);
  }, 120_000);
});
