import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CRASH_DEFAULTS, crashAndReconcile } from './crash-rounds.js';

describe('SQLite ledger under SIGKILL', () => {
  let directory: string;

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'smm-crash-sqlite-'));
  });

  afterAll(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('after 20 kills, restarts and a reconcile: no order twice, none missing', async () => {
    const summary = await crashAndReconcile({ location: `sqlite:${join(directory, 'crash.db')}` });

    expect(summary.kills).toBe(CRASH_DEFAULTS.kills);
    // The kills must have left orders whose outcome only the reconciler could tell.
    expect(summary.unknownResolvedPlaced + summary.unknownResolvedNotPlaced).toBeGreaterThan(0);
  }, 120_000);
});
