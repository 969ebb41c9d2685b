import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PanelClient } from '../../src/client/panel-client.js';
import { PanelRejectedError } from '../../src/errors/panel-errors.js';
import { TransportError } from '../../src/errors/transport-error.js';
import type { SandboxFaultStep } from '../../src/sandbox/index.js';
import {
  closedPortUrl,
  countingTransport,
  FAST_RETRY,
  FAST_TRANSPORT,
  requestsOf,
  uniqueLink,
} from '../client/helpers/sandbox-client.js';
import { startFixedAnswerServer } from './helpers/fixed-answer-server.js';
import { modeHarness, PANEL_MODES } from './helpers/modes.js';

// docs/design.md's send-state table, "reads" column, row by row, for `status`. Reads are the same on
// both kinds of panel; each row runs in both modes to show the key changes nothing for them.

describe.each(PANEL_MODES)('status on a panel with idempotency %s', (mode) => {
  const harness = modeHarness(mode);

  beforeAll(() => harness.start());
  afterEach(() => harness.closeClients());
  afterAll(() => harness.stop());

  function ourOrder(): string {
    return harness
      .panel()
      .state.createOrphanOrder({ service: 1, link: uniqueLink(), quantity: 100 }).id;
  }

  /** Reads one order's status after the panel is told `steps`; counts the status requests. */
  async function statusThrough(steps: readonly SandboxFaultStep[]) {
    const panel = harness.panel();
    const id = ourOrder();
    panel.faults.script('status', steps);
    const before = requestsOf(panel, 'status');
    const started = Date.now();
    const state = await harness.client().status(id);
    return {
      state,
      id,
      requests: requestsOf(panel, 'status') - before,
      elapsedMs: Date.now() - started,
    };
  }

  it('a valid answer: success in one request', async () => {
    const run = await statusThrough([]);
    expect(run.state.charge).toBe('0.09');
    expect(run.requests).toBe(1);
  });

  it('not sent (connection refused): retried up to maxAttempts, then a not_sent TransportError', async () => {
    const transport = countingTransport();
    const client = harness.client({ transport, profile: { url: await closedPortUrl() } });
    const error = await client.status('1').catch((e) => e);
    expect(error).toBeInstanceOf(TransportError);
    expect((error as TransportError).sendState).toBe('not_sent');
    expect(transport.sent).toHaveLength(FAST_RETRY.maxAttempts);
    await transport.close();
  });

  for (const fault of ['reset_before_commit', 'reset_after_commit', 'hang_after_commit'] as const) {
    it(`maybe sent (${fault}): retried, then the answer`, async () => {
      const run = await statusThrough([fault]);
      expect(run.state.charge).toBe('0.09');
      expect(run.requests).toBe(2);
    });
  }

  for (const kind of ['http_429', 'http_503'] as const) {
    it(`${kind} with Retry-After: retried after the hint`, async () => {
      const run = await statusThrough([{ kind, retryAfterSeconds: 0.3 }]);
      expect(run.state.charge).toBe('0.09');
      expect(run.requests).toBe(2);
      expect(run.elapsedMs).toBeGreaterThanOrEqual(300);
    });
  }

  for (const kind of ['html_502', 'broken_json', 'error_200'] as const) {
    it(`${kind}: retried, then the answer`, async () => {
      const run = await statusThrough([kind, kind]);
      expect(run.state.charge).toBe('0.09');
      expect(run.requests).toBe(3);
    });
  }

  it('a permanent text (unknown order id): fails fast with not_found, one request', async () => {
    const panel = harness.panel();
    const before = requestsOf(panel, 'status');
    const error = await harness
      .client()
      .status('424242')
      .catch((e) => e);
    expect(error).toBeInstanceOf(PanelRejectedError);
    expect((error as PanelRejectedError).errorClass).toBe('not_found');
    expect(requestsOf(panel, 'status') - before).toBe(1);
  });

  it('a permanent text (bad key): fails fast with auth, one request', async () => {
    const panel = harness.panel();
    const before = requestsOf(panel, 'status');
    const client = harness.client({ profile: { apiKey: 'wrong-key-1234' } });
    const error = await client.status(ourOrder()).catch((e) => e);
    expect(error).toBeInstanceOf(PanelRejectedError);
    expect((error as PanelRejectedError).errorClass).toBe('auth');
    expect(requestsOf(panel, 'status') - before).toBe(1);
  });
});

describe('status answered with an error text no rule knows', () => {
  it('fails with the raw text kept, never retried', async () => {
    const server = await startFixedAnswerServer(200, { error: 'The moon is in the wrong phase' });
    const client = new PanelClient({
      profile: { url: server.url, apiKey: 'k-123456' },
      retry: FAST_RETRY,
      transportOptions: FAST_TRANSPORT,
    });
    try {
      const error = await client.status('1').catch((e) => e);
      expect(error).toBeInstanceOf(PanelRejectedError);
      expect((error as PanelRejectedError).errorClass).toBe('unknown');
      expect((error as PanelRejectedError).panelMessage).toBe('The moon is in the wrong phase');
      expect(server.requests()).toBe(1);
    } finally {
      await client.close();
      await server.close();
    }
  });
});
