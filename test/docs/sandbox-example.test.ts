// The example of docs/sandbox.md, kept here so that it runs: if this file changes, update the
// page (and the other way round).
import { isOrderOutcomeUnknownError, PanelClient } from 'smm-panel-client';
import { type SandboxPanel, startSandboxPanel } from 'smm-panel-client/sandbox';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

describe('ordering against the sandbox', () => {
  let panel: SandboxPanel;
  let client: PanelClient;

  beforeEach(async () => {
    panel = await startSandboxPanel({ startingBalance: '10', otherUsersOrderRate: 0 });
    client = new PanelClient({ profile: { url: panel.url, apiKey: panel.apiKey } });
  });
  afterEach(async () => {
    await client.close();
    await panel.close();
  });

  it('charges the balance once per order', async () => {
    const { orderId } = await client.order({ service: 1, link: 'https://x.test/a', quantity: 100 });

    expect(panel.state.order(orderId)?.charge).toBe('0.09');
    expect(panel.state.balance()).toBe('9.91');
  });

  it('does not resend an order whose connection broke after the panel took it', async () => {
    panel.faults.script('add', ['reset_after_commit']);
    const order = client.order(
      { service: 1, link: 'https://x.test/b', quantity: 100 },
      { idempotencyKey: 'row-7' },
    );

    await expect(order).rejects.toSatisfy(isOrderOutcomeUnknownError);
    expect(panel.state.purchases().orders).toBe(1); // bought once, not retried
    expect((await client.ledger.get('row-7'))?.state).toBe('unknown');
  });
});
