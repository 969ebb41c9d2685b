import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { OrderResult } from '../../src/client/order-path.js';
import type { PanelClient } from '../../src/client/panel-client.js';
import { OrderOutcomeUnknownError } from '../../src/errors/order-errors.js';
import { PanelRejectedError } from '../../src/errors/panel-errors.js';
import { TransportError } from '../../src/errors/transport-error.js';
import { createMemoryLedger } from '../../src/ledger/memory-ledger.js';
import type { SandboxFaultStep } from '../../src/sandbox/index.js';
import {
  closedPortUrl,
  countingTransport,
  FAST_RETRY,
  ordersFor,
  requestsOf,
  uniqueLink,
} from '../client/helpers/sandbox-client.js';
import { modeHarness, PANEL_MODES } from './helpers/modes.js';

// docs/design.md's send-state table, `add` column, row by row, over real sockets. Without server
// idempotency an order the panel may have processed becomes `unknown`; with it (a key in a
// header the sandbox honours) the same key is sent again and the panel returns the first order.

describe.each(PANEL_MODES)('add on a panel with idempotency %s', (mode) => {
  const harness = modeHarness(mode);
  const { keyed } = harness;

  beforeAll(() => harness.start());
  afterEach(() => harness.closeClients());
  afterAll(() => harness.stop());

  /** Orders 100 followers for a fresh link under a fresh key after the panel is told `steps`. */
  async function orderThrough(steps: readonly SandboxFaultStep[], client?: PanelClient) {
    const panel = harness.panel();
    if (steps.length > 0) panel.faults.script('add', steps);
    const link = uniqueLink(mode);
    const key = `key-${link.replace(/\W+/g, '-')}`;
    const addsBefore = requestsOf(panel, 'add');
    const replaysBefore = panel.state.purchases().idempotentReplays;
    const started = Date.now();
    const outcome = await (client ?? harness.client())
      .order({ service: 1, link, quantity: 100 }, { idempotencyKey: key })
      .then(
        (result: OrderResult) => ({ result, error: undefined }),
        (error: unknown) => ({ result: undefined, error }),
      );
    return {
      ...outcome,
      link,
      key,
      elapsedMs: Date.now() - started,
      adds: requestsOf(panel, 'add') - addsBefore,
      orders: ordersFor(panel, link),
      replays: panel.state.purchases().idempotentReplays - replaysBefore,
    };
  }

  async function ledgerState(client: PanelClient, key: string) {
    return (await client.ledger.get(key))?.state;
  }

  it('a valid answer: placed, with the order id in the ledger', async () => {
    const client = harness.client();
    const run = await orderThrough([], client);
    expect(run.result?.isReplay).toBe(false);
    expect(run.orders).toBe(1);
    expect(run.adds).toBe(1);
    const entry = await client.ledger.get(run.key);
    expect(entry).toMatchObject({ state: 'placed', orderId: run.result?.orderId });
    expect(entry?.attempts).toHaveLength(1);
    expect(entry?.attempts[0]).toMatchObject({
      sendState: 'answered',
      orderId: run.result?.orderId,
    });
  });

  it('not sent (connection refused): retried, then the same key places one order', async () => {
    const ledger = createMemoryLedger();
    const transport = countingTransport();
    const refused = harness.client({ ledger, transport, profile: { url: await closedPortUrl() } });
    const link = uniqueLink('refused');
    const input = { service: 1, link, quantity: 100 };

    const error = await refused.order(input, { idempotencyKey: 'refused-1' }).catch((e) => e);
    expect(error).toBeInstanceOf(TransportError);
    expect((error as TransportError).sendState).toBe('not_sent');
    expect(transport.sent).toHaveLength(FAST_RETRY.maxAttempts);
    const entry = await ledger.get('refused-1');
    // Nothing reached a panel: the intent stays pending, free for the same key at once.
    expect(entry?.state).toBe('pending');
    expect(entry?.attempts.map((attempt) => attempt.sendState)).toEqual(
      Array(FAST_RETRY.maxAttempts).fill('not_sent'),
    );
    await transport.close();

    const reachable = harness.client({ ledger });
    const placed = await reachable.order(input, { idempotencyKey: 'refused-1' });
    expect(placed.isReplay).toBe(false);
    expect(ordersFor(harness.panel(), link)).toBe(1);
    expect(await ledgerState(reachable, 'refused-1')).toBe('placed');
  });

  it('not sent (aborted before sending): no request, and the same key places one order', async () => {
    const panel = harness.panel();
    const client = harness.client();
    const input = { service: 1, link: uniqueLink('abort'), quantity: 100 };
    const before = requestsOf(panel, 'add');

    const error = await client
      .order(input, { idempotencyKey: `abort-${mode}`, signal: AbortSignal.abort() })
      .catch((e) => e);
    expect(error).toBeInstanceOf(TransportError);
    expect((error as TransportError).sendState).toBe('not_sent');
    expect(requestsOf(panel, 'add')).toBe(before);
    expect(await ledgerState(client, `abort-${mode}`)).toBe('pending');

    await client.order(input, { idempotencyKey: `abort-${mode}` });
    expect(ordersFor(panel, input.link)).toBe(1);
  });

  it('aborted while the panel holds the request: unknown, whatever the panel', async () => {
    const panel = harness.panel();
    const client = harness.client();
    const input = { service: 1, link: uniqueLink('abort-late'), quantity: 100 };
    panel.faults.script('add', [{ kind: 'delay', delayMs: 400 }]);

    const error = await client
      .order(input, { idempotencyKey: `late-${mode}`, signal: AbortSignal.timeout(100) })
      .catch((e) => e);
    // The caller asked to stop; the order may exist, so it is not sent again on its own.
    expect(error).toBeInstanceOf(OrderOutcomeUnknownError);
    expect(await ledgerState(client, `late-${mode}`)).toBe('unknown');
    expect(ordersFor(panel, input.link)).toBe(1);
  });

  for (const fault of ['reset_after_commit', 'hang_after_commit'] as const) {
    it(`maybe sent (${fault}, the order was committed): ${keyed ? 'retried, one order' : 'unknown'}`, async () => {
      const client = harness.client();
      const run = await orderThrough([fault], client);
      expect(run.orders).toBe(1);
      if (keyed) {
        expect(run.result?.orderId).toBe(
          harness
            .panel()
            .state.orders()
            .find((o) => o.link === run.link)?.id,
        );
        expect(run.adds).toBe(2);
        expect(run.replays).toBe(1);
        expect(await ledgerState(client, run.key)).toBe('placed');
      } else {
        expect(run.error).toBeInstanceOf(OrderOutcomeUnknownError);
        expect((run.error as OrderOutcomeUnknownError).idempotencyKey).toBe(run.key);
        expect(run.adds).toBe(1);
        expect(await ledgerState(client, run.key)).toBe('unknown');
      }
    });
  }

  it(`maybe sent (reset before commit, nothing bought): ${keyed ? 'retried, one order' : 'unknown, no order'}`, async () => {
    const client = harness.client();
    const run = await orderThrough(['reset_before_commit'], client);
    if (keyed) {
      expect(run.result?.isReplay).toBe(false);
      expect(run.orders).toBe(1);
      expect(run.adds).toBe(2);
    } else {
      // The client cannot tell a reset before the commit from one after it.
      expect(run.error).toBeInstanceOf(OrderOutcomeUnknownError);
      expect(run.orders).toBe(0);
      expect(run.adds).toBe(1);
      expect(await ledgerState(client, run.key)).toBe('unknown');
    }
  });

  for (const kind of ['http_429', 'http_503'] as const) {
    it(`${kind} with Retry-After: retried after the hint with the same key, one order`, async () => {
      const client = harness.client();
      const run = await orderThrough([{ kind, retryAfterSeconds: 0.3 }], client);
      expect(run.error).toBeUndefined();
      expect(run.orders).toBe(1);
      expect(run.adds).toBe(2);
      expect(run.elapsedMs).toBeGreaterThanOrEqual(300);
      expect(run.replays).toBe(0);
      const entry = await client.ledger.get(run.key);
      expect(entry?.state).toBe('placed');
      expect(entry?.attempts[0]?.httpStatus).toBe(kind === 'http_429' ? 429 : 503);
    });
  }

  for (const kind of ['html_502', 'broken_json'] as const) {
    it(`${kind} (answered, processing unknown): ${keyed ? 'retried, one order' : 'unknown'}`, async () => {
      const client = harness.client();
      const run = await orderThrough([kind], client);
      expect(run.orders).toBe(1);
      if (keyed) {
        expect(run.error).toBeUndefined();
        expect(run.adds).toBe(2);
        expect(run.replays).toBe(1);
      } else {
        expect(run.error).toBeInstanceOf(OrderOutcomeUnknownError);
        expect(run.adds).toBe(1);
        expect(await ledgerState(client, run.key)).toBe('unknown');
      }
    });
  }

  it('an error text asking to try again (HTTP 200): retried with the same key, one order', async () => {
    const run = await orderThrough(['error_200']);
    expect(run.error).toBeUndefined();
    expect(run.orders).toBe(1);
    expect(run.adds).toBe(2);
  });

  it('a permanent text (funds): rejected in the ledger, not retried', async () => {
    const panel = harness.panel();
    const client = harness.client();
    const balance = panel.state.balance();
    panel.state.setBalance('0.01');
    try {
      const run = await orderThrough([], client);
      expect(run.error).toBeInstanceOf(PanelRejectedError);
      expect((run.error as PanelRejectedError).errorClass).toBe('funds');
      expect(run.adds).toBe(1);
      expect(run.orders).toBe(0);
      const entry = await client.ledger.get(run.key);
      expect(entry?.state).toBe('rejected');
      expect(entry?.rejection?.errorClass).toBe('funds');
    } finally {
      panel.state.setBalance(balance);
    }
  });

  it('a permanent text (validation, from the panel): rejected, not retried', async () => {
    const panel = harness.panel();
    const client = harness.client();
    const link = uniqueLink('small');
    const before = requestsOf(panel, 'add');
    // The client cannot know service 1's minimum (50); the panel refuses.
    const error = await client
      .order({ service: 1, link, quantity: 10 }, { idempotencyKey: `small-${mode}` })
      .catch((e) => e);
    expect(error).toBeInstanceOf(PanelRejectedError);
    expect((error as PanelRejectedError).errorClass).toBe('validation');
    expect(requestsOf(panel, 'add') - before).toBe(1);
    expect(await ledgerState(client, `small-${mode}`)).toBe('rejected');
  });

  it('a permanent text (duplicate link): rejected, not retried, the first order untouched', async () => {
    const panel = harness.panel();
    const client = harness.client();
    const first = await orderThrough([], client);
    const before = requestsOf(panel, 'add');
    const error = await client
      .order({ service: 1, link: first.link, quantity: 200 }, { idempotencyKey: `dup-${mode}` })
      .catch((e) => e);
    expect(error).toBeInstanceOf(PanelRejectedError);
    expect((error as PanelRejectedError).errorClass).toBe('duplicate_link');
    expect(requestsOf(panel, 'add') - before).toBe(1);
    expect(ordersFor(panel, first.link)).toBe(1);
    expect(await ledgerState(client, `dup-${mode}`)).toBe('rejected');
  });

  it('an error text no rule knows: rejected, never retried (exactly one add)', async () => {
    const panel = harness.panel();
    const client = harness.client();
    const link = uniqueLink('drip');
    const before = requestsOf(panel, 'add');
    // Service 1 has no drip-feed; the panel's text for it is in no rule of the default table.
    const error = await client
      .order(
        { service: 1, link, quantity: 100, runs: 2, interval: 5 },
        { idempotencyKey: `drip-${mode}` },
      )
      .catch((e) => e);
    expect(error).toBeInstanceOf(PanelRejectedError);
    expect((error as PanelRejectedError).errorClass).toBe('unknown');
    expect((error as PanelRejectedError).panelMessage).toBe(
      'Drip-feed is disabled for this service',
    );
    expect(requestsOf(panel, 'add') - before).toBe(1);
    const entry = await client.ledger.get(`drip-${mode}`);
    expect(entry?.state).toBe('rejected');
    expect(entry?.rejection?.errorClass).toBe('unknown');
  });
});
