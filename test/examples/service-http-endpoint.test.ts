import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { toHttpFailure } from '../../examples/http-order-failure.js';
import { type OrdersService, startOrdersService } from '../../examples/service-http-endpoint.js';
import { IntentLockedError } from '../../src/errors/order-errors.js';
import { type SandboxPanel, startSandboxPanel } from '../../src/sandbox/index.js';
import { runExample, waitFor } from './helpers.js';

describe('examples/service-http-endpoint', () => {
  let panel: SandboxPanel;
  let service: OrdersService;
  let dir: string;
  /** Every answer body, to check none of them carries the API key. */
  let bodies: string[];

  beforeEach(async () => {
    panel = await startSandboxPanel();
    dir = mkdtempSync(join(tmpdir(), 'smm-example-service-'));
    service = await startOrdersService({
      url: panel.url,
      apiKey: panel.apiKey,
      ledgerPath: join(dir, 'ledger.sqlite'),
      port: 0,
    });
    bodies = [];
  });
  afterEach(async () => {
    await service.close();
    await panel.close();
    expect(bodies.join('\n')).not.toContain(panel.apiKey);
    rmSync(dir, { recursive: true, force: true });
  });

  async function call(method: string, path: string, body?: unknown) {
    const response = await fetch(`${service.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      ...(body === undefined
        ? {}
        : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    const text = await response.text();
    bodies.push(text);
    return { status: response.status, headers: response.headers, json: JSON.parse(text) };
  }

  const order = (requestId: string, link = 'https://example.test/p/1') => ({
    service: 1,
    link,
    quantity: 100,
    requestId,
  });

  it('places an order on POST /orders and shows its ledger entry on GET /orders/:key', async () => {
    const placed = await call('POST', '/orders', order('req-1'));

    expect(placed.status).toBe(201);
    expect(placed.json).toMatchObject({ replayed: false, orderId: expect.any(String) });
    expect(placed.headers.get('location')).toBe(`/orders/${placed.json.idempotencyKey}`);
    expect(panel.state.order(placed.json.orderId)?.link).toBe('https://example.test/p/1');

    const read = await call('GET', `/orders/${placed.json.idempotencyKey}`);
    expect(read.status).toBe(200);
    expect(read.json).toMatchObject({
      state: 'placed',
      orderId: placed.json.orderId,
      expectedCharge: '0.09',
    });
    expect((await call('GET', '/orders/smm_nothing_here')).status).toBe(404);
  });

  it('answers a retried POST with the same requestId from the ledger, buying one order', async () => {
    const first = await call('POST', '/orders', order('req-retry'));
    const retry = await call('POST', '/orders', order('req-retry'));

    expect(first.status).toBe(201);
    expect(retry.status).toBe(200);
    expect(retry.json).toMatchObject({ orderId: first.json.orderId, replayed: true });
    expect(panel.state.purchases().orders).toBe(1);
    expect(panel.state.requests().byAction.add).toBe(1);
  });

  it('answers 409 with Retry-After while the same request is still being sent', async () => {
    panel.faults.script('add', [{ kind: 'delay', delayMs: 300 }]);

    const first = call('POST', '/orders', order('req-busy'));
    await waitFor(() => (panel.state.requests().byAction.add ?? 0) === 1);
    const second = await call('POST', '/orders', order('req-busy'));

    expect(second.status).toBe(409);
    expect(second.json.error).toBe('in_progress');
    expect(Number(second.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await first).status).toBe(201);
    expect(panel.state.purchases().orders).toBe(1);
  });

  it('answers 202 "pending reconciliation" when the outcome is unknown, and never resends', async () => {
    panel.faults.script('add', ['html_502']);

    const first = await call('POST', '/orders', order('req-unknown'));
    const retry = await call('POST', '/orders', order('req-unknown'));

    expect(first.status).toBe(202);
    expect(first.json).toMatchObject({
      status: 'pending reconciliation',
      idempotencyKey: expect.stringMatching(/^smm_/),
    });
    expect(retry.status).toBe(202);
    expect(panel.state.requests().byAction.add).toBe(1);
    const read = await call('GET', `/orders/${first.json.idempotencyKey}`);
    expect(read.json.state).toBe('unknown');
  });

  it('maps a panel refusal to 422 with its error class, and bad input to 400', async () => {
    const refused = await call('POST', '/orders', { ...order('req-small'), quantity: 5 });
    expect(refused.status).toBe(422);
    expect(refused.json).toMatchObject({ error: 'rejected', errorClass: 'validation' });

    expect((await call('POST', '/orders', { ...order('req-nolink'), link: 'nope' })).status).toBe(
      400,
    );
    expect((await call('POST', '/orders', { service: 1, link: 'https://x.test' })).json).toEqual(
      expect.objectContaining({ error: 'invalid_input', message: 'requestId is required' }),
    );
    expect((await call('POST', '/orders', '{not json')).status).toBe(400);
  });

  it('answers 409 when a requestId comes back with other order parameters', async () => {
    await call('POST', '/orders', order('req-same'));
    const changed = await call('POST', '/orders', order('req-same', 'https://example.test/other'));

    expect(changed.status).toBe(409);
    expect(changed.json.error).toBe('idempotency_conflict');
  });

  it('lets an order in flight finish before closing the client and the ledger', async () => {
    panel.faults.script('add', [{ kind: 'delay', delayMs: 200 }]);

    const inFlight = call('POST', '/orders', order('req-shutdown'));
    await waitFor(() => (panel.state.requests().byAction.add ?? 0) === 1);
    await service.close();

    expect((await inFlight).status).toBe(201);
    expect(panel.state.purchases().orders).toBe(1);
  });

  it('turns a held lease into a Retry-After of the seconds left, at least one', () => {
    const now = 1_700_000_000_000;
    expect(toHttpFailure(new IntentLockedError('k', now + 4_200), now).headers).toEqual({
      'retry-after': '5',
    });
    expect(toHttpFailure(new IntentLockedError('k', now - 10), now).headers).toEqual({
      'retry-after': '1',
    });
    expect(toHttpFailure(new Error('boom'), now).status).toBe(502);
  });

  it('prints usage when run directly without a panel', async () => {
    const run = await runExample('service-http-endpoint.ts', [], {});

    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--sandbox');
  });
});
