import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PanelClient } from '../../src/client/panel-client.js';
import { Reconciler } from '../../src/reconcile/reconciler.js';
import { type SandboxPanel, startSandboxPanel } from '../../src/sandbox/index.js';
import { fakeClock } from './helpers.js';
import { fillLargeLedger, recordPaging } from './large-ledger.js';

const ENTRIES = 100_000;

describe('reconciling a ledger of 100,000 entries', () => {
  let panel: SandboxPanel;
  beforeAll(async () => {
    // Orders finish at once on the sandbox clock, so the panel does no work per request for
    // orders that are already final.
    const clock = fakeClock();
    panel = await startSandboxPanel({
      clock: clock.now,
      pendingMs: 0,
      deliveryMs: 0,
      duplicateLinkRule: false,
      startingBalance: '10000000',
    });
  });
  afterAll(async () => {
    await panel.close();
  });

  it('makes ceil(N / 100) status calls plus scans, paging the ledger without loading it whole', async () => {
    const lostAt = [ENTRIES - 400, ENTRIES - 30];
    const filled = await fillLargeLedger(panel, ENTRIES, { lostAt });
    const { ledger, paging } = recordPaging(filled.ledger);
    const client = new PanelClient({ profile: { url: panel.url, apiKey: panel.apiKey }, ledger });
    const statusBefore = panel.state.requests().byAction.status ?? 0;

    const started = performance.now();
    const report = await new Reconciler({
      client,
      ledger,
      now: () => 1_700_000_000_000 + ENTRIES * 1_000 + 3_600_000,
    }).reconcile();
    const elapsedMs = performance.now() - started;
    await client.close();

    const statusCalls = (panel.state.requests().byAction.status ?? 0) - statusBefore;
    expect(filled.placed).toBe(ENTRIES - lostAt.length);
    expect(report.counts.polled).toBe(filled.placed);
    expect(report.counts.statusCalls - report.counts.scanCalls).toBe(
      Math.ceil(filled.placed / 100),
    );
    expect(statusCalls).toBe(report.counts.statusCalls);
    expect(report.counts.scanCalls).toBeGreaterThan(0);
    expect(report.counts.scanCalls).toBeLessThanOrEqual(20);

    expect(paging.limits.every((limit) => limit === 500)).toBe(true);
    expect(paging.largestPage).toBeLessThanOrEqual(500);
    expect(paging.listCalls).toBeGreaterThanOrEqual(ENTRIES / 500);

    expect(report.unknownResolved.map((item) => [item.key, item.orderId])).toEqual([
      ...filled.lost.entries(),
    ]);
    expect(report.counts).toMatchObject({ updated: filled.placed, orphans: 0, ambiguous: 0 });
    expect(report.updated).toHaveLength(1000);
    expect(report.isTruncated).toBe(true);
    expect(report.needsAttention).toBe(false);
    console.log(`100k reconcile: ${Math.round(elapsedMs)} ms`);
  }, 120_000);
});
