import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { TransportError } from '../../src/errors/transport-error.js';
import { requestsOf, uniqueLink } from '../client/helpers/sandbox-client.js';
import { modeHarness, PANEL_MODES } from './helpers/modes.js';

// `refill` and `cancel` change things on the panel and carry no idempotency key, even on a
// panel that deduplicates `add` by key: a request that may have been processed is not sent
// again, whatever the profile says.

describe.each(PANEL_MODES)('refill and cancel on a panel with idempotency %s', (mode) => {
  const harness = modeHarness(mode);

  beforeAll(() => harness.start());
  afterEach(() => harness.closeClients());
  afterAll(() => harness.stop());

  function completedOrder(): string {
    const panel = harness.panel();
    const order = panel.state.createOrphanOrder({ service: 1, link: uniqueLink(), quantity: 100 });
    panel.state.forceOrderStatus(order.id, 'Completed');
    return order.id;
  }

  for (const action of ['refill', 'cancel'] as const) {
    it(`${action} cut off after the panel processed it: not sent again`, async () => {
      const panel = harness.panel();
      const client = harness.client();
      const id =
        action === 'refill'
          ? completedOrder()
          : panel.state.createOrphanOrder({ service: 1, link: uniqueLink(), quantity: 100 }).id;
      panel.faults.script(action, ['reset_after_commit']);
      const before = requestsOf(panel, action);

      const error = await (action === 'refill' ? client.refill(id) : client.cancel(id)).catch(
        (caught: unknown) => caught,
      );
      expect(error).toBeInstanceOf(TransportError);
      expect((error as TransportError).sendState).toBe('maybe_sent');
      expect(requestsOf(panel, action) - before).toBe(1);
    });

    it(`${action} answered 429: sent again after the hint`, async () => {
      const panel = harness.panel();
      const client = harness.client();
      const id =
        action === 'refill'
          ? completedOrder()
          : panel.state.createOrphanOrder({ service: 1, link: uniqueLink(), quantity: 100 }).id;
      panel.faults.script(action, [{ kind: 'http_429', retryAfterSeconds: 0.05 }]);
      const before = requestsOf(panel, action);

      await (action === 'refill' ? client.refill(id) : client.cancel(id));
      expect(requestsOf(panel, action) - before).toBe(2);
    });
  }
});
