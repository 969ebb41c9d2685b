import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_SANDBOX_SERVICES,
  SANDBOX_ORDER_TYPES,
  type SandboxPanel,
  startSandboxPanel,
} from '../../src/sandbox/index.js';
import { call, postForm } from './sandbox-http.js';

describe('sandbox protocol', () => {
  let panel: SandboxPanel;

  beforeAll(async () => {
    panel = await startSandboxPanel({ apiKey: 'test-key-1' });
  });
  afterAll(async () => {
    await panel.close();
  });

  it('listens on 127.0.0.1 with a URL ending in /api/v2', () => {
    expect(panel.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/v2$/);
    expect(panel.apiKey).toBe('test-key-1');
  });

  it('draws a random sandbox- key when none is given', async () => {
    const other = await startSandboxPanel();
    try {
      expect(other.apiKey).toMatch(/^sandbox-[0-9a-f]{32}$/);
    } finally {
      await other.close();
    }
  });

  it('answers a wrong or missing key with "Invalid API key" and HTTP 200', async () => {
    const wrong = await postForm(panel, { action: 'balance' }, { key: 'nope' });
    expect(wrong.status).toBe(200);
    expect(JSON.parse(wrong.text)).toEqual({ error: 'Invalid API key' });
    expect(await call(panel, { action: 'balance' }, { key: null })).toEqual({
      error: 'Invalid API key',
    });
  });

  it('answers an unknown or missing action with "Incorrect request"', async () => {
    expect(await call(panel, { action: 'orders_list' })).toEqual({ error: 'Incorrect request' });
    expect(await call(panel, {})).toEqual({ error: 'Incorrect request' });
  });

  it('lists every order type of the panel API in its default catalogue', async () => {
    const services = await call(panel, { action: 'services' });
    const types = new Set(services.map((s: { type: string }) => s.type));
    for (const type of SANDBOX_ORDER_TYPES) expect(types).toContain(type);
    expect(services).toHaveLength(DEFAULT_SANDBOX_SERVICES.length);
    expect(services[0]).toMatchObject({
      service: 1,
      type: 'Default',
      rate: '0.90',
      min: '50',
      max: '10000',
      refill: true,
      cancel: true,
      dripfeed: false,
    });
  });

  it('answers balance as a string with five decimals and the currency', async () => {
    const answer = await call(panel, { action: 'balance' });
    expect(answer).toEqual({ balance: '1000.00000', currency: 'USD' });
  });

  it('accepts JSON bodies as well as forms', async () => {
    const answer = await call(panel, { action: 'balance' }, { asJson: true });
    expect(answer.currency).toBe('USD');
  });

  it('answers other paths with a 404 page and other methods with 405', async () => {
    const base = panel.url.replace('/api/v2', '');
    const notFound = await request(`${base}/api/v1`, { method: 'POST', body: 'action=balance' });
    expect(notFound.statusCode).toBe(404);
    expect(await notFound.body.text()).toContain('Not Found');
    const get = await request(panel.url, { method: 'GET' });
    expect(get.statusCode).toBe(405);
    await get.body.dump();
  });

  it('counts requests per action', async () => {
    const before = panel.state.requests().byAction.services ?? 0;
    await call(panel, { action: 'services' });
    expect(panel.state.requests().byAction.services).toBe(before + 1);
  });
});
