import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { encodeOrderInput } from '../../src/api/order-input.js';
import { IntentRejectedError, OrderOutcomeUnknownError } from '../../src/errors/order-errors.js';
import { fingerprintOrder } from '../../src/idempotency/fingerprint.js';
import type { AttemptRecord, Ledger } from '../../src/ledger/ledger.js';
import { createMemoryLedger } from '../../src/ledger/memory-ledger.js';
import { ordersFor, totalRequests, uniqueLink } from '../client/helpers/sandbox-client.js';
import { modeHarness, PANEL_MODES } from './helpers/modes.js';

// A worker that stops after claiming an intent (killed, or its lease ran out) leaves it
// pending with whatever attempts it recorded. The next worker to claim it must read them:
// an answered order is settled, never bought again; one that may have reached the panel is
// resent only to a panel that deduplicates by key.

const STALE_WORKER = 'stale-worker';

/** Leaves `key` pending in `ledger` with `attempts`, under a lease that has already run out. */
async function leavePending(
  ledger: Ledger,
  key: string,
  input: { service: number; link: string; quantity: number },
  attempts: readonly Omit<AttemptRecord, 'attempt' | 'startedAt'>[],
): Promise<void> {
  const params = encodeOrderInput(input);
  const past = Date.now() - 60_000;
  const claim = await ledger.claim(
    { key, fingerprint: fingerprintOrder(params), panel: 'stale', params },
    { owner: STALE_WORKER, leaseMs: 1_000, now: past },
  );
  expect(claim.kind).toBe('claimed');
  for (const [index, attempt] of attempts.entries()) {
    await ledger.recordAttempt(key, STALE_WORKER, {
      attempt: index + 1,
      startedAt: past + index,
      ...attempt,
    });
  }
}

describe.each(PANEL_MODES)('taking over a pending intent, panel idempotency %s', (mode) => {
  const harness = modeHarness(mode);
  const { keyed } = harness;

  beforeAll(() => harness.start());
  afterEach(() => harness.closeClients());
  afterAll(() => harness.stop());

  function setUp() {
    const ledger = createMemoryLedger();
    const client = harness.client({ ledger, workerId: `fresh-${mode}` });
    const input = { service: 1, link: uniqueLink('takeover'), quantity: 100 };
    return { ledger, client, input, key: `takeover-${input.link.replace(/\W+/g, '-')}` };
  }

  it('settles an answered attempt as placed, with no request', async () => {
    const { ledger, client, input, key } = setUp();
    const bought = harness.panel().state.createOrphanOrder({ ...input });
    await leavePending(ledger, key, input, [
      { endedAt: Date.now(), sendState: 'answered', orderId: bought.id },
    ]);
    const before = totalRequests(harness.panel());

    const result = await client.order(input, { idempotencyKey: key });
    expect(result).toMatchObject({ orderId: bought.id, isReplay: true });
    expect((await ledger.get(key))?.state).toBe('placed');
    expect(totalRequests(harness.panel())).toBe(before);
    expect(ordersFor(harness.panel(), input.link)).toBe(1);
  });

  for (const [label, attempt] of [
    ['an attempt that never ended', {}],
    [
      'an attempt cut off after sending',
      { endedAt: 1, sendState: 'maybe_sent', errorCode: 'SMM_CONNECTION_LOST' },
    ],
    [
      'an attempt answered with an HTML page',
      { endedAt: 1, sendState: 'answered', httpStatus: 502, errorCode: 'SMM_PANEL_UNAVAILABLE' },
    ],
  ] as const) {
    it(`after ${label}: ${keyed ? 'resent, and the panel returns its order' : 'unknown, with no request'}`, async () => {
      const { ledger, client, input, key } = setUp();
      const panel = harness.panel();
      // The stale worker's request did reach the panel, with its key.
      const bought = panel.state.createOrphanOrder({ ...input, idempotencyKey: key });
      await leavePending(ledger, key, input, [attempt]);
      const before = totalRequests(panel);

      const outcome = await client.order(input, { idempotencyKey: key }).catch((e) => e);
      if (keyed) {
        expect(outcome).toMatchObject({ orderId: bought.id });
        expect(totalRequests(panel) - before).toBe(1);
        expect((await ledger.get(key))?.state).toBe('placed');
      } else {
        expect(outcome).toBeInstanceOf(OrderOutcomeUnknownError);
        expect(totalRequests(panel)).toBe(before);
        expect((await ledger.get(key))?.state).toBe('unknown');
      }
      expect(ordersFor(panel, input.link)).toBe(1);
    });
  }

  it('keeps a recorded refusal: IntentRejectedError, with no request', async () => {
    const { ledger, client, input, key } = setUp();
    await leavePending(ledger, key, input, [
      {
        endedAt: 1,
        sendState: 'answered',
        httpStatus: 200,
        errorCode: 'SMM_PANEL_REJECTED',
        errorClass: 'funds',
        excerpt: 'Not enough funds on balance',
      },
    ]);
    const before = totalRequests(harness.panel());

    const error = await client.order(input, { idempotencyKey: key }).catch((e) => e);
    expect(error).toBeInstanceOf(IntentRejectedError);
    expect((await ledger.get(key))?.rejection).toMatchObject({ errorClass: 'funds' });
    expect(totalRequests(harness.panel())).toBe(before);
  });

  it('sends after attempts that never left or were only rate limited, and places one order', async () => {
    const { ledger, client, input, key } = setUp();
    await leavePending(ledger, key, input, [
      { endedAt: 1, sendState: 'not_sent', errorCode: 'SMM_CONNECT_FAILED' },
      { endedAt: 2, sendState: 'answered', httpStatus: 429, errorCode: 'SMM_RATE_LIMITED' },
      {
        endedAt: 3,
        sendState: 'answered',
        httpStatus: 200,
        errorCode: 'SMM_PANEL_REJECTED',
        errorClass: 'transient',
      },
    ]);
    const result = await client.order(input, { idempotencyKey: key });
    expect(result.isReplay).toBe(false);
    expect(ordersFor(harness.panel(), input.link)).toBe(1);
    const entry = await ledger.get(key);
    expect(entry?.state).toBe('placed');
    expect(entry?.attempts).toHaveLength(4);
  });
});
