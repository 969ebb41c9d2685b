import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RECONCILE_JOB_EXIT_CODES, runReconcileJob } from '../../examples/reconcile-job.js';
import { PanelClient } from '../../src/client/panel-client.js';
import { isOrderOutcomeUnknownError } from '../../src/errors/guards.js';
import { openFileLedger } from '../../src/ledger/file-ledger.js';
import { openSqliteLedger } from '../../src/ledger/sqlite/sqlite-ledger.js';
import { type SandboxPanel, startSandboxPanel } from '../../src/sandbox/index.js';
import { runExample } from './helpers.js';

describe('examples/reconcile-job', () => {
  let panel: SandboxPanel;
  let dir: string;
  let ledgerPath: string;
  let printed: string[];

  beforeEach(async () => {
    panel = await startSandboxPanel();
    dir = mkdtempSync(join(tmpdir(), 'smm-example-reconcile-'));
    ledgerPath = join(dir, 'ledger.jsonl');
    printed = [];
  });
  afterEach(async () => {
    await panel.close();
    expect(printed.join('\n')).not.toContain(panel.apiKey);
    rmSync(dir, { recursive: true, force: true });
  });

  /**
   * Places orders on the file ledger, then closes it so the job can open it. The client's clock
   * puts them a minute in the past, 2 s apart, as in a real run: the reconciler trusts an order
   * to predate an intent only when their times are further apart than the clock skew it allows.
   */
  async function placeOrders(links: string[]): Promise<Map<string, string | undefined>> {
    let shiftMs = -60_000;
    const ledger = await openFileLedger({ path: ledgerPath });
    const profile = { url: panel.url, apiKey: panel.apiKey };
    const client = new PanelClient({ profile, ledger, now: () => Date.now() + shiftMs });
    await client.services();
    const keys = new Map<string, string | undefined>();
    try {
      for (const [i, link] of links.entries()) {
        shiftMs += 2_000;
        try {
          const result = await client.order({ service: 1, link, quantity: 100 + i * 10 });
          keys.set(result.idempotencyKey, result.orderId);
        } catch (error) {
          if (!isOrderOutcomeUnknownError(error)) throw error;
          keys.set(error.idempotencyKey, undefined);
        }
      }
    } finally {
      await client.close();
      await ledger.close();
    }
    return keys;
  }

  const job = (extra: Partial<Parameters<typeof runReconcileJob>[0]> = {}) =>
    runReconcileJob({
      url: panel.url,
      apiKey: panel.apiKey,
      ledger: `file:${ledgerPath}`,
      print: (text) => printed.push(text),
      ...extra,
    });

  it('exits 0 with a summary when the ledger matches the panel', async () => {
    await placeOrders(['https://example.test/1', 'https://example.test/2']);

    expect(await job()).toBe(RECONCILE_JOB_EXIT_CODES.clean);
    expect(printed.join('\n')).toMatch(/^Reconciled standard at .*2 entries, 2 polled/);
  });

  it('exits 3 while an unknown order waits for its grace window, and 0 once it is settled', async () => {
    panel.faults.script('add', ['ok', { kind: 'html_502', processed: false }]);
    const keys = await placeOrders(['https://example.test/1', 'https://example.test/2']);
    const [unknownKey] = [...keys].find(([, orderId]) => orderId === undefined) ?? [];

    expect(await job()).toBe(RECONCILE_JOB_EXIT_CODES.unknownOpen);
    expect(printed.join('\n')).toContain(unknownKey);

    // Past the grace window, a scan that finds no order of ours proves it was never placed.
    expect(await job({ reconciler: { graceMs: 0 } })).toBe(RECONCILE_JOB_EXIT_CODES.clean);
    const ledger = await openFileLedger({ path: ledgerPath });
    expect((await ledger.get(unknownKey as string))?.state).toBe('not_placed');
    await ledger.close();
  });

  it('adopts an order whose answer was lost, found by its expected charge', async () => {
    panel.faults.script('add', ['ok', 'reset_after_commit']);
    const keys = await placeOrders(['https://example.test/1', 'https://example.test/2']);
    const [lostKey] = [...keys].find(([, orderId]) => orderId === undefined) ?? [];

    expect(await job()).toBe(RECONCILE_JOB_EXIT_CODES.clean);
    const ledger = await openFileLedger({ path: ledgerPath });
    const entry = await ledger.get(lostKey as string);
    await ledger.close();
    expect(entry?.state).toBe('placed');
    expect(panel.state.order(entry?.orderId as string)?.link).toBe('https://example.test/2');
  });

  it('exits 2 when a person must look: an order the panel does not know', async () => {
    const keys = await placeOrders(['https://example.test/1']);
    panel.state.removeOrder([...keys.values()][0] as string);

    expect(await job()).toBe(RECONCILE_JOB_EXIT_CODES.needsAttention);
    expect(printed.join('\n')).toContain('NEEDS ATTENTION');
  });

  it('runs on an interval with --watch until stopped, printing each report', async () => {
    await placeOrders(['https://example.test/1']);
    const controller = new AbortController();

    const code = await job({
      watchIntervalMs: 10,
      signal: controller.signal,
      print: (text) => {
        printed.push(text);
        if (printed.length === 2) controller.abort();
      },
    });

    expect(code).toBe(RECONCILE_JOB_EXIT_CODES.clean);
    expect(printed).toHaveLength(2);
  });

  it('steps aside when another reconciler holds a SQLite ledger', async () => {
    const path = join(dir, 'ledger.sqlite');
    const holder = await openSqliteLedger({ path });
    const lock = await holder.acquireReconcileLock();
    try {
      expect(await job({ ledger: `sqlite:${path}` })).toBe(RECONCILE_JOB_EXIT_CODES.clean);
      expect(printed).toEqual(['another reconciler holds this ledger; nothing to do this time']);
    } finally {
      await lock?.release();
      await holder.close();
    }
  });

  it('exits with its code when run directly, and prints usage without its settings', async () => {
    panel.faults.script('add', ['ok', { kind: 'html_502', processed: false }]);
    await placeOrders(['https://example.test/1', 'https://example.test/2']);
    const env = { SMM_PANEL_URL: panel.url, SMM_PANEL_KEY: panel.apiKey };

    const run = await runExample('reconcile-job.ts', ['--ledger', `file:${ledgerPath}`], env);
    expect(run.code).toBe(RECONCILE_JOB_EXIT_CODES.unknownOpen);
    expect(run.stdout).toContain('Reconciled standard');
    expect(run.stdout + run.stderr).not.toContain(panel.apiKey);

    const usage = await runExample('reconcile-job.ts', [], {});
    expect(usage.code).toBe(RECONCILE_JOB_EXIT_CODES.error);
    expect(usage.stderr).toContain('Usage: SMM_PANEL_URL=');
  });
});
