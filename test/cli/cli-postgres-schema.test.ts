import { afterAll, expect, it } from 'vitest';
import { startSandboxPanel } from '../../src/sandbox/index.js';
import {
  adminPool,
  DATABASE_URL,
  describePostgres,
  dropSchema,
  uniqueSchemaName,
} from '../ledger/postgres-test-database.js';
import { runCli } from './helpers/run-cli.js';

describePostgres('CLI with a PostgreSQL ledger outside the public schema', () => {
  const schema = uniqueSchemaName('cli');
  const pool = adminPool();

  afterAll(async () => {
    await dropSchema(pool, schema);
    await pool.end();
  });

  it('migrates, orders and reconciles with --schema', async () => {
    const panel = await startSandboxPanel();
    const env = { SMM_PANEL_URL: panel.url, SMM_PANEL_KEY: panel.apiKey };
    const ledger = ['--ledger', String(DATABASE_URL), '--schema', schema];
    try {
      expect((await runCli(['migrate', ...ledger], env)).exitCode).toBe(0);
      const order = await runCli(
        [
          'order',
          '--service',
          '1',
          '--link',
          'https://example.test/cli-pg',
          '--quantity',
          '100',
          '--key',
          'cli-pg-1',
          '--json',
          ...ledger,
        ],
        env,
      );
      expect(order.exitCode).toBe(0);
      expect(JSON.parse(order.stdout)).toMatchObject({ state: 'placed' });
      const rows = await pool.query(`SELECT count(*)::int AS n FROM "${schema}".smm_ledger`);
      expect(rows.rows[0].n).toBe(1);
      const reconcile = await runCli(['reconcile', '--json', ...ledger], env);
      expect(reconcile.exitCode).toBe(0);
    } finally {
      await panel.close();
    }
  });
});
