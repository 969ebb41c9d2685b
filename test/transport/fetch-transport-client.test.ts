import Big from 'big.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PanelClient } from '../../src/client/panel-client.js';
import { isOrderOutcomeUnknownError } from '../../src/errors/guards.js';
import { type SandboxPanel, startSandboxPanel } from '../../src/sandbox/index.js';
import { createFetchTransport } from '../../src/transport/fetch-transport.js';
import type { Transport } from '../../src/transport/transport.js';

let linkCounter = 0;
function uniqueLink(): string {
  linkCounter += 1;
  return `https://example.test/fetch-transport/${process.pid}-${linkCounter}`;
}

describe('PanelClient over the fetch transport, against the sandbox', () => {
  let panel: SandboxPanel;
  let transport: Transport;
  let client: PanelClient;

  beforeAll(async () => {
    panel = await startSandboxPanel({ startingBalance: '100', otherUsersOrderRate: 0 });
    // Each attempt gives up after 800 ms, so a hang costs that rather than the default 20 s.
    transport = createFetchTransport({ requestTimeoutMs: 800 });
    client = new PanelClient({
      profile: { url: panel.url, apiKey: panel.apiKey },
      transport,
      retry: { deadlineMs: 4_000, baseDelayMs: 5, maxDelayMs: 20 },
    });
  });

  afterAll(async () => {
    await client.close();
    await transport.close();
    await panel.close();
  });

  beforeEach(() => {
    panel.faults.clear();
  });

  it('reads the balance, places an order charged to it and reads its status', async () => {
    const before = await client.balance();
    const balanceSeen = panel.state.balance();
    const link = uniqueLink();

    const placed = await client.order({ service: 2, link, quantity: 1000 });
    const after = await client.balance();
    const state = await client.status(placed.orderId);

    expect(before.currency).toBe('USD');
    expect(new Big(before.balance).eq(balanceSeen)).toBe(true);
    expect(panel.state.order(placed.orderId)?.link).toBe(link);
    // 0.12 per 1000 × 1000 = 0.12, to the last digit.
    expect(new Big(before.balance).minus(after.balance).toString()).toBe('0.12');
    expect(state.rawStatus).toBe(panel.state.order(placed.orderId)?.status);
    expect(state.currency).toBe('USD');
  });

  it('retries a read after a reset and gets the answer', async () => {
    panel.faults.script('balance', ['reset_after_commit']);
    const requestsBefore = panel.state.requests().byAction.balance ?? 0;

    const balance = await client.balance();

    expect(new Big(balance.balance).eq(panel.state.balance())).toBe(true);
    expect((panel.state.requests().byAction.balance ?? 0) - requestsBefore).toBe(2);
  });

  it('never sends an order twice when its answer is lost: the outcome is unknown', async () => {
    panel.faults.script('add', ['reset_after_commit']);
    const link = uniqueLink();

    let thrown: unknown;
    try {
      await client.order({ service: 2, link, quantity: 1000 });
    } catch (error) {
      thrown = error;
    }

    expect(isOrderOutcomeUnknownError(thrown)).toBe(true);
    const ours = panel.state.orders({ ownedByUs: true }).filter((order) => order.link === link);
    expect(ours).toHaveLength(1);
  });
});
