import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openLedgerAt } from '../../src/cli/open-ledger.js';
import { ErrorCode } from '../../src/errors/codes.js';
import type { Ledger } from '../../src/ledger/ledger.js';
import { loadOptionalPeer } from '../../src/ledger/sql/load-optional-peer.js';
import { openSqliteLedger } from '../../src/sqlite.js';
import {
  claimAs,
  expectLedgerError,
  intentFor,
  OWNER_A,
  OWNER_B,
  T0,
} from './conformance-helpers.js';

describe('sqlite ledger (adapter)', () => {
  let directory: string;
  let path: string;
  const toClose: { close(): unknown }[] = [];

  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'smm-sqlite-adapter-'));
    path = join(directory, 'ledger.db');
  });

  afterEach(async () => {
    for (const item of toClose.splice(0).reverse()) await item.close();
    await rm(directory, { recursive: true, force: true });
  });

  async function open(extra: Parameters<typeof openSqliteLedger>[0] = { path }): Promise<Ledger> {
    const ledger = await openSqliteLedger(extra);
    toClose.push(ledger);
    return ledger;
  }

  it('refuses options that give neither or both of path and database', async () => {
    const database = new Database(':memory:');
    toClose.push(database);

    await expect(openSqliteLedger({})).rejects.toMatchObject({ code: ErrorCode.InvalidOptions });
    await expect(openSqliteLedger({ path, database })).rejects.toMatchObject({
      code: ErrorCode.InvalidOptions,
    });
    await expect(openSqliteLedger({ path, busyTimeoutMs: -1 })).rejects.toMatchObject({
      code: ErrorCode.InvalidOptions,
    });
  });

  it("sets WAL and synchronous FULL on a caller's database and never closes it", async () => {
    const database = new Database(path);
    toClose.push(database);

    const ledger = await openSqliteLedger({ database });
    await ledger.claim(intentFor('k1'), claimAs(OWNER_A));
    await ledger.close();

    expect(database.open).toBe(true);
    expect(database.pragma('journal_mode', { simple: true })).toBe('wal');
    // 2 is FULL: in WAL mode the log is synced at every commit.
    expect(database.pragma('synchronous', { simple: true })).toBe(2);
    const count = database.prepare('SELECT count(*) AS n FROM smm_ledger_entries').get();
    expect(count).toEqual({ n: 1 });
  });

  it('shares leases and outcomes between two connections to one file', async () => {
    const first = await open();
    const second = await open();

    const claimed = await first.claim(intentFor('k1'), claimAs(OWNER_A));
    const locked = await second.claim(intentFor('k1'), claimAs(OWNER_B, T0 + 1));
    await first.settle('k1', OWNER_A, { state: 'placed', orderId: '123' }, T0 + 2);
    const placed = await second.claim(intentFor('k1'), claimAs(OWNER_B, T0 + 3));

    expect(claimed.kind).toBe('claimed');
    expect(locked.kind).toBe('locked');
    expect(placed).toMatchObject({ kind: 'placed', entry: { orderId: '123' } });
  });

  it('keeps the other changes of one group commit when one of them is refused', async () => {
    const ledger = await open();

    const [first, refused, second] = await Promise.allSettled([
      ledger.claim(intentFor('k1'), claimAs(OWNER_A)),
      ledger.settle('missing', OWNER_A, { state: 'placed', orderId: '1' }, T0),
      ledger.claim(intentFor('k2'), claimAs(OWNER_A)),
    ]);

    expect(first).toMatchObject({ status: 'fulfilled', value: { kind: 'claimed' } });
    expect(refused).toMatchObject({ status: 'rejected', reason: { code: ErrorCode.LedgerFailed } });
    expect(second).toMatchObject({ status: 'fulfilled', value: { kind: 'claimed' } });
    expect((await ledger.list()).entries.map((entry) => entry.key)).toEqual(['k1', 'k2']);
  });

  it('reports a row whose body was damaged by hand instead of using it', async () => {
    const ledger = await open();
    await ledger.claim(intentFor('k1'), claimAs(OWNER_A));
    const raw = new Database(path);
    raw.prepare("UPDATE smm_ledger_entries SET body = '{\"key\":1}' WHERE key = 'k1'").run();
    raw.close();

    await expectLedgerError(ledger.get('k1'));
    await expectLedgerError(ledger.list());
  });

  it('refuses a file written by a newer schema version', async () => {
    await (await open()).close();
    const raw = new Database(path);
    raw.prepare("UPDATE smm_ledger_meta SET value = '99' WHERE name = 'schema_version'").run();
    raw.close();

    await expect(openSqliteLedger({ path })).rejects.toThrow(/schema version 99/);
  });

  it('gives the reconcile lock to one holder at a time, and takes over an expired one', async () => {
    let now = T0;
    const clock = { now: () => now, reconcileLockTtlMs: 1_000 };
    const first = (await open({ path, ...clock })) as Awaited<ReturnType<typeof openSqliteLedger>>;
    const second = (await open({ path, ...clock })) as Awaited<ReturnType<typeof openSqliteLedger>>;

    const held = await first.acquireReconcileLock();
    expect(held).toBeDefined();
    expect(await second.acquireReconcileLock()).toBeUndefined();
    await held?.release();
    const again = await second.acquireReconcileLock();
    expect(again).toBeDefined();

    // A holder that died never renews: once its lease ends, another reconciler may run.
    now += 1_000;
    const takeover = await first.acquireReconcileLock();
    expect(takeover).toBeDefined();
    await takeover?.release();
    await again?.release();
  });

  it('releases a reconcile lock still held when the ledger closes', async () => {
    const first = await openSqliteLedger({ path });
    const second = (await open()) as Awaited<ReturnType<typeof openSqliteLedger>>;
    expect(await first.acquireReconcileLock()).toBeDefined();

    await first.close();

    const lock = await second.acquireReconcileLock();
    expect(lock).toBeDefined();
    await lock?.release();
  });

  it('opens from the CLI location sqlite:<path>', async () => {
    const ledger = await openLedgerAt(`sqlite:${path}`);
    toClose.push(ledger);

    expect((await ledger.claim(intentFor('k1'), claimAs(OWNER_A))).kind).toBe('claimed');
    await expect(openLedgerAt('sqlite:')).rejects.toMatchObject({ code: ErrorCode.InvalidOptions });
  });

  it('names the package to install when an optional driver is missing', async () => {
    const missing = loadOptionalPeer(
      'better-sqlite3',
      'SQLite',
      () =>
        // A name that cannot exist on npm, standing in for an uninstalled better-sqlite3.
        import('better-sqlite3-not-installed-' as string),
    );

    await expect(missing).rejects.toMatchObject({
      code: ErrorCode.LedgerFailed,
      message: expect.stringContaining('npm install better-sqlite3'),
    });
  });
});
