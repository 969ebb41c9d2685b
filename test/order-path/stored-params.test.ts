import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fingerprintOrder } from '../../src/idempotency/fingerprint.js';
import { createMemoryLedger } from '../../src/ledger/memory-ledger.js';
import type { SandboxPanel } from '../../src/sandbox/index.js';
import {
  clientFor,
  countingTransport,
  ordersFor,
  startPanel,
  uniqueLink,
} from '../client/helpers/sandbox-client.js';

// A ledger is data the client reads back (a file, a shared database). Whatever its stored
// parameters hold, the request keeps the client's own key and action.

describe('resending a stored intent whose parameters name key or action', () => {
  let panel: SandboxPanel;

  beforeAll(async () => {
    panel = await startPanel();
  });

  afterAll(async () => {
    await panel.close();
  });

  it('sends the profile key and action add, never the stored ones', async () => {
    const ledger = createMemoryLedger();
    const link = uniqueLink('stored');
    const params = { service: '1', link, quantity: '100', key: 'stolen-key', action: 'balance' };
    const claim = await ledger.claim(
      { key: 'stored-1', fingerprint: fingerprintOrder(params), panel: 'old', params },
      { owner: 'old-worker', leaseMs: 1, now: 0 },
    );
    expect(claim.kind).toBe('claimed');

    const transport = countingTransport();
    const client = clientFor(panel, { ledger, transport });
    try {
      const result = await client.resendStoredOrder('stored-1');
      expect(transport.sent).toHaveLength(1);
      expect(transport.sent[0]?.form).toMatchObject({ key: panel.apiKey, action: 'add' });
      expect(panel.state.order(result.orderId)?.link).toBe(link);
      expect(ordersFor(panel, link)).toBe(1);
    } finally {
      await client.close();
      await transport.close();
    }
  });
});
