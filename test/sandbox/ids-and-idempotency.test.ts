import { afterEach, describe, expect, it } from 'vitest';
import {
  type SandboxOptions,
  type SandboxPanel,
  startSandboxPanel,
} from '../../src/sandbox/index.js';
import { call, fakeClock, postForm } from './sandbox-http.js';

const order = (link: string, extra: Record<string, string> = {}) => ({
  action: 'add',
  service: '1',
  link,
  quantity: '100',
  ...extra,
});

describe('sandbox ids, duplicate links and idempotency', () => {
  let panel: SandboxPanel | undefined;
  const clock = fakeClock();

  async function start(options: SandboxOptions = {}): Promise<SandboxPanel> {
    panel = await startSandboxPanel({
      clock: clock.now,
      pendingMs: 100,
      deliveryMs: 1000,
      ...options,
    });
    return panel;
  }
  afterEach(async () => {
    await panel?.close();
    panel = undefined;
  });

  it('interleaves other users in the id sequence, deterministically for a seed', async () => {
    const ids = async () => {
      const p = await start({ otherUsersOrderRate: 2, seed: 5, firstOrderId: 500 });
      const taken: number[] = [];
      for (let i = 0; i < 10; i++)
        taken.push((await call(p, order(`https://example.test/${i}`))).order);
      await p.close();
      return taken;
    };
    const first = await ids();
    expect(first[0]).toBeGreaterThanOrEqual(500);
    const gaps = first.slice(1).map((id, i) => id - (first[i] as number));
    expect(gaps.some((gap) => gap > 1)).toBe(true);
    expect(await ids()).toEqual(first);
  });

  it('takes contiguous ids from firstOrderId when other users are off', async () => {
    const p = await start({ otherUsersOrderRate: 0, firstOrderId: 42 });
    expect((await call(p, order('https://example.test/a'))).order).toBe(42);
    expect((await call(p, order('https://example.test/b'))).order).toBe(43);
  });

  it('answers "Incorrect order ID" for other users\' orders, which the state still lists', async () => {
    const p = await start({ otherUsersOrderRate: 3, seed: 9 });
    for (let i = 0; i < 4; i++) await call(p, order(`https://example.test/${i}`));
    const foreign = p.state.orders({ ownedByUs: false });
    expect(foreign.length).toBeGreaterThan(0);
    const id = foreign[0]?.id as string;
    expect(await call(p, { action: 'status', order: id })).toEqual({ error: 'Incorrect order ID' });
    expect(await call(p, { action: 'refill', order: id })).toEqual({ error: 'Incorrect order ID' });
    expect(await call(p, { action: 'cancel', orders: id })).toEqual([
      { order: Number(id), cancel: { error: 'Incorrect order ID' } },
    ]);
    expect(p.state.purchases().orders).toBe(4);
  });

  it('refuses a second active order for the same link and service until the first ends', async () => {
    const p = await start();
    const first = await call(p, order('https://example.test/dup'));
    expect(first.order).toEqual(expect.any(Number));
    expect(await call(p, order('https://example.test/dup'))).toEqual({
      error: 'You have active order with this link. Please wait until order being completed.',
    });
    expect((await call(p, { ...order('https://example.test/dup'), service: '2' })).order).toEqual(
      expect.any(Number),
    );
    clock.advance(1100);
    expect((await call(p, order('https://example.test/dup'))).order).toEqual(expect.any(Number));
  });

  it('lets duplicates through when the rule is off', async () => {
    const p = await start({ duplicateLinkRule: false });
    await call(p, order('https://example.test/dup'));
    expect((await call(p, order('https://example.test/dup'))).order).toEqual(expect.any(Number));
    expect(p.state.purchases().byLink['https://example.test/dup']).toBe(2);
  });

  it('honours an Idempotency-Key header: same key, one order, one charge', async () => {
    const p = await start({ idempotency: { mode: 'header' } });
    const headers = { 'Idempotency-Key': 'intent-1' };
    const first = await call(p, order('https://example.test/k'), { headers });
    const again = await call(p, order('https://example.test/k'), { headers });
    expect(again).toEqual(first);
    expect(p.state.purchases()).toMatchObject({
      orders: 1,
      totalCharged: '0.09',
      byIdempotencyKey: { 'intent-1': 1 },
      idempotentReplays: 1,
    });
    expect(p.state.balance()).toBe('999.91');
  });

  it('refuses the same header key with other parameters', async () => {
    const p = await start({ idempotency: { mode: 'header', name: 'X-Request-Id' } });
    await call(p, order('https://example.test/k'), { headers: { 'x-request-id': 'k2' } });
    const other = await call(p, order('https://example.test/k', { quantity: '200' }), {
      headers: { 'X-Request-Id': 'k2' },
    });
    expect(other).toEqual({ error: 'Idempotency key already used with different parameters' });
    expect(p.state.purchases().orders).toBe(1);
  });

  it('honours a request_id form field, whatever the field order', async () => {
    const p = await start({ idempotency: { mode: 'form_field' } });
    const first = await call(p, order('https://example.test/f', { request_id: 'r-1' }));
    const reordered = {
      request_id: 'r-1',
      quantity: '100',
      link: 'https://example.test/f',
      service: '1',
      action: 'add',
    };
    expect(await call(p, reordered)).toEqual(first);
    expect(await call(p, order('https://example.test/g', { request_id: 'r-1' }))).toEqual({
      error: 'Idempotency key already used with different parameters',
    });
    expect(p.state.purchases().orders).toBe(1);
  });

  it('ignores keys in none mode, buying twice, and counts the orders per key', async () => {
    const p = await start({ idempotency: { mode: 'none' }, duplicateLinkRule: false });
    const headers = { 'Idempotency-Key': 'same' };
    const a = await call(p, order('https://example.test/n'), { headers });
    const b = await call(p, order('https://example.test/n'), { headers });
    expect(b.order).not.toBe(a.order);
    expect(p.state.purchases()).toMatchObject({ orders: 2, byIdempotencyKey: { same: 2 } });
    expect(p.state.balance()).toBe('999.82');
  });

  it('refills completed orders of refill services and reports refill status', async () => {
    const p = await start({ refillMs: 1000 });
    const followers = await call(p, order('https://example.test/r'));
    const likes = await call(p, { ...order('https://example.test/r'), service: '2' });
    expect(await call(p, { action: 'refill', order: String(followers.order) })).toEqual({
      error: 'Order not eligible for refill.',
    });
    clock.advance(1100);
    const single = await call(p, { action: 'refill', order: String(followers.order) });
    expect(single).toEqual({ refill: expect.stringMatching(/^\d+$/) });
    const batch = await call(p, {
      action: 'refill',
      orders: `${followers.order},${likes.order},7`,
    });
    expect(batch).toEqual([
      { order: followers.order, refill: { error: 'Order not eligible for refill.' } },
      { order: likes.order, refill: { error: 'Order not eligible for refill.' } },
      { order: 7, refill: { error: 'Incorrect order ID' } },
    ]);
    expect(await call(p, { action: 'refill_status', refill: single.refill })).toEqual({
      status: 'Pending',
    });
    clock.advance(600);
    expect(await call(p, { action: 'refill_status', refill: single.refill })).toEqual({
      status: 'In progress',
    });
    clock.advance(400);
    expect(await call(p, { action: 'refill_status', refills: `${single.refill},999` })).toEqual([
      { refill: Number(single.refill), status: 'Completed' },
      { refill: 999, status: { error: 'Refill not found' } },
    ]);
    expect(p.state.refills()).toHaveLength(1);
  });

  it('answers 429 with Retry-After past the rate limit, until the window passes', async () => {
    const p = await start({ rateLimit: { maxRequests: 2, windowMs: 60_000 } });
    await call(p, { action: 'balance' });
    await call(p, { action: 'balance' });
    const limited = await postForm(p, order('https://example.test/rl'));
    expect(limited.status).toBe(429);
    expect(limited.headers['retry-after']).toBe('60');
    expect(p.state.purchases().orders).toBe(0);
    clock.advance(60_000);
    expect((await postForm(p, { action: 'balance' })).status).toBe(200);
  });
});
