import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli/program.js';
import { ErrorCode } from '../../src/errors/codes.js';
import {
  migratePostgresLedger,
  openPostgresLedger,
  type PostgresLedger,
} from '../../src/postgres.js';
import { claimAs, intentFor, OWNER_A, OWNER_B, T0 } from './conformance-helpers.js';
import {
  adminPool,
  DATABASE_URL,
  describePostgres,
  dropSchema,
  uniqueSchemaName,
} from './postgres-test-database.js';

describePostgres('postgres ledger (adapter)', () => {
  const url = DATABASE_URL as string;
  const schema = uniqueSchemaName('adapter');
  let admin: ReturnType<typeof adminPool>;

  beforeAll(() => {
    admin = adminPool();
  });

  afterAll(async () => {
    await dropSchema(admin, schema);
    await admin.end();
  });

  const open = (table: string): Promise<PostgresLedger> =>
    openPostgresLedger({ connectionString: url, schema, table, maxConnections: 3 });

  it('refuses to open a table that was not migrated, saying how to migrate', async () => {
    await expect(open('never_migrated')).rejects.toMatchObject({
      code: ErrorCode.LedgerFailed,
      message: expect.stringMatching(/migratePostgresLedger.*smm-panel migrate/),
    });
  });

  it('migrates idempotently, and several migrations at once all succeed', async () => {
    const runs = await Promise.all(
      Array.from({ length: 4 }, () => migratePostgresLedger(url, { schema, table: 'concurrent' })),
    );
    const again = await migratePostgresLedger(admin, { schema, table: 'concurrent' });

    expect(runs.filter((run) => run.created)).toHaveLength(1);
    expect(again).toEqual({ schema, table: 'concurrent', created: false, schemaVersion: 1 });
  });

  it('refuses names that are not plain identifiers, and URLs of other databases', async () => {
    await expect(
      migratePostgresLedger(admin, { table: 'x"; DROP TABLE y; --' }),
    ).rejects.toMatchObject({ code: ErrorCode.InvalidOptions });
    await expect(openPostgresLedger({ connectionString: 'mysql://x' })).rejects.toMatchObject({
      code: ErrorCode.InvalidOptions,
    });
    await expect(openPostgresLedger({ connectionString: url, pool: admin })).rejects.toMatchObject({
      code: ErrorCode.InvalidOptions,
    });
  });

  it("uses a caller's pool and leaves it open on close", async () => {
    await migratePostgresLedger(admin, { schema, table: 'caller_pool' });
    const ledger = await openPostgresLedger({ pool: admin, schema, table: 'caller_pool' });

    await ledger.claim(intentFor('k1'), claimAs(OWNER_A));
    await ledger.close();

    expect(admin.ended).toBe(false);
    const rows = await admin.query(`SELECT key, state FROM "${schema}"."caller_pool"`);
    expect(rows.rows).toEqual([{ key: 'k1', state: 'pending' }]);
  });

  it('lets exactly one of two processes claim one key, each with its own pool', async () => {
    await migratePostgresLedger(admin, { schema, table: 'two_pools' });
    const first = await open('two_pools');
    const second = await open('two_pools');
    try {
      const owners = Array.from({ length: 10 }, (_, index) => `worker-${index}`);
      const results = await Promise.all(
        owners.map((owner, index) =>
          (index % 2 === 0 ? first : second).claim(intentFor('k1'), claimAs(owner)),
        ),
      );

      expect(results.filter((result) => result.kind === 'claimed')).toHaveLength(1);
      expect(results.filter((result) => result.kind === 'locked')).toHaveLength(9);
    } finally {
      await first.close();
      await second.close();
    }
  });

  it('stores ids and money as exact text, and times as whole numbers', async () => {
    await migratePostgresLedger(admin, { schema, table: 'exact' });
    const ledger = await open('exact');
    try {
      await ledger.claim(intentFor('k1'), claimAs(OWNER_B));
      await ledger.settle('k1', OWNER_B, { state: 'placed', orderId: '123456789012345678901' }, T0);

      const row = await admin.query(
        `SELECT order_id, created_at::text AS created_at, body FROM "${schema}"."exact"`,
      );
      expect(row.rows[0]).toMatchObject({ order_id: '123456789012345678901', created_at: `${T0}` });
      expect(JSON.parse(row.rows[0].body).expectedCharge).toBe('0.27');
    } finally {
      await ledger.close();
    }
  });

  it('gives the reconcile lock to one ledger at a time, per table, until released or closed', async () => {
    await migratePostgresLedger(admin, { schema, table: 'lock_a' });
    await migratePostgresLedger(admin, { schema, table: 'lock_b' });
    const first = await open('lock_a');
    const second = await open('lock_a');
    const other = await open('lock_b');
    try {
      const held = await first.acquireReconcileLock();
      expect(held).toBeDefined();
      expect(await second.acquireReconcileLock()).toBeUndefined();
      const elsewhere = await other.acquireReconcileLock();
      expect(elsewhere).toBeDefined();
      await elsewhere?.release();

      await held?.release();
      await held?.release();
      const next = await second.acquireReconcileLock();
      expect(next).toBeDefined();

      // Closing with the lock held frees it (the session that held it ends).
      await second.close();
      const afterClose = await first.acquireReconcileLock();
      expect(afterClose).toBeDefined();
      await afterClose?.release();
    } finally {
      await first.close();
      await second.close();
      await other.close();
    }
  });

  it('migrates from the command line without panel settings, never printing the password', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const io = {
      stdout: (text: string) => out.push(text),
      stderr: (text: string) => err.push(text),
      env: {},
    };
    const exitCode = process.exitCode;
    try {
      await buildProgram(io).parseAsync([
        'node',
        'smm-panel',
        'migrate',
        '--ledger',
        url,
        '--schema',
        schema,
        '--table',
        'from_cli',
        '--json',
      ]);
      expect(JSON.parse(out.join(''))).toMatchObject({
        ledger: 'postgres',
        result: 'created',
        table: 'from_cli',
      });
      await openPostgresLedger({ pool: admin, schema, table: 'from_cli' }).then((ledger) =>
        ledger.close(),
      );

      await buildProgram(io).parseAsync([
        'node',
        'smm-panel',
        'migrate',
        '--ledger',
        'postgres://someone:hunter2-secret@127.0.0.1:1/nothing',
      ]);
      expect(process.exitCode).toBe(1);
      expect(err.join('')).toMatch(/SMM_LEDGER_FAILED/);
      expect(err.join('')).not.toContain('hunter2-secret');
    } finally {
      process.exitCode = exitCode;
    }
  });
});
