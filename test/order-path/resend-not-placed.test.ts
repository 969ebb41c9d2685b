import { afterEach, describe, expect, it } from 'vitest';
import type { PanelClient } from '../../src/client/panel-client.js';
import type { SandboxPanel } from '../../src/sandbox/index.js';
import { clientFor, requestsOf, startPanel } from '../client/helpers/sandbox-client.js';

let panel: SandboxPanel | undefined;
let client: PanelClient | undefined;

afterEach(async () => {
  await client?.close();
  await panel?.close();
  client = undefined;
  panel = undefined;
});

const INPUT = { service: 1, link: 'https://example.test/not-placed', quantity: 100 };

async function notPlacedIntent() {
  panel = await startPanel();
  client = clientFor(panel);
  panel.faults.script('add', ['reset_before_commit']);
  await expect(client.order(INPUT, { idempotencyKey: 'np-1' })).rejects.toMatchObject({
    code: 'SMM_ORDER_OUTCOME_UNKNOWN',
  });
  // What the reconciler does once the grace window has passed with no candidate.
  await client.ledger.resolve(
    'np-1',
    { state: 'not_placed', evidence: { at: Date.now(), kind: 'grace_expired', detail: 'test' } },
    Date.now(),
  );
  return { panel, client };
}

describe('an intent the reconciler settled as not_placed', () => {
  it('is refused by default, without any request', async () => {
    const { panel, client } = await notPlacedIntent();
    const before = requestsOf(panel, 'add');
    await expect(client.order(INPUT, { idempotencyKey: 'np-1' })).rejects.toMatchObject({
      code: 'SMM_ORDER_OUTCOME_UNKNOWN',
      idempotencyKey: 'np-1',
    });
    expect(requestsOf(panel, 'add')).toBe(before);
    expect(panel.state.orders({ ownedByUs: true })).toHaveLength(0);
  });

  it('is sent again under the same key with resendNotPlaced, placing one order', async () => {
    const { panel, client } = await notPlacedIntent();
    const result = await client.order(INPUT, { idempotencyKey: 'np-1', resendNotPlaced: true });
    expect(result.entry.state).toBe('placed');
    expect(result.entry.attempts.length).toBe(2);
    expect(result.entry.evidence.map((e) => e.kind)).toContain('grace_expired');
    expect(panel.state.orders({ ownedByUs: true }).map((o) => o.id)).toEqual([result.orderId]);
  });
});

describe('an idempotency key that is null', () => {
  it('is refused before anything is sent, rather than replaced by a random key', async () => {
    panel = await startPanel();
    client = clientFor(panel);
    const before = requestsOf(panel, 'add');
    await expect(
      client.order(INPUT, { idempotencyKey: null as unknown as string }),
    ).rejects.toMatchObject({ code: 'SMM_INVALID_INPUT' });
    expect(requestsOf(panel, 'add')).toBe(before);
  });
});
