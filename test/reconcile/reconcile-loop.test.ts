import { describe, expect, it } from 'vitest';
import { createMemoryLedger } from '../../src/ledger/memory-ledger.js';
import { startLoop } from '../../src/reconcile/reconcile-loop.js';
import type { ReconcileReport } from '../../src/reconcile/reconcile-report.js';
import { Reconciler } from '../../src/reconcile/reconciler.js';
import type { ReconcilerClient } from '../../src/reconcile/reconciler-options.js';

const fakeReport = { needsAttention: false } as ReconcileReport;

describe('the reconcile loop', () => {
  it('never runs twice at once and schedules the next run only after the last ends', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const starts: number[] = [];
    const ends: number[] = [];
    const controller = new AbortController();
    const loop = startLoop(
      async () => {
        inFlight += 1;
        maxInFlight = Math.max(maxInFlight, inFlight);
        starts.push(performance.now());
        await new Promise((resolve) => setTimeout(resolve, 15));
        ends.push(performance.now());
        inFlight -= 1;
        if (ends.length === 4) controller.abort();
        return fakeReport;
      },
      { intervalMs: 5, jitterRatio: 0.5, random: () => 1, signal: controller.signal },
    );
    await loop.done;

    expect(maxInFlight).toBe(1);
    expect(starts).toHaveLength(4);
    for (let i = 1; i < starts.length; i++) {
      // Interval plus full jitter (5 + 2.5 ms, which Node's timers truncate to 7) after the
      // previous end. Node's timer clock is coarser than performance.now() and a timer can look
      // up to ~2 ms early on a loaded machine, so only the interval itself is asserted here.
      expect((starts[i] as number) - (ends[i - 1] as number)).toBeGreaterThanOrEqual(5);
    }
  });

  it('stops on abort, aborting the run in progress, without calling onError', async () => {
    let calls = 0;
    const client: ReconcilerClient = {
      profile: { hasServerIdempotency: false, batchLimit: 100, name: 'fake', url: 'http://x' },
      status: (_ids, options) =>
        new Promise((_resolve, reject) => {
          calls += 1;
          options?.signal?.addEventListener('abort', () => reject(options.signal?.reason));
        }),
      balance: async () => ({ balance: '0', currency: 'USD' }),
    };
    const ledger = createMemoryLedger();
    await ledger.claim(
      { key: 'k', fingerprint: 'f', panel: 'fake', params: {} },
      { owner: 'o', leaseMs: 1000, now: 1 },
    );
    await ledger.settle('k', 'o', { state: 'placed', orderId: '1' }, 2);
    const errors: unknown[] = [];
    const controller = new AbortController();
    const loop = new Reconciler({ client, ledger }).startReconcileLoop({
      intervalMs: 1,
      signal: controller.signal,
      onError: (error) => void errors.push(error),
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    controller.abort();
    await loop.done;

    expect(calls).toBe(1);
    expect(errors).toEqual([]);
  });

  it('ends with the error when a run fails and no onError is given', async () => {
    const loop = startLoop(
      async () => {
        throw new Error('panel down');
      },
      { intervalMs: 1 },
    );
    await expect(loop.done).rejects.toThrow('panel down');
  });

  it('keeps going after a failed run when onError is given, until stop()', async () => {
    let runs = 0;
    const errors: string[] = [];
    const reports: ReconcileReport[] = [];
    const loop = startLoop(
      async () => {
        runs += 1;
        if (runs === 1) throw new Error('once');
        if (runs === 3) queueMicrotask(() => loop.stop());
        return fakeReport;
      },
      {
        intervalMs: 1,
        onError: (error) => void errors.push((error as Error).message),
        onReport: (report) => void reports.push(report),
      },
    );
    await loop.done;
    expect(errors).toEqual(['once']);
    expect(reports).toHaveLength(2);
    expect(runs).toBe(3);
  });
});

describe('the reconcile lock of a shared ledger', () => {
  const client: ReconcilerClient = {
    profile: { hasServerIdempotency: false, batchLimit: 100, name: 'fake', url: 'http://x' },
    status: async (ids) =>
      new Map(
        ids.map(
          (id) =>
            [
              String(id),
              { ok: false, errorClass: 'not_found', message: 'Incorrect order ID' },
            ] as const,
        ),
      ),
    balance: async () => ({ balance: '0', currency: 'USD' }),
  };

  it('skips the run when another reconciler holds the lock', async () => {
    const ledger = createMemoryLedger();
    ledger.acquireReconcileLock = async () => undefined;
    const report = await new Reconciler({ client, ledger }).reconcile();
    expect(report.isSkipped).toBe(true);
    expect(report.needsAttention).toBe(false);
    expect(report.notes[0]).toMatch(/reconcile lock/);
  });

  it('holds the lock for the run and releases it after', async () => {
    const ledger = createMemoryLedger();
    const events: string[] = [];
    const list = ledger.list.bind(ledger);
    ledger.list = async (options) => {
      events.push('list');
      return list(options);
    };
    ledger.acquireReconcileLock = async () => {
      events.push('lock');
      return { release: async () => void events.push('release') };
    };
    const report = await new Reconciler({ client, ledger }).reconcile();
    expect(report.isSkipped).toBe(false);
    expect(events).toEqual(['lock', 'list', 'release']);
  });
});
