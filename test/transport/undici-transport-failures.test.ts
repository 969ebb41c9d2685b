import { describe, expect, it } from 'vitest';
import { isTransportError } from '../../src/errors/guards.js';
import { rejectionOf, useLoopback } from './helpers/loopback.js';

const form = { key: 'sk_test_failures', action: 'add', service: '1' };

describe('undici transport failures', () => {
  const loopback = useLoopback();

  it('reports a refused connection as a connect failure that was not sent', async () => {
    const url = await loopback.refusedUrl();
    const transport = loopback.transport();

    const error = await rejectionOf(transport.send({ url, action: 'add', form }));

    expect(isTransportError(error)).toBe(true);
    expect(error).toMatchObject({
      code: 'SMM_CONNECT_FAILED',
      sendState: 'not_sent',
      causeCode: 'ECONNREFUSED',
      action: 'add',
    });
    expect(error.httpStatus).toBeUndefined();
  });

  it('reports a connect timeout as a connect failure that was not sent', async () => {
    const url = await loopback.neverAcceptingUrl();
    // undici's connect timer is coarse: 300 ms fires after about one second.
    const transport = loopback.transport({ connectTimeoutMs: 300 });

    const error = await rejectionOf(
      transport.send({ url, action: 'add', form, timeoutMs: 10_000 }),
    );

    expect(error).toMatchObject({
      code: 'SMM_CONNECT_FAILED',
      sendState: 'not_sent',
      causeCode: 'UND_ERR_CONNECT_TIMEOUT',
    });
  });

  it('reports the deadline passing while still connecting as a timeout that was not sent', async () => {
    const url = await loopback.neverAcceptingUrl();
    const transport = loopback.transport();
    const started = performance.now();

    const error = await rejectionOf(transport.send({ url, action: 'add', form, timeoutMs: 150 }));

    expect(error).toMatchObject({
      code: 'SMM_TIMEOUT',
      sendState: 'not_sent',
      causeCode: 'DEADLINE_EXCEEDED',
    });
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('reports a failed TLS handshake as a connect failure that was not sent', async () => {
    // A plain-text server answering a TLS ClientHello: the handshake cannot succeed.
    const server = await loopback.tcp((socket) => {
      socket.once('data', () => socket.end('HTTP/1.1 400 Bad Request\r\n\r\n'));
    });
    const transport = loopback.transport();

    const error = await rejectionOf(
      transport.send({ url: server.url.replace('http:', 'https:'), action: 'add', form }),
    );

    expect(error).toMatchObject({ code: 'SMM_CONNECT_FAILED', sendState: 'not_sent' });
    expect(error.causeCode).toEqual(expect.any(String));
  });

  it('reports no headers in time as a timeout that may have been sent', async () => {
    const server = await loopback.http(() => {});
    const transport = loopback.transport({ headersTimeoutMs: 300 });

    const error = await rejectionOf(
      transport.send({ url: server.url, action: 'add', form, timeoutMs: 10_000 }),
    );

    expect(server.requests).toHaveLength(1);
    expect(error).toMatchObject({
      code: 'SMM_TIMEOUT',
      sendState: 'maybe_sent',
      causeCode: 'UND_ERR_HEADERS_TIMEOUT',
    });
  });

  it('reports a body that stalls midway as a timeout that may have been sent', async () => {
    const server = await loopback.http((res) => {
      res.writeHead(200, { 'Content-Length': '100' });
      res.write('{"order":');
    });
    const transport = loopback.transport({ bodyTimeoutMs: 300 });

    const error = await rejectionOf(
      transport.send({ url: server.url, action: 'add', form, timeoutMs: 10_000 }),
    );

    expect(error).toMatchObject({
      code: 'SMM_TIMEOUT',
      sendState: 'maybe_sent',
      causeCode: 'UND_ERR_BODY_TIMEOUT',
      httpStatus: 200,
    });
  });

  it('reports the per-call deadline passing before a slow answer as a timeout that may have been sent', async () => {
    const server = await loopback.http((res) => {
      setTimeout(() => res.end('{"order":1}'), 2_000).unref();
    });
    const transport = loopback.transport();
    const started = performance.now();

    const error = await rejectionOf(
      transport.send({ url: server.url, action: 'add', form, timeoutMs: 200 }),
    );
    const elapsed = performance.now() - started;

    expect(error).toMatchObject({
      code: 'SMM_TIMEOUT',
      sendState: 'maybe_sent',
      causeCode: 'DEADLINE_EXCEEDED',
    });
    expect(elapsed).toBeGreaterThanOrEqual(190);
    expect(elapsed).toBeLessThan(1_000);
  });

  it('uses requestTimeoutMs as the deadline when the request gives none', async () => {
    const server = await loopback.http(() => {});
    const transport = loopback.transport({ requestTimeoutMs: 150 });

    const error = await rejectionOf(transport.send({ url: server.url, action: 'status', form }));

    expect(error).toMatchObject({ code: 'SMM_TIMEOUT', causeCode: 'DEADLINE_EXCEEDED' });
  });

  it('fails at once without sending when the request has no time left', async () => {
    const server = await loopback.http((res) => res.end('{}'));
    const transport = loopback.transport();

    const error = await rejectionOf(
      transport.send({ url: server.url, action: 'add', form, timeoutMs: 0 }),
    );

    expect(error).toMatchObject({ code: 'SMM_TIMEOUT', sendState: 'not_sent' });
    expect(server.connections()).toBe(0);
  });

  it('reports a reset after the request was read as a lost connection that may have been sent', async () => {
    const server = await loopback.http((_res, req) => req.socket.resetAndDestroy());
    const transport = loopback.transport();

    const error = await rejectionOf(transport.send({ url: server.url, action: 'add', form }));

    expect(server.requests).toHaveLength(1);
    expect(error).toMatchObject({
      code: 'SMM_CONNECTION_LOST',
      sendState: 'maybe_sent',
      causeCode: 'ECONNRESET',
    });
  });

  it('reports a close after the request was read as a lost connection that may have been sent', async () => {
    const server = await loopback.http((_res, req) => req.socket.destroy());
    const transport = loopback.transport();

    const error = await rejectionOf(transport.send({ url: server.url, action: 'add', form }));

    expect(error).toMatchObject({
      code: 'SMM_CONNECTION_LOST',
      sendState: 'maybe_sent',
      causeCode: 'UND_ERR_SOCKET',
    });
  });

  it('reports a connection dropped in the middle of the body as lost, with the status that came', async () => {
    const server = await loopback.http((res, req) => {
      res.writeHead(502, { 'Content-Length': '1000' });
      res.write('<html>', () => req.socket.destroy());
    });
    const transport = loopback.transport();

    const error = await rejectionOf(transport.send({ url: server.url, action: 'add', form }));

    expect(error).toMatchObject({
      code: 'SMM_CONNECTION_LOST',
      sendState: 'maybe_sent',
      httpStatus: 502,
    });
  });

  it('rejects a URL that is not http(s) without sending and without echoing it', async () => {
    const transport = loopback.transport();

    const error = await rejectionOf(
      transport.send({ url: 'ftp://panel.test/api?token=hidden', action: 'add', form }),
    );

    expect(error).toMatchObject({
      code: 'SMM_CONNECT_FAILED',
      sendState: 'not_sent',
      causeCode: 'ERR_INVALID_URL',
    });
    expect(error.message).not.toContain('hidden');
  });

  it('refuses to send after close, and close can be called again', async () => {
    const server = await loopback.http((res) => res.end('{}'));
    const transport = loopback.transport();
    await transport.send({ url: server.url, action: 'balance', form });

    await transport.close();
    await transport.close();
    const error = await rejectionOf(transport.send({ url: server.url, action: 'balance', form }));

    expect(error).toMatchObject({
      code: 'SMM_CONNECT_FAILED',
      sendState: 'not_sent',
      causeCode: 'TRANSPORT_CLOSED',
    });
    expect(server.requests).toHaveLength(1);
  });

  it('fails a request in flight when the transport is closed, as maybe sent', async () => {
    const server = await loopback.http(() => {});
    const transport = loopback.transport();

    const pending = rejectionOf(transport.send({ url: server.url, action: 'add', form }));
    await server.nextRequest();
    await transport.close();
    const error = await pending;

    expect(error).toMatchObject({ code: 'SMM_CONNECTION_LOST', sendState: 'maybe_sent' });
  });
});
