import { describe, expect, it } from 'vitest';
import type { OrderStateItem } from '../../src/api/results.js';
import type { LedgerEntry } from '../../src/ledger/ledger.js';
import { ReportBuilder } from '../../src/reconcile/report-builder.js';
import { StatusBatcher } from '../../src/reconcile/status-batcher.js';
import { UnknownCollector } from '../../src/reconcile/unknown-collector.js';

let sequence = 0;
function entry(
  key: string,
  state: LedgerEntry['state'],
  at: number,
  extra: Partial<LedgerEntry> = {},
): LedgerEntry {
  sequence += 1;
  return {
    key,
    fingerprint: key,
    panel: 'p',
    params: { service: '1', link: `https://x.test/${key}` },
    state,
    attempts: [{ attempt: 1, startedAt: at, endedAt: at + 50 }],
    evidence: [],
    createdAt: at,
    updatedAt: at + 50,
    sequence,
    ...extra,
  };
}

describe('collecting what the unknown resolution needs', () => {
  it('bounds an unknown by orders answered before it, and claims the ids above that bound', () => {
    const collector = new UnknownCollector({ clockSkewMs: 0 });
    collector.observe(entry('a', 'placed', 0, { orderId: '100' }));
    // Recorded before u, but answered after u started: its id may be above u's order.
    collector.observe(
      entry('b', 'placed', 1_000, {
        orderId: '104',
        attempts: [{ attempt: 1, startedAt: 1_000, endedAt: 5_000, orderId: '104' }],
      }),
    );
    collector.observe(entry('u', 'unknown', 2_000, { expectedCharge: '0.09' }));
    collector.observe(entry('c', 'placed', 6_000, { orderId: '107' }));
    collector.observe(entry('d', 'placed', 7_000, { orderId: 'ord_x' }));

    expect(collector.settleable()).toEqual([
      expect.objectContaining({ key: 'u', lowerBound: 100n, expectedCharge: '0.09' }),
    ]);
    expect(collector.highestId).toBe(107n);
    expect(collector.isClaimed(104n)).toBe(true);
    expect(collector.isClaimed(107n)).toBe(true);
    expect(collector.isClaimed(100n)).toBe(false);
    expect(collector.opaqueId).toBe('ord_x');
  });

  it('hints at a later duplicate-link refusal for the same service and link', () => {
    const collector = new UnknownCollector();
    collector.observe(entry('u', 'unknown', 1_000));
    collector.observe(
      entry('later', 'rejected', 2_000, {
        params: { service: '1', link: 'https://x.test/u' },
        rejection: {
          errorClass: 'duplicate_link',
          message: 'You have active order with this link',
        },
      }),
    );
    collector.observe(
      entry('other', 'rejected', 3_000, {
        rejection: {
          errorClass: 'duplicate_link',
          message: 'You have active order with this link',
        },
      }),
    );
    const [u] = collector.settleable();
    expect(u?.newEvidence).toEqual([
      expect.objectContaining({
        kind: 'duplicate_link_hint',
        detail: expect.stringContaining('later'),
      }),
    ]);
  });

  it('treats a pending intent with an attempt as a competitor, not as something to settle', () => {
    const collector = new UnknownCollector();
    collector.observe(entry('p', 'pending', 1_000));
    collector.observe(entry('q', 'pending', 1_000, { attempts: [] }));
    expect(collector.settleable()).toEqual([]);
    expect(collector.unknowns.map((u) => [u.key, u.isCompetitor])).toEqual([['p', true]]);
    expect(collector.pendingKeys).toEqual(['p', 'q']);
  });
});

describe('batching status calls', () => {
  it('sends full batches of distinct ids across pages, with at most `concurrency` in flight', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const batches: number[] = [];
    const handled: string[] = [];
    const batcher = new StatusBatcher<{ id: string; key: string }>({
      batchSize: 100,
      concurrency: 2,
      idOf: (item) => item.id,
      fetch: async (ids) => {
        inFlight += 1;
        maxInFlight = Math.max(maxInFlight, inFlight);
        batches.push(ids.length);
        await new Promise((resolve) => setTimeout(resolve, 2));
        inFlight -= 1;
        return new Map<string, OrderStateItem>();
      },
      handle: async (items) => {
        handled.push(...items.map((item) => item.key));
      },
    });
    for (let i = 0; i < 1_050; i++) await batcher.add({ id: String(i), key: `k${i}` });
    // Two entries holding one id travel in one call.
    await batcher.add({ id: '1049', key: 'again' });
    await batcher.flush();

    expect(batches).toEqual([...Array(10).fill(100), 50]);
    expect(maxInFlight).toBe(2);
    expect(handled).toHaveLength(1_051);
  });

  it('throws the first failure from the next add or from flush', async () => {
    const batcher = new StatusBatcher<string>({
      batchSize: 1,
      concurrency: 1,
      idOf: (id) => id,
      fetch: async () => {
        throw new Error('status failed');
      },
      handle: async () => {},
    });
    await batcher.add('1');
    await expect(
      (async () => {
        await batcher.add('2');
        await batcher.flush();
      })(),
    ).rejects.toThrow('status failed');
  });
});

describe('building the report', () => {
  it('keeps every count exact while capping the listed items', () => {
    const builder = new ReportBuilder(2);
    for (let i = 0; i < 5; i++)
      builder.add('matched', { key: `k${i}`, orderId: `${i}`, status: 'pending' });
    const report = builder.build({
      panel: 'p',
      startedAt: 0,
      finishedAt: 1,
      isSkipped: false,
      money: { currencies: [], balance: undefined },
    });
    expect(report.counts.matched).toBe(5);
    expect(report.matched).toHaveLength(2);
    expect(report.isTruncated).toBe(true);
    expect(report.needsAttention).toBe(false);
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });
});
