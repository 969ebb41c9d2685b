import { describe, expect, it } from 'vitest';
import { parseForm, rejectionOf, useLoopback } from './helpers/loopback.js';

const KEY = 'sk_test_1234567890abcdef';

describe('undici transport answers', () => {
  const loopback = useLoopback();

  it('posts the form url-encoded with its content type and returns status, headers and body', async () => {
    const server = await loopback.http((res) => {
      res.setHeader('X-Panel', 'demo');
      res.setHeader('Content-Type', 'application/json');
      res.end('{"order":23501}');
    });
    const transport = loopback.transport();

    const response = await transport.send({
      url: server.url,
      action: 'add',
      form: {
        key: KEY,
        action: 'add',
        service: '1',
        link: 'https://x.test/a b?c=d&e',
        quantity: '100',
      },
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
    expect(parseForm(received?.body ?? '')).toEqual({
      key: KEY,
      action: 'add',
      service: '1',
      link: 'https://x.test/a b?c=d&e',
      quantity: '100',
    });
  });

  it('keeps the content type form-encoded even when the request headers name another', async () => {
    const server = await loopback.http((res) => res.end('{}'));
    const transport = loopback.transport({ userAgent: 'custom-agent/1' });

    await transport.send({
      url: server.url,
      action: 'balance',
      form: { key: KEY, action: 'balance' },
      headers: { 'Content-Type': 'application/json' },
    });

    expect(server.requests[0]?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(server.requests[0]?.headers['user-agent']).toBe('custom-agent/1');
  });

  it('sends the fields as a JSON object when the request asks for json encoding', async () => {
    const server = await loopback.http((res) => res.end('{"balance":"2.50"}'));
    const transport = loopback.transport();

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
      const transport = loopback.transport();

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
    const transport = loopback.transport();

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
    const transport = loopback.transport();

    const response = await transport.send({ url: server.url, action: 'add', form: { key: KEY } });

    expect(response.body).toBe(text);
  });

  it('reuses kept-alive connections for consecutive requests', async () => {
    const server = await loopback.http((res) => res.end('{"balance":"1.00"}'));
    const transport = loopback.transport();

    for (let i = 0; i < 10; i += 1) {
      const response = await transport.send({
        url: server.url,
        action: 'balance',
        form: { key: KEY },
      });
      expect(response.status).toBe(200);
    }

    // undici frees a connection one event-loop turn after a response ends, so a request sent at
    // once takes a second pooled connection (raw undici.request does the same); after that the
    // two alternate. Without keep-alive this would be 10.
    expect(server.requests).toHaveLength(10);
    expect(server.connections()).toBeLessThanOrEqual(2);
  });

  it('sends every request over one connection when the pool allows only one', async () => {
    const server = await loopback.http((res) => res.end('{"balance":"1.00"}'));
    const transport = loopback.transport({ connections: 1 });

    for (let i = 0; i < 5; i += 1) {
      await transport.send({ url: server.url, action: 'balance', form: { key: KEY } });
    }

    expect(server.requests).toHaveLength(5);
    expect(server.connections()).toBe(1);
  });

  it.each([301, 302, 307])(
    'refuses a %i redirect without contacting its target',
    async (status) => {
      const target = await loopback.http((res) => res.end('{"order":1}'));
      const server = await loopback.http((res) => {
        res.statusCode = status;
        res.setHeader('Location', target.url);
        res.end('moved');
      });
      const transport = loopback.transport();

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
    },
  );

  it('refuses an answer larger than the cap when content-length announces it, without reading it', async () => {
    const server = await loopback.http((res) => {
      // Announce far more than the cap, send a little, then stall: only an early refusal can
      // finish before the deadline.
      res.writeHead(200, { 'Content-Length': String(50_000_000) });
      res.write('x'.repeat(100));
    });
    const transport = loopback.transport({ maxResponseBytes: 1024 });
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

  it('stops reading a chunked answer once it passes the cap', async () => {
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
    const transport = loopback.transport({ maxResponseBytes: 2048 });

    const error = await rejectionOf(
      transport.send({ url: server.url, action: 'services', form: { key: KEY } }),
    );

    expect(error).toMatchObject({ code: 'SMM_RESPONSE_TOO_LARGE', sendState: 'answered' });
    expect(error.httpStatus).toBe(200);
    expect(written).toBeLessThan(1_000_000);
  });

  it('accepts an answer exactly at the cap', async () => {
    const server = await loopback.http((res) => res.end('z'.repeat(1024)));
    const transport = loopback.transport({ maxResponseBytes: 1024 });

    const response = await transport.send({
      url: server.url,
      action: 'services',
      form: { key: KEY },
    });

    expect(response.body).toHaveLength(1024);
  });
});
