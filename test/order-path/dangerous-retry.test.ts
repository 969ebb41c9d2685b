import { afterEach, describe, expect, it } from 'vitest';
import type { PanelClient } from '../../src/client/panel-client.js';
import { OrderOutcomeUnknownError } from '../../src/errors/order-errors.js';
import type { SandboxPanel } from '../../src/sandbox/index.js';
import { clientFor, ordersFor, startPanel, uniqueLink } from '../client/helpers/sandbox-client.js';

// The escape hatch does what its name warns of: on a panel that does not deduplicate, a
// request cut off after the commit is sent again, and the panel sells the order twice.

describe('dangerouslyRetryAmbiguousOrders on a panel without idempotency', () => {
  const opened: { panel: SandboxPanel; client: PanelClient }[] = [];

  afterEach(async () => {
    for (const { panel, client } of opened.splice(0)) {
      await client.close();
      await panel.close();
    }
  });

  async function setUp(duplicateLinkRule: boolean) {
    const panel = await startPanel({ duplicateLinkRule });
    const client = clientFor(panel, { dangerouslyRetryAmbiguousOrders: true });
    opened.push({ panel, client });
    panel.faults.script('add', ['reset_after_commit']);
    return { panel, client };
  }

  it('buys the order twice when the panel accepts a second identical order', async () => {
    const { panel, client } = await setUp(false);
    const link = uniqueLink();
    const result = await client.order({ service: 1, link, quantity: 100 });

    expect(ordersFor(panel, link)).toBe(2);
    expect(panel.state.purchases().totalCharged).toBe('0.18');
    // The ledger knows only the second one: the first is an orphan for the reconciler.
    expect(result.entry.state).toBe('placed');
    expect(panel.state.orders().filter((order) => order.link === link)[1]?.id).toBe(result.orderId);
  });

  it('ends unknown, with one order, when the panel refuses the duplicate link', async () => {
    const { panel, client } = await setUp(true);
    const link = uniqueLink();
    const error = await client
      .order({ service: 1, link, quantity: 100 }, { idempotencyKey: 'dup-rule' })
      .catch((caught: unknown) => caught);

    // The refusal proves an order for the link exists, not that it is ours from this call.
    expect(error).toBeInstanceOf(OrderOutcomeUnknownError);
    expect(ordersFor(panel, link)).toBe(1);
    expect((await client.ledger.get('dup-rule'))?.state).toBe('unknown');
  });
});
