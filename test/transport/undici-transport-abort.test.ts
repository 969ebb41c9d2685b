import diagnosticsChannel from 'node:diagnostics_channel';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rejectionOf, useLoopback } from './helpers/loopback.js';

const form = { key: 'sk_test_abort', action: 'add', service: '1' };

/**
 * Which test ids undici wrote to a socket, seen through diagnostics_channel: an independent
 * witness for the send state, which the transport decides from its handler callbacks.
 */
const written = new Set<string>();
function onSendHeaders(message: unknown): void {
  const headers = (message as { headers?: unknown }).headers;
  const id = typeof headers === 'string' ? /x-test-id: (\S+)/.exec(headers)?.[1] : undefined;
  if (id !== undefined) written.add(id);
}

describe('undici transport aborts', () => {
  const loopback = useLoopback();

  beforeEach(() => {
    written.clear();
    diagnosticsChannel.subscribe('undici:client:sendHeaders', onSendHeaders);
  });
  afterEach(() => {
    diagnosticsChannel.unsubscribe('undici:client:sendHeaders', onSendHeaders);
  });

  it('fails at once as not sent when the signal is already aborted, without connecting', async () => {
    const server = await loopback.http((res) => res.end('{}'));
    const transport = loopback.transport();
    const reason = new Error('caller gave up');

    const error = await rejectionOf(
      transport.send({ url: server.url, action: 'add', form, signal: AbortSignal.abort(reason) }),
    );

    expect(error).toMatchObject({ code: 'SMM_ABORTED', sendState: 'not_sent', action: 'add' });
    expect(error.cause).toBe(reason);
    expect(server.connections()).toBe(0);
  });

  it('fails promptly as not sent when aborted while the connection is still being opened', async () => {
    const url = await loopback.neverAcceptingUrl();
    const transport = loopback.transport({ connectTimeoutMs: 5_000 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const started = performance.now();

    const error = await rejectionOf(
      transport.send({
        url,
        action: 'add',
        form,
        headers: { 'x-test-id': 'connecting' },
        signal: controller.signal,
      }),
    );

    expect(error).toMatchObject({
      code: 'SMM_ABORTED',
      sendState: 'not_sent',
      causeCode: 'AbortError',
    });
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(written.has('connecting')).toBe(false);
  });

  it('reports maybe sent when aborted after the server read the request', async () => {
    const server = await loopback.http(() => {});
    const transport = loopback.transport();
    const controller = new AbortController();

    const pending = rejectionOf(
      transport.send({
        url: server.url,
        action: 'add',
        form,
        headers: { 'x-test-id': 'read' },
        signal: controller.signal,
      }),
    );
    await server.nextRequest();
    controller.abort();
    const error = await pending;

    expect(error).toMatchObject({ code: 'SMM_ABORTED', sendState: 'maybe_sent' });
    expect(written.has('read')).toBe(true);
  });

  it('reports maybe sent, with the status, when aborted while the body is arriving', async () => {
    const server = await loopback.http((res) => {
      res.writeHead(200, { 'Content-Length': '100' });
      res.write('{"order":');
    });
    const transport = loopback.transport();
    const controller = new AbortController();

    const pending = rejectionOf(
      transport.send({ url: server.url, action: 'add', form, signal: controller.signal }),
    );
    await server.nextRequest();
    setTimeout(() => controller.abort(), 50);
    const error = await pending;

    expect(error).toMatchObject({ code: 'SMM_ABORTED', sendState: 'maybe_sent', httpStatus: 200 });
  });

  it('never writes a request aborted while it waited for a busy connection', async () => {
    const answers: (() => void)[] = [];
    const server = await loopback.http((res) => answers.push(() => res.end('{}')));
    const transport = loopback.transport({ connections: 1 });
    const send = (id: string, signal?: AbortSignal) =>
      transport.send({
        url: server.url,
        action: 'status',
        form: { ...form, id },
        headers: { 'x-test-id': id },
        signal,
      });

    const first = send('first');
    await server.nextRequest();
    const controller = new AbortController();
    const queued = rejectionOf(send('queued', controller.signal));
    controller.abort();
    const error = await queued;
    answers.shift()?.();
    await first;
    // The pool now hands the connection to the aborted request, which must stop before writing.
    const third = send('third');
    await server.nextRequest();
    answers.shift()?.();
    await third;

    expect(error).toMatchObject({ code: 'SMM_ABORTED', sendState: 'not_sent' });
    expect(server.requests.map((request) => new URLSearchParams(request.body).get('id'))).toEqual([
      'first',
      'third',
    ]);
    expect([...written].sort()).toEqual(['first', 'third']);
  });

  it('reports not sent when the deadline passes while waiting for a busy connection', async () => {
    const server = await loopback.http(() => {});
    const transport = loopback.transport({ connections: 1 });

    const first = rejectionOf(
      transport.send({ url: server.url, action: 'status', form, timeoutMs: 2_000 }),
    );
    await server.nextRequest();
    const error = await rejectionOf(
      transport.send({ url: server.url, action: 'status', form, timeoutMs: 100 }),
    );

    expect(error).toMatchObject({ code: 'SMM_TIMEOUT', sendState: 'not_sent' });
    await transport.close();
    expect(await first).toMatchObject({ sendState: 'maybe_sent' });
    expect(server.requests).toHaveLength(1);
  });
});
