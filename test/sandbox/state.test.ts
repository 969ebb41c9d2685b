import { afterEach, describe, expect, it } from 'vitest';
import { isInvalidInputError } from '../../src/errors/guards.js';
import {
  createSandboxState,
  DEFAULT_SANDBOX_SERVICES,
  type SandboxOptions,
  type SandboxPanel,
  type SandboxService,
  startSandboxPanel,
} from '../../src/sandbox/index.js';
import { call, fakeClock } from './sandbox-http.js';

const FOLLOWERS = DEFAULT_SANDBOX_SERVICES[0] as SandboxService;

describe('sandbox state inspection', () => {
  let panel: SandboxPanel | undefined;
  const clock = fakeClock();

  async function start(options: SandboxOptions = {}): Promise<SandboxPanel> {
    panel = await startSandboxPanel({ clock: clock.now, otherUsersOrderRate: 0, ...options });
    return panel;
  }
  afterEach(async () => {
    await panel?.close();
    panel = undefined;
  });

  it('works without a server', () => {
    const state = createSandboxState({ startingBalance: '10', otherUsersOrderRate: 0 });
    const orphan = state.createOrphanOrder({
      service: 1,
      link: 'https://example.test/o',
      quantity: 1000,
    });
    expect(orphan).toMatchObject({ id: '10000', origin: 'orphan', ownedByUs: true, charge: '0.9' });
    expect(state.balance()).toBe('9.1');
  });

  it('shows an orphan to the API as one of our orders, and counts it as bought', async () => {
    const p = await start();
    const orphan = p.state.createOrphanOrder({
      service: '7',
      link: 'https://example.test/c',
      fields: { comments: 'a\nb\nc\nd\ne\nf\ng\nh\ni\nj' },
      idempotencyKey: 'lost-1',
    });
    const status = await call(p, { action: 'status', order: orphan.id });
    expect(status).toMatchObject({ charge: '0.08', status: 'Pending', remains: '10' });
    expect(p.state.purchases()).toMatchObject({ orders: 1, byIdempotencyKey: { 'lost-1': 1 } });
  });

  it('refuses an orphan the panel would refuse, with the panel text', () => {
    const state = createSandboxState();
    try {
      state.createOrphanOrder({ service: 1, link: 'https://example.test/x', quantity: 5 });
      expect.unreachable();
    } catch (error) {
      expect(isInvalidInputError(error)).toBe(true);
      expect((error as Error).message).toBe('Quantity less than minimal 50');
    }
  });

  it('forces statuses with the refunds they imply, and takes a refund back when forced away', async () => {
    const p = await start();
    const { order } = await call(p, {
      action: 'add',
      service: '1',
      link: 'https://example.test/x',
      quantity: '1000',
    });
    expect(p.state.balance()).toBe('999.1');
    expect(p.state.forceOrderStatus(order, 'Partial', { remains: 250 })).toMatchObject({
      status: 'Partial',
      remains: 250,
      refunded: '0.225',
    });
    expect(p.state.balance()).toBe('999.325');
    expect(await call(p, { action: 'status', order: String(order) })).toMatchObject({
      status: 'Partial',
      remains: '250',
    });
    p.state.forceOrderStatus(order, 'Completed');
    expect(p.state.balance()).toBe('999.1');
    p.state.forceOrderStatus(order, 'Canceled', { remains: 1000 });
    expect(p.state.balance()).toBe('1000');
    expect(() => p.state.forceOrderStatus(order, 'Partial', { remains: 5000 })).toThrow(/remains/);
    expect(() => p.state.forceOrderStatus(123, 'Completed')).toThrow(/No order/);
  });

  it('forgets a removed order, which then answers "Incorrect order ID"', async () => {
    const p = await start();
    const { order } = await call(p, {
      action: 'add',
      service: '1',
      link: 'https://example.test/r',
      quantity: '100',
    });
    expect(p.state.removeOrder(order)).toBe(true);
    expect(await call(p, { action: 'status', order: String(order) })).toEqual({
      error: 'Incorrect order ID',
    });
    expect(p.state.order(order)).toBeUndefined();
    expect(p.state.removeOrder(order)).toBe(false);
  });

  it('adds services and sets the balance', async () => {
    const p = await start();
    p.state.addService({
      id: 99,
      name: 'Test Views',
      type: 'default',
      category: 'Test',
      rate: '0.001',
      min: 1,
      max: 10,
      refill: false,
      cancel: false,
      dripfeed: false,
    });
    p.state.setBalance('0.00001');
    expect(
      (await call(p, { action: 'services' })).map((s: { service: number }) => s.service),
    ).toContain(99);
    const answer = await call(p, {
      action: 'add',
      service: '99',
      link: 'https://example.test/v',
      quantity: '10',
    });
    expect(answer.order).toEqual(expect.any(Number));
    expect(await call(p, { action: 'balance' })).toEqual({ balance: '0.00000', currency: 'USD' });
    expect(() => p.state.setBalance('-1')).toThrow(/balance/);
  });

  it('answers a balance with more than five decimals exactly', async () => {
    const p = await start({ startingBalance: '1' });
    p.state.addService({
      ...FOLLOWERS,
      id: 98,
      rate: '0.0125',
      refill: false,
    });
    await call(p, {
      action: 'add',
      service: '98',
      link: 'https://example.test/d',
      quantity: '123',
    });
    expect(await call(p, { action: 'balance' })).toEqual({ balance: '0.9984625', currency: 'USD' });
  });

  it('resets to the starting state', async () => {
    const p = await start({ startingBalance: '5' });
    await call(p, { action: 'add', service: '1', link: 'https://example.test/z', quantity: '100' });
    p.state.reset();
    expect(p.state.balance()).toBe('5');
    expect(p.state.orders()).toEqual([]);
    expect(p.state.requests().total).toBe(0);
    expect(
      (
        await call(p, {
          action: 'add',
          service: '1',
          link: 'https://example.test/z',
          quantity: '100',
        })
      ).order,
    ).toBe(10000);
  });
});

describe('sandbox options', () => {
  it.each([
    [{ startingBalance: '10,5' }, 'startingBalance'],
    [{ startingBalance: 10 as unknown as string }, 'startingBalance'],
    [{ partialFraction: 1.5 }, 'partialFraction'],
    [{ idempotency: { mode: 'cookie' as 'none' } }, 'idempotency.mode'],
    [{ services: [] }, 'services'],
    [{ services: [{ ...FOLLOWERS, type: 'Teleport' }] }, 'services[0].type'],
    [{ services: [{ ...FOLLOWERS, rate: 0.9 }] }, 'services[0].rate'],
    [{ rateLimit: { maxRequests: 0, windowMs: 1000 } }, 'rateLimit.maxRequests'],
    [{ port: 70000 }, 'port'],
  ])('refuses %j naming %s', async (options, option) => {
    await expect(startSandboxPanel(options as SandboxOptions)).rejects.toMatchObject({
      code: 'SMM_INVALID_OPTIONS',
      option,
    });
  });
});
