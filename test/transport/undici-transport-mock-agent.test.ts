import { MockAgent } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { createUndiciTransport } from '../../src/transport/undici-transport.js';

const ORIGIN = 'https://panel.example';
const PANEL_URL = `${ORIGIN}/api/v2`;

describe('undici transport with an injected dispatcher', () => {
  let agent: MockAgent;

  afterEach(async () => {
    await agent.close();
  });

  it('sends through the given MockAgent and returns its answer in the transport shape', async () => {
    agent = new MockAgent();
    agent.disableNetConnect();
    agent
      .get(ORIGIN)
      .intercept({
        path: '/api/v2',
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'user-agent': /^smm-panel-client\//,
        },
        body: (body) => new URLSearchParams(body).get('action') === 'balance',
      })
      .reply(200, '\uFEFF{"balance":"100.84","currency":"USD"}', {
        headers: { 'Content-Type': 'application/json', 'X-RateLimit-Remaining': '59' },
      });
    const transport = createUndiciTransport({ dispatcher: agent });

    const response = await transport.send({
      url: PANEL_URL,
      action: 'balance',
      form: { key: 'sk_test_mock', action: 'balance' },
    });

    expect(response).toEqual({
      status: 200,
      headers: { 'content-type': 'application/json', 'x-ratelimit-remaining': '59' },
      body: '{"balance":"100.84","currency":"USD"}',
    });
    agent.assertNoPendingInterceptors();
  });

  it('joins repeated response headers and returns a 5xx as an answer', async () => {
    agent = new MockAgent();
    agent.disableNetConnect();
    agent
      .get(ORIGIN)
      .intercept({ path: '/api/v2', method: 'POST' })
      .reply(503, '<html>busy</html>', { headers: { 'set-cookie': ['a=1', 'b=2'] } });
    const transport = createUndiciTransport({ dispatcher: agent });

    const response = await transport.send({ url: PANEL_URL, action: 'status', form: { key: 'k' } });

    expect(response.status).toBe(503);
    expect(response.headers['set-cookie']).toBe('a=1, b=2');
    expect(response.body).toBe('<html>busy</html>');
  });

  it('leaves the injected dispatcher open when the transport closes', async () => {
    agent = new MockAgent();
    agent.disableNetConnect();
    const pool = agent.get(ORIGIN);
    pool.intercept({ path: '/api/v2', method: 'POST' }).reply(200, '{}').times(2);
    const first = createUndiciTransport({ dispatcher: agent });
    await first.send({ url: PANEL_URL, action: 'balance', form: { key: 'k' } });

    await first.close();
    const second = createUndiciTransport({ dispatcher: agent });
    const response = await second.send({ url: PANEL_URL, action: 'balance', form: { key: 'k' } });

    expect(response.status).toBe(200);
  });

  it('reports replyWithError as not sent, because MockAgent fails before the request starts', async () => {
    agent = new MockAgent();
    agent.disableNetConnect();
    agent
      .get(ORIGIN)
      .intercept({ path: '/api/v2', method: 'POST' })
      .replyWithError(Object.assign(new Error('reset'), { code: 'ECONNRESET' }));
    const transport = createUndiciTransport({ dispatcher: agent });

    await expect(
      transport.send({ url: PANEL_URL, action: 'add', form: { key: 'k' } }),
    ).rejects.toMatchObject({
      code: 'SMM_CONNECT_FAILED',
      sendState: 'not_sent',
      causeCode: 'ECONNRESET',
    });
  });

  it('reports a dispatcher error before the request started as not sent', async () => {
    agent = new MockAgent();
    agent.disableNetConnect();
    const transport = createUndiciTransport({ dispatcher: agent });

    // No interceptor matches and real connections are disabled: undici refuses the request.
    await expect(
      transport.send({ url: PANEL_URL, action: 'balance', form: { key: 'k' } }),
    ).rejects.toMatchObject({ code: 'SMM_CONNECT_FAILED', sendState: 'not_sent' });
  });
});
