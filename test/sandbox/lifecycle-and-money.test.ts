import { afterEach, describe, expect, it } from 'vitest';
import {
  type SandboxOptions,
  type SandboxPanel,
  startSandboxPanel,
} from '../../src/sandbox/index.js';
import { call, fakeClock, postForm } from './sandbox-http.js';

const LINK = 'https://example.test/reel/1';

describe('sandbox order lifecycle and money', () => {
  let panel: SandboxPanel | undefined;
  const clock = fakeClock();

  async function start(options: SandboxOptions = {}): Promise<SandboxPanel> {
    panel = await startSandboxPanel({
      clock: clock.now,
      pendingMs: 1000,
      deliveryMs: 10_000,
      cancelDelayMs: 500,
      ...options,
    });
    return panel;
  }
  afterEach(async () => {
    await panel?.close();
    panel = undefined;
  });

  it('moves an order from Pending through In progress to Completed as the clock moves', async () => {
    const p = await start();
    const { order } = await call(p, { action: 'add', service: '1', link: LINK, quantity: '1000' });
    const status = () => call(p, { action: 'status', order: String(order) });

    expect(await status()).toEqual({
      charge: '0.9',
      start_count: '0',
      status: 'Pending',
      remains: '1000',
      currency: 'USD',
    });
    clock.advance(1000 + 5000);
    const halfway = await status();
    expect(halfway.status).toBe('In progress');
    expect(halfway.remains).toBe('500');
    expect(Number(halfway.start_count)).toBeGreaterThanOrEqual(0);
    clock.advance(5000);
    expect(await status()).toMatchObject({ status: 'Completed', remains: '0', charge: '0.9' });
    expect(await call(p, { action: 'balance' })).toEqual({ balance: '999.10000', currency: 'USD' });
  });

  it('refunds the remains of a Partial order exactly', async () => {
    const p = await start({ partialFraction: 1, seed: 3 });
    const { order } = await call(p, { action: 'add', service: '1', link: LINK, quantity: '777' });
    expect(p.state.balance()).toBe('999.3007');
    clock.advance(11_000);
    const status = await call(p, { action: 'status', order: String(order) });
    expect(status.status).toBe('Partial');
    const remains = Number(status.remains);
    expect(remains).toBeGreaterThan(0);
    expect(remains).toBeLessThan(777);
    // rate 0.90 per 1000: refund = remains × 0.0009, added back to 999.3007.
    const refund = (remains * 9) / 10_000;
    expect(p.state.order(order)?.refunded).toBe(String(refund));
    expect(Number(p.state.balance())).toBeCloseTo(999.3007 + refund, 10);
    expect(p.state.purchases()).toMatchObject({
      totalCharged: '0.6993',
      totalRefunded: String(refund),
    });
  });

  it('plans Partial outcomes for the configured share of orders, the same way for the same seed', async () => {
    const outcomes = async () => {
      const p = await start({ partialFraction: 0.5, seed: 11 });
      for (let i = 0; i < 12; i++) {
        await call(p, { action: 'add', service: '2', link: `${LINK}/${i}`, quantity: '100' });
      }
      clock.advance(11_000);
      const statuses = p.state.orders({ ownedByUs: true }).map((o) => o.status);
      await p.close();
      return statuses;
    };
    const first = await outcomes();
    expect(first).toContain('Partial');
    expect(first).toContain('Completed');
    expect(await outcomes()).toEqual(first);
  });

  it('cancels a running order: answers 1, then Canceled with the remains refunded', async () => {
    const p = await start();
    const { order } = await call(p, { action: 'add', service: '1', link: LINK, quantity: '1000' });
    clock.advance(1000 + 2000);
    expect(await call(p, { action: 'cancel', orders: String(order) })).toEqual([
      { order, cancel: 1 },
    ]);
    expect((await call(p, { action: 'status', order: String(order) })).status).toBe('In progress');
    clock.advance(500);
    const status = await call(p, { action: 'status', order: String(order) });
    expect(status).toMatchObject({ status: 'Canceled', remains: '800' });
    // Charged 0.9, refunded 800 × 0.0009 = 0.72.
    expect(p.state.balance()).toBe('999.82');
    clock.advance(60_000);
    expect(p.state.balance()).toBe('999.82');
  });

  it('accepts cancel with a single order field too', async () => {
    const p = await start();
    const { order } = await call(p, { action: 'add', service: '1', link: LINK, quantity: '100' });
    expect(await call(p, { action: 'cancel', order: String(order) })).toEqual({ cancel: 1 });
    clock.advance(500);
    expect(p.state.order(order)).toMatchObject({ status: 'Canceled', refunded: '0.09' });
    expect(p.state.balance()).toBe('1000');
  });

  it('refuses to cancel other services, finished orders and unknown ids, per item', async () => {
    const p = await start();
    const likes = await call(p, { action: 'add', service: '2', link: LINK, quantity: '100' });
    const followers = await call(p, { action: 'add', service: '1', link: LINK, quantity: '100' });
    clock.advance(11_000);
    const answer = await call(p, {
      action: 'cancel',
      orders: `${likes.order},${followers.order},1`,
    });
    expect(answer).toEqual([
      { order: likes.order, cancel: { error: 'Cancel is disabled for this service' } },
      { order: followers.order, cancel: { error: 'Order not eligible for cancel.' } },
      { order: 1, cancel: { error: 'Incorrect order ID' } },
    ]);
  });

  it('lists drip-feed children as runs start, each answering its own status', async () => {
    const p = await start({ otherUsersOrderRate: 0 });
    const { order } = await call(p, {
      action: 'add',
      service: '3',
      link: LINK,
      quantity: '100',
      runs: '4',
      interval: '5',
    });
    clock.advance(1000 + 3000);
    const parent = await call(p, { action: 'status', order: String(order) });
    expect(parent).toMatchObject({ status: 'In progress', runs: '4', remains: '280' });
    expect(parent.orders).toEqual([order + 1, order + 2]);
    const child = await call(p, { action: 'status', order: String(order + 1) });
    expect(child).toMatchObject({ status: 'Completed', remains: '0', charge: '0.145' });
    clock.advance(10_000);
    const done = await call(p, { action: 'status', order: String(order) });
    expect(done.orders).toHaveLength(4);
    expect(done.status).toBe('Completed');
  });

  it('answers a batch status keyed by id, with errors inside', async () => {
    const p = await start();
    const { order } = await call(p, { action: 'add', service: '1', link: LINK, quantity: '100' });
    const raw = await postForm(p, { action: 'status', orders: `${order}, 5, abc` });
    const answer = JSON.parse(raw.text);
    // Keys in the order asked for, as a panel writes them (a parsed object would reorder them).
    expect(raw.text.indexOf(`"${order}"`)).toBeLessThan(raw.text.indexOf('"5"'));
    expect(Object.keys(answer).sort()).toEqual([String(order), '5', 'abc'].sort());
    expect(answer[String(order)].status).toBe('Pending');
    expect(answer['5']).toEqual({ error: 'Incorrect order ID' });
    expect(answer.abc).toEqual({ error: 'Incorrect order ID' });
  });

  it('refuses batches of more than 100 ids as a whole', async () => {
    const p = await start();
    const ids = Array.from({ length: 101 }, (_, i) => String(10_000 + i)).join(',');
    for (const [action, field] of [
      ['status', 'orders'],
      ['refill', 'orders'],
      ['refill_status', 'refills'],
      ['cancel', 'orders'],
    ] as const) {
      expect(await call(p, { action, [field]: ids })).toEqual({
        error: 'Too many ids: at most 100 per request',
      });
    }
    const hundred = ids.split(',').slice(0, 100).join(',');
    expect(Object.keys(await call(p, { action: 'status', orders: hundred }))).toHaveLength(100);
  });
});
