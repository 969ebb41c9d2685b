import { afterEach, describe, expect, it } from 'vitest';
import { formatReconcileSummary } from '../../src/reconcile/format-reconcile-summary.js';
import { followers, orderIdOnLink, place, placeLost, type Setup, setUp } from './helpers.js';

describe('bringing the ledger up to date with the sandbox', () => {
  let setup: Setup | undefined;
  async function start(options?: Parameters<typeof setUp>[0]): Promise<Setup> {
    setup = await setUp(options);
    return setup;
  }
  afterEach(async () => {
    await setup?.close();
    setup = undefined;
  });

  it('applies drift from Pending to Completed, Partial and Canceled with exact refunds', async () => {
    const s = await start();
    const done = await place(s, followers('done', 100), 'done');
    const partial = await place(s, followers('partial', 1000), 'partial');
    const canceled = await place(s, followers('canceled', 100), 'canceled');
    const pack = await place(
      s,
      { type: 'package', service: 5, link: 'https://example.test/p' },
      'pack',
    );
    const comments = await place(
      s,
      {
        type: 'custom_comments',
        service: 7,
        link: 'https://example.test/c',
        comments: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l'],
      },
      'comments',
    );

    const first = await s.reconciler().reconcile();
    expect(first.counts).toMatchObject({ polled: 5, updated: 5, statusCalls: 1, refunds: 0 });
    expect(first.updated[0]).toMatchObject({ key: 'done', from: 'unseen', to: 'pending' });

    s.panel.state.forceOrderStatus(done, 'Completed');
    s.panel.state.forceOrderStatus(partial, 'Partial', { remains: 250 });
    s.panel.state.forceOrderStatus(canceled, 'Canceled', { remains: 37 });
    s.panel.state.forceOrderStatus(pack, 'Canceled', { remains: 1 });
    s.panel.state.forceOrderStatus(comments, 'Partial', { remains: 5 });

    const second = await s.reconciler().reconcile();
    expect(second.updated.map((item) => [item.key, item.from, item.to])).toEqual([
      ['done', 'pending', 'completed'],
      ['partial', 'pending', 'partial'],
      ['canceled', 'pending', 'canceled'],
      ['pack', 'pending', 'canceled'],
      ['comments', 'pending', 'partial'],
    ]);
    const refunds = Object.fromEntries(second.refunds.map((item) => [item.key, item.refund]));
    expect(refunds).toEqual({
      partial: '0.225',
      canceled: '0.0333',
      pack: '4.5',
      comments: '0.04',
    });
    // The same figures the sandbox gave back to the balance.
    for (const [key, id] of [
      ['partial', partial],
      ['canceled', canceled],
      ['pack', pack],
      ['comments', comments],
    ] as const) {
      expect((await s.ledger.get(key))?.refund).toBe(s.panel.state.order(id)?.refunded);
    }
    expect((await s.ledger.get('done'))?.panelState).toMatchObject({
      status: 'completed',
      remains: 0,
    });

    const third = await s.reconciler().reconcile();
    expect(third.counts).toMatchObject({ terminalSkipped: 5, polled: 0, statusCalls: 0 });
  });

  it('reports an order the panel does not know as missing', async () => {
    const s = await start();
    await place(s, followers('kept', 100), 'kept');
    const gone = await place(s, followers('gone', 100), 'gone');
    expect(s.panel.state.removeOrder(gone)).toBe(true);

    const report = await s.reconciler().reconcile();

    expect(report.missingOnPanel).toEqual([
      { key: 'gone', orderId: gone, message: 'Incorrect order ID', lastKnownStatus: undefined },
    ]);
    expect(report.counts.matched + report.counts.updated).toBe(1);
    expect(report.needsAttention).toBe(true);
    expect(formatReconcileSummary(report)).toContain(`gone  order ${gone}: "Incorrect order ID"`);
  });

  it('reports a charge that differs from the expected price, and an order stuck for too long', async () => {
    const s = await start();
    await place(s, followers('a', 100), 'a', { expectedCharge: '0.07' });
    const report = await s.reconciler({ stuckAfterMs: 0 }).reconcile();
    expect(report.chargeMismatches).toEqual([
      expect.objectContaining({ key: 'a', expected: '0.07', charged: '0.09', difference: '0.02' }),
    ]);
    expect(report.stuck).toEqual([expect.objectContaining({ key: 'a', status: 'pending' })]);
  });

  it('reports the orders of a status call that failed after every retry as unread, and goes on', async () => {
    const s = await start({ client: { retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 2 } } });
    await place(s, followers('a', 100), 'a');
    await place(s, followers('b', 100), 'b');
    s.panel.faults.script('status', ['html_502', 'html_502']);

    const failed = await s.reconciler({ startingBalance: { amount: '1000' } }).reconcile();
    expect(failed.counts).toMatchObject({ failedCalls: 1, statusErrors: 2, updated: 0 });
    expect(failed.statusErrors[0]).toMatchObject({ key: 'a', errorClass: 'transient' });
    expect(failed.money.balance?.addsUp).toBe(true);
    expect(failed.needsAttention).toBe(true);

    const next = await s.reconciler().reconcile();
    expect(next.counts).toMatchObject({ failedCalls: 0, updated: 2 });
    expect(next.needsAttention).toBe(false);
  });

  it('reports money figures that add up to the sandbox balance', async () => {
    const s = await start({ sandbox: { startingBalance: '250' } });
    const a = await place(s, followers('a', 1000), 'a');
    const b = await place(s, followers('b', 300), 'b');
    await place(s, { type: 'package', service: 5, link: 'https://example.test/p' }, 'p');
    s.panel.faults.script('add', ['reset_after_commit']);
    await placeLost(s, followers('lost', 600), 'lost');
    s.panel.state.forceOrderStatus(a, 'Partial', { remains: 333 });
    s.panel.state.forceOrderStatus(b, 'Canceled', { remains: 300 });

    const report = await s.reconciler({ startingBalance: { amount: '250' } }).reconcile();

    expect(report.unknownResolved[0]).toMatchObject({
      key: 'lost',
      orderId: orderIdOnLink(s.panel, 'https://example.test/lost'),
    });
    const bought = s.panel.state.purchases();
    expect(report.money.currencies).toEqual([
      {
        currency: 'USD',
        charged: bought.totalCharged,
        refunded: bought.totalRefunded,
        net: '5.6403',
        orders: 4,
      },
    ]);
    expect(report.money.balance).toEqual({
      currency: 'USD',
      starting: '250',
      now: s.panel.state.balance(),
      change: '-5.6403',
      explained: '-5.6403',
      difference: '0',
      addsUp: true,
    });
    expect(report.needsAttention).toBe(false);
    expect(formatReconcileSummary(report)).toContain('adds up.');
  });

  it('says the money does not add up when an order was bought outside the ledger', async () => {
    const s = await start({ sandbox: { startingBalance: '100' } });
    await place(s, followers('a', 1000), 'a');
    s.panel.state.createOrphanOrder({ service: 1, link: 'https://example.test/x', quantity: 100 });

    const report = await s.reconciler({ startingBalance: { amount: '100' } }).reconcile();

    expect(report.money.balance).toMatchObject({
      change: '-0.99',
      explained: '-0.9',
      addsUp: false,
    });
    expect(report.money.balance?.difference).toBe('-0.09');
    expect(report.needsAttention).toBe(true);
  });
});
