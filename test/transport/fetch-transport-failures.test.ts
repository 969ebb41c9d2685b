import { afterEach, describe, expect, it } from 'vitest';
import { isTransportError } from '../../src/errors/guards.js';
import {
  createFetchTransport,
  type FetchTransportOptions,
} from '../../src/transport/fetch-transport.js';
import type { Transport } from '../../src/transport/transport.js';
import { rejectionOf, useLoopback } from './helpers/loopback.js';

const form = { key: 'sk_test_fetch_failures', action: 'add', service: '1' };

describe('fetch transport failures (Node global fetch, real loopback servers)', () => {
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

  it('reports a refused connection as a connect failure that was not sent', async () => {
    const url = await loopback.refusedUrl();
    const transport = fetchTransport();

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

  it('reports no headers before the deadline as a timeout that may have been sent', async () => {
    const server = await loopback.http(() => {});
    const transport = fetchTransport();
    const started = performance.now();

    const error = await rejectionOf(
      transport.send({ url: server.url, action: 'add', form, timeoutMs: 200 }),
    );
    const elapsed = performance.now() - started;

    expect(server.requests).toHaveLength(1);
    expect(error).toMatchObject({
      code: 'SMM_TIMEOUT',
      sendState: 'maybe_sent',
      causeCode: 'DEADLINE_EXCEEDED',
    });
    expect(error.httpStatus).toBeUndefined();
    expect(elapsed).toBeGreaterThanOrEqual(190);
    expect(elapsed).toBeLessThan(1_000);
  });

  it('uses requestTimeoutMs as the deadline when the request gives none', async () => {
    const server = await loopback.http(() => {});
    const transport = fetchTransport({ requestTimeoutMs: 150 });

    const error = await rejectionOf(transport.send({ url: server.url, action: 'status', form }));

    expect(error).toMatchObject({ code: 'SMM_TIMEOUT', causeCode: 'DEADLINE_EXCEEDED' });
  });

  it('reports a body that stalls past the deadline as a timeout, with the status that came', async () => {
    const server = await loopback.http((res) => {
      res.writeHead(200, { 'Content-Length': '100' });
      res.write('{"order":');
    });
    const transport = fetchTransport();

    const error = await rejectionOf(
      transport.send({ url: server.url, action: 'add', form, timeoutMs: 200 }),
    );

    expect(error).toMatchObject({
      code: 'SMM_TIMEOUT',
      sendState: 'maybe_sent',
      causeCode: 'DEADLINE_EXCEEDED',
      httpStatus: 200,
    });
  });

  it('fails at once without sending when the request has no time left', async () => {
    const server = await loopback.http((res) => res.end('{}'));
    const transport = fetchTransport();

    const error = await rejectionOf(
      transport.send({ url: server.url, action: 'add', form, timeoutMs: 0 }),
    );

    expect(error).toMatchObject({ code: 'SMM_TIMEOUT', sendState: 'not_sent' });
    expect(server.connections()).toBe(0);
  });

  it('reports a reset after the request was read as a lost connection that may have been sent', async () => {
    const server = await loopback.http((_res, req) => req.socket.resetAndDestroy());
    const transport = fetchTransport();

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
    const transport = fetchTransport();

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
    const transport = fetchTransport();

    const error = await rejectionOf(transport.send({ url: server.url, action: 'add', form }));

    expect(error).toMatchObject({
      code: 'SMM_CONNECTION_LOST',
      sendState: 'maybe_sent',
      httpStatus: 502,
      causeCode: 'UND_ERR_SOCKET',
    });
  });

  it('fails at once as not sent when the signal is already aborted, without connecting', async () => {
    const server = await loopback.http((res) => res.end('{}'));
    const transport = fetchTransport();
    const reason = new Error('caller gave up');

    const error = await rejectionOf(
      transport.send({ url: server.url, action: 'add', form, signal: AbortSignal.abort(reason) }),
    );

    expect(error).toMatchObject({ code: 'SMM_ABORTED', sendState: 'not_sent', action: 'add' });
    expect(error.cause).toBe(reason);
    expect(server.connections()).toBe(0);
  });

  it('reports maybe sent when aborted after the server read the request', async () => {
    const server = await loopback.http(() => {});
    const transport = fetchTransport();
    const controller = new AbortController();

    const pending = rejectionOf(
      transport.send({ url: server.url, action: 'add', form, signal: controller.signal }),
    );
    await server.nextRequest();
    controller.abort();
    const error = await pending;

    expect(error).toMatchObject({
      code: 'SMM_ABORTED',
      sendState: 'maybe_sent',
      causeCode: 'AbortError',
    });
  });

  it('reports maybe sent, with the status, when aborted while the body is arriving', async () => {
    const server = await loopback.http((res) => {
      res.writeHead(200, { 'Content-Length': '100' });
      res.write('{"order":');
    });
    const transport = fetchTransport();
    const controller = new AbortController();

    const pending = rejectionOf(
      transport.send({ url: server.url, action: 'add', form, signal: controller.signal }),
    );
    await server.nextRequest();
    setTimeout(() => controller.abort(), 50);
    const error = await pending;

    expect(error).toMatchObject({ code: 'SMM_ABORTED', sendState: 'maybe_sent', httpStatus: 200 });
  });

  it('rejects a URL that is not http(s) without sending and without echoing it', async () => {
    const transport = fetchTransport();

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

  it('refuses a header fetch would refuse before calling fetch, as not sent', async () => {
    const server = await loopback.http((res) => res.end('{}'));
    const transport = fetchTransport();

    const error = await rejectionOf(
      transport.send({
        url: server.url,
        action: 'add',
        form,
        headers: { 'Idempotency-Key': 'a\r\nx-injected: 1' },
      }),
    );

    expect(error).toMatchObject({
      code: 'SMM_CONNECT_FAILED',
      sendState: 'not_sent',
      causeCode: 'ERR_INVALID_HEADER',
    });
    expect(server.connections()).toBe(0);
  });

  it('refuses to send after close, and close can be called again', async () => {
    const server = await loopback.http((res) => res.end('{}'));
    const transport = fetchTransport();
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
    const transport = fetchTransport();

    const pending = rejectionOf(transport.send({ url: server.url, action: 'add', form }));
    await server.nextRequest();
    await transport.close();
    const error = await pending;

    expect(error).toMatchObject({
      code: 'SMM_CONNECTION_LOST',
      sendState: 'maybe_sent',
      causeCode: 'TRANSPORT_CLOSED',
    });
  });
});
