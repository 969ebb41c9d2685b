import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLedgerAt } from '../../src/cli/open-ledger.js';
import type { LedgerEntry } from '../../src/ledger/ledger.js';
import { migratePostgresLedger } from '../../src/postgres.js';
import { type SandboxPanel, startSandboxPanel } from '../../src/sandbox/index.js';
import { listAll } from '../ledger/conformance-helpers.js';
import {
  adminPool,
  DATABASE_URL,
  describePostgres,
  dropSchema,
  uniqueSchemaName,
} from '../ledger/postgres-test-database.js';
import { intentOf, linkOf, WORKER_ENV } from './fixtures/worker-setup.js';
import { lastJsonLine, runWorker } from './spawn-worker.js';

const WORKER = fileURLToPath(new URL('./fixtures/fleet-worker.ts', import.meta.url));
const WORKERS = 4;
const INTENTS = 500;

interface Tally {
  worker: number;
  placed: number;
  replays: number;
  lockedWaits: number;
  placedKeys: string[];
}

interface LedgerUnderTest {
  location: string;
  schema?: string;
  table?: string;
}

/**
 * Four processes, one ledger, one sandbox: every worker walks the same 500 intents in its own
 * order. Whatever the interleaving, the panel must hold exactly one order per intent, and the
 * ledger must hold each intent as placed with that order's id.
 */
async function raceFleet(ledger: LedgerUnderTest): Promise<void> {
  const panel: SandboxPanel = await startSandboxPanel({
    startingBalance: '1000000',
    // Off, so that a duplicate shows as a second order instead of a refusal that hides it.
    duplicateLinkRule: false,
  });
  try {
    const env = {
      [WORKER_ENV.panelUrl]: panel.url,
      [WORKER_ENV.panelKey]: panel.apiKey,
      [WORKER_ENV.ledger]: ledger.location,
      [WORKER_ENV.schema]: ledger.schema ?? '',
      [WORKER_ENV.table]: ledger.table ?? '',
      SMM_TEST_INTENTS: String(INTENTS),
    };
    const exits = await Promise.all(
      Array.from({ length: WORKERS }, (_, worker) =>
        runWorker(WORKER, { ...env, SMM_TEST_WORKER: String(worker) }),
      ),
    );
    const tallies = exits.map((exit) => lastJsonLine<Tally>(exit));

    const orders = panel.state.orders({ ownedByUs: true });
    const perLink = new Map<string, number>();
    for (const order of orders) perLink.set(order.link, (perLink.get(order.link) ?? 0) + 1);
    expect(orders).toHaveLength(INTENTS);
    expect(panel.state.purchases().orders).toBe(INTENTS);
    for (let n = 0; n < INTENTS; n += 1) expect(perLink.get(linkOf(n)), linkOf(n)).toBe(1);

    // Every intent was sent by exactly one worker; the others found it placed.
    const placedKeys = tallies.flatMap((tally) => tally.placedKeys);
    expect(new Set(placedKeys).size).toBe(INTENTS);
    expect(placedKeys).toHaveLength(INTENTS);
    const replays = tallies.reduce((sum, tally) => sum + tally.replays, 0);
    expect(replays).toBe(INTENTS * (WORKERS - 1));

    const reader = await openLedgerAt(ledger.location, ledger);
    let entries: LedgerEntry[];
    try {
      entries = await listAll(reader, 200);
    } finally {
      await reader.close();
    }
    const orderIdOfLink = new Map(orders.map((order) => [order.link, order.id]));
    expect(entries).toHaveLength(INTENTS);
    for (const entry of entries) {
      const n = Number(entry.key.slice('intent-'.length));
      expect(entry.state, entry.key).toBe('placed');
      expect(entry.key).toBe(intentOf(n).key);
      expect(entry.orderId, entry.key).toBe(orderIdOfLink.get(linkOf(n)));
    }
  } finally {
    await panel.close();
  }
}

describe('fleet on one SQLite file', () => {
  let directory: string;

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'smm-fleet-'));
  });

  afterAll(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('places exactly one order per intent when four processes race over 500 intents', async () => {
    // The workers also race to create the file and its schema.
    await raceFleet({ location: `sqlite:${join(directory, 'fleet.db')}` });
  }, 60_000);
});

describePostgres('fleet on one PostgreSQL ledger', () => {
  const schema = uniqueSchemaName('fleet');
  const admin = DATABASE_URL === undefined ? undefined : adminPool();

  afterAll(async () => {
    if (admin === undefined) return;
    await dropSchema(admin, schema);
    await admin.end();
  });

  it('places exactly one order per intent when four processes race over 500 intents', async () => {
    await migratePostgresLedger(admin as NonNullable<typeof admin>, { schema, table: 'fleet' });
    await raceFleet({ location: DATABASE_URL as string, schema, table: 'fleet' });
  }, 60_000);
});
