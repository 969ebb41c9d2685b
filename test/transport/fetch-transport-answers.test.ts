import { afterEach, describe, expect, it } from 'vitest';
import {
  createFetchTransport,
  type FetchTransportOptions,
} from '../../src/transport/fetch-transport.js';
import type { Transport } from '../../src/transport/transport.js';
import { parseForm, rejectionOf, useLoopback } from './helpers/loopback.js';

const KEY = 'sk_test_fetch_1234567890abcdef';

describe('fetch transport answers (Node global fetch, real loopback servers)', () => {
  const loopback = useLoopback();
  const transports: Transport[] = [];
  afterEach(async () => {
    for (const transport of transports.splice(0)) await transport.close();
  });
  function fetchTransport(options?: FetchTransportOptions): Transport {
    const transport = createFetchTransport(options);
    transports.push(transport);
    return transport;
  }

  it('posts the form url-encoded with its content type and returns status, headers and body', async () => {
    const server = await loopback.http((res) => {
      res.setHeader('X-Panel', 'demo');
      res.setHeader('Content-Type', 'application/json');
      res.end('{"order":23501}');
    });
    const transport = fetchTransport();
    const form = {
      key: KEY,
      action: 'add',
      service: '1',
      link: 'https://x.test/a b?c=d&e',
      quantity: '100',
    };

    const response = await transport.send({
      url: server.url,
      action: 'add',
      form,
      headers: { 'Idempotency-Key': 'intent-1' },
    });

    expect(response.status).toBe(200);
    expect(response.body).toBe('{"order":23501}');
    expect(response.headers['x-panel']).toBe('demo');
    expect(response.headers['content-type']).toBe('application/json');

    const [received] = server.requests;
    expect(received?.method).toBe('POST');
    expect(received?.url).toBe('/api/v2');
    expect(received?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(received?.headers['user-agent']).toMatch(/^smm-panel-client\/\d+\.\d+\.\d+/);
    expect(received?.headers['idempotency-key']).toBe('intent-1');
    expect(parseForm(received?.body ?? '')).toEqual(form);
  });

  it('keeps the content type its own and lets the request override the user agent', async () => {
    const server = await loopback.http((res) => res.end('{}'));
    const transport = fetchTransport({ userAgent: 'custom-agent/1' });

    await transport.send({
      url: server.url,
      action: 'balance',
      form: { key: KEY, action: 'balance' },
      headers: { 'Content-Type': 'application/json' },
    });
    await transport.send({
      url: server.url,
      action: 'balance',
      form: { key: KEY, action: 'balance' },
      headers: { 'User-Agent': 'per-request/2' },
    });

    expect(server.requests[0]?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(server.requests[0]?.headers['user-agent']).toBe('custom-agent/1');
    expect(server.requests[1]?.headers['user-agent']).toBe('per-request/2');
  });

  it('sends the fields as a JSON object when the request asks for json encoding', async () => {
    const server = await loopback.http((res) => res.end('{"balance":"2.50"}'));
    const transport = fetchTransport();

    await transport.send({
      url: server.url,
      action: 'balance',
      form: { key: KEY, action: 'balance' },
      encoding: 'json',
    });

    expect(server.requests[0]?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(server.requests[0]?.body ?? '')).toEqual({ key: KEY, action: 'balance' });
  });

  it.each([400, 401, 403, 404, 422, 429, 500, 502, 503])(
    'returns HTTP %i as an answer, not an error',
    async (status) => {
      const server = await loopback.http((res) => {
        res.statusCode = status;
        res.setHeader('Retry-After', '7');
        res.end(`<html>status ${status}</html>`);
      });
      const transport = fetchTransport();

      const response = await transport.send({
        url: server.url,
        action: 'status',
        form: { key: KEY },
      });

      expect(response).toMatchObject({ status, body: `<html>status ${status}</html>` });
      expect(response.headers['retry-after']).toBe('7');
    },
  );

  it('returns an empty body as an empty string', async () => {
    const server = await loopback.http((res) => {
      res.statusCode = 204;
      res.end();
    });
    const transport = fetchTransport();

    const response = await transport.send({
      url: server.url,
      action: 'status',
      form: { key: KEY },
    });

    expect(response.status).toBe(204);
    expect(response.body).toBe('');
  });

  it('decodes a body split across chunks as UTF-8 and drops a leading byte order mark', async () => {
    const text = '{"error":"Ungültiger Schlüssel ✓"}';
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    const server = await loopback.http((res) => {
      // Split inside a multi-byte character, flushed as separate chunks.
      res.write(bytes.subarray(0, 20));
      setTimeout(() => res.end(bytes.subarray(20)), 20);
    });
    const transport = fetchTransport();

    const response = await transport.send({ url: server.url, action: 'add', form: { key: KEY } });

    expect(response.body).toBe(text);
  });

  it('joins repeated response headers with a comma, set-cookie included', async () => {
    const server = await loopback.http((res) => {
      res.setHeader('Set-Cookie', ['a=1', 'b=2']);
      res.setHeader('X-Limit', ['10', '20']);
      res.end('{}');
    });
    const transport = fetchTransport();

    const response = await transport.send({
      url: server.url,
      action: 'balance',
      form: { key: KEY },
    });

    expect(response.headers['set-cookie']).toBe('a=1, b=2');
    expect(response.headers['x-limit']).toBe('10, 20');
  });

  it.each([301, 302, 303, 307, 308])(
    'refuses a %i redirect as answered without contacting its target',
    async (status) => {
      const target = await loopback.http((res) => res.end('{"order":1}'));
      const server = await loopback.http((res) => {
        res.statusCode = status;
        res.setHeader('Location', target.url);
        res.end('moved');
      });
      const transport = fetchTransport();

      const error = await rejectionOf(
        transport.send({ url: server.url, action: 'add', form: { key: KEY } }),
      );

      expect(error).toMatchObject({
        code: 'SMM_REDIRECT_REFUSED',
        sendState: 'answered',
        httpStatus: status,
        action: 'add',
      });
      expect(target.connections()).toBe(0);
      expect(target.requests).toHaveLength(0);
    },
  );

  it('refuses an answer larger than the cap when content-length announces it, without reading it', async () => {
    const server = await loopback.http((res) => {
      // Announce far more than the cap, send a little, then stall: only an early refusal can
      // finish before the deadline.
      res.writeHead(200, { 'Content-Length': String(50_000_000) });
      res.write('x'.repeat(100));
    });
    const transport = fetchTransport({ maxResponseBytes: 1024 });
    const started = performance.now();

    const error = await rejectionOf(
      transport.send({ url: server.url, action: 'services', form: { key: KEY }, timeoutMs: 5_000 }),
    );

    expect(error).toMatchObject({
      code: 'SMM_RESPONSE_TOO_LARGE',
      sendState: 'answered',
      httpStatus: 200,
    });
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('stops reading an answer without content-length once it passes the cap', async () => {
    let written = 0;
    const server = await loopback.http((res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      const timer = setInterval(() => {
        if (res.destroyed || written >= 1_000_000) {
          clearInterval(timer);
          res.end();
          return;
        }
        written += 512;
        res.write('y'.repeat(512));
      }, 1);
    });
    const transport = fetchTransport({ maxResponseBytes: 2048 });

    const error = await rejectionOf(
      transport.send({ url: server.url, action: 'services', form: { key: KEY } }),
    );

    expect(error).toMatchObject({
      code: 'SMM_RESPONSE_TOO_LARGE',
      sendState: 'answered',
      httpStatus: 200,
    });
    expect(written).toBeLessThan(1_000_000);
  });

  it('accepts an answer exactly at the cap', async () => {
    const server = await loopback.http((res) => res.end('z'.repeat(1024)));
    const transport = fetchTransport({ maxResponseBytes: 1024 });

    const response = await transport.send({
      url: server.url,
      action: 'services',
      form: { key: KEY },
    });

    expect(response.body).toHaveLength(1024);
  });
});
