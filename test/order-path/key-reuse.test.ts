import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  IdempotencyConflictError,
  IntentLockedError,
  IntentRejectedError,
  OrderOutcomeUnknownError,
} from '../../src/errors/order-errors.js';
import { createMemoryLedger } from '../../src/ledger/memory-ledger.js';
import {
  FAST_RETRY,
  ordersFor,
  totalRequests,
  uniqueLink,
} from '../client/helpers/sandbox-client.js';
import { modeHarness, PANEL_MODES } from './helpers/modes.js';

describe.each(PANEL_MODES)('the same key again, on a panel with idempotency %s', (mode) => {
  const harness = modeHarness(mode);
  const { keyed } = harness;

  beforeAll(() => harness.start());
  afterEach(() => harness.closeClients());
  afterAll(() => harness.stop());

  function input(link = uniqueLink(mode)) {
    return { service: 1, link, quantity: 100 };
  }

  it('with the same parameters: the same order, isReplay, and no request at all', async () => {
    const client = harness.client();
    const order = input();
    const first = await client.order(order, { idempotencyKey: `same-${mode}` });
    const before = totalRequests(harness.panel());

    // Parameters are compared in their canonical form: a number and its text are the same.
    const again = await client.order(
      { ...order, service: '1' },
      { idempotencyKey: `same-${mode}` },
    );
    expect(again.isReplay).toBe(true);
    expect(again.orderId).toBe(first.orderId);
    expect(totalRequests(harness.panel())).toBe(before);
    expect(ordersFor(harness.panel(), order.link)).toBe(1);
  });

  it('with other parameters: IdempotencyConflictError, and no request at all', async () => {
    const client = harness.client();
    const order = input();
    await client.order(order, { idempotencyKey: `other-${mode}` });
    const before = totalRequests(harness.panel());

    const error = await client
      .order({ ...order, quantity: 101 }, { idempotencyKey: `other-${mode}` })
      .catch((e) => e);
    expect(error).toBeInstanceOf(IdempotencyConflictError);
    expect((error as IdempotencyConflictError).idempotencyKey).toBe(`other-${mode}`);
    expect(totalRequests(harness.panel())).toBe(before);
  });

  it('from two concurrent calls of one client: one sends, the other is refused; one order', async () => {
    const panel = harness.panel();
    const client = harness.client();
    const order = input();
    // The first request is held 300 ms by the panel, so the second call meets it in flight.
    panel.faults.script('add', [{ kind: 'delay', delayMs: 300 }]);
    const before = panel.state.requests().byAction.add ?? 0;

    const calls = [
      client.order(order, { idempotencyKey: `race-${mode}` }),
      client.order(order, { idempotencyKey: `race-${mode}` }),
    ];
    // Other parameters under the key in flight are a conflict, as they are once it settles.
    const conflicting = client.order(
      { ...order, quantity: 500 },
      { idempotencyKey: `race-${mode}` },
    );
    await expect(conflicting).rejects.toBeInstanceOf(IdempotencyConflictError);
    const outcomes = await Promise.allSettled(calls);
    const placed = outcomes.filter((outcome) => outcome.status === 'fulfilled');
    const refused = outcomes.flatMap((outcome) =>
      outcome.status === 'rejected' ? [outcome.reason] : [],
    );
    expect(placed).toHaveLength(1);
    expect(refused).toHaveLength(1);
    expect(refused[0]).toBeInstanceOf(IntentLockedError);
    expect((panel.state.requests().byAction.add ?? 0) - before).toBe(1);
    expect(ordersFor(panel, order.link)).toBe(1);
    expect((await client.ledger.get(`race-${mode}`))?.state).toBe('placed');
  });

  it('from two clients sharing a ledger at once: one sends, the other gets IntentLockedError', async () => {
    const panel = harness.panel();
    const ledger = createMemoryLedger();
    const first = harness.client({ ledger, workerId: 'worker-a' });
    const second = harness.client({ ledger, workerId: 'worker-b' });
    const order = input();
    panel.faults.script('add', [{ kind: 'delay', delayMs: 300 }]);

    const outcomes = await Promise.allSettled([
      first.order(order, { idempotencyKey: `two-${mode}` }),
      second.order(order, { idempotencyKey: `two-${mode}` }),
    ]);
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
    const refused = outcomes.find((outcome) => outcome.status === 'rejected');
    expect((refused as PromiseRejectedResult).reason).toBeInstanceOf(IntentLockedError);
    expect(ordersFor(panel, order.link)).toBe(1);
  });

  it(`after an unknown outcome: ${keyed ? 'sent again, and the panel returns the one order' : 'OrderOutcomeUnknownError without a request'}`, async () => {
    const panel = harness.panel();
    const client = harness.client();
    const order = input();
    // Every attempt is committed and then cut off, so even a keyed panel ends unknown.
    panel.faults.script('add', Array(FAST_RETRY.maxAttempts).fill('reset_after_commit'));
    const first = await client.order(order, { idempotencyKey: `unk-${mode}` }).catch((e) => e);
    expect(first).toBeInstanceOf(OrderOutcomeUnknownError);
    expect((await client.ledger.get(`unk-${mode}`))?.state).toBe('unknown');
    expect(ordersFor(panel, order.link)).toBe(1);

    const before = totalRequests(panel);
    const again = await client.order(order, { idempotencyKey: `unk-${mode}` }).then(
      (result) => result,
      (error: unknown) => error,
    );
    if (keyed) {
      expect(again).toMatchObject({ isReplay: false });
      expect((again as { orderId: string }).orderId).toBe(
        panel.state.orders().find((o) => o.link === order.link)?.id,
      );
      expect(totalRequests(panel) - before).toBe(1);
      expect((await client.ledger.get(`unk-${mode}`))?.state).toBe('placed');
    } else {
      expect(again).toBeInstanceOf(OrderOutcomeUnknownError);
      expect((again as OrderOutcomeUnknownError).idempotencyKey).toBe(`unk-${mode}`);
      expect(totalRequests(panel)).toBe(before);
    }
    expect(ordersFor(panel, order.link)).toBe(1);
  });

  it('after a rejection: IntentRejectedError without a request', async () => {
    const panel = harness.panel();
    const client = harness.client();
    const order = { service: 1, link: uniqueLink(), quantity: 10 };
    await expect(client.order(order, { idempotencyKey: `rej-${mode}` })).rejects.toThrow();
    const before = totalRequests(panel);

    const error = await client.order(order, { idempotencyKey: `rej-${mode}` }).catch((e) => e);
    expect(error).toBeInstanceOf(IntentRejectedError);
    expect((error as IntentRejectedError).panelMessage).toBe('Quantity less than minimal 50');
    expect(totalRequests(panel)).toBe(before);
  });
});
