import { afterEach, describe, expect, it, vi } from 'vitest';
import { createFetchTransport, type FetchFunction } from '../../src/transport/fetch-transport.js';
import { classifyFetchFailure } from '../../src/transport/internal/fetch-failure.js';
import { rejectionOf } from './helpers/loopback.js';

const url = 'https://panel.test/api/v2';
const form = { key: 'sk_test_injected', action: 'add', service: '1' };

/** A TypeError shaped like Node's `fetch failed`, its socket error in `cause`. */
function fetchFailed(code?: string): TypeError {
  const cause = code === undefined ? undefined : Object.assign(new Error(code), { code });
  return new TypeError('fetch failed', cause === undefined ? undefined : { cause });
}

describe('fetch transport with an injected fetch (behaviour of other runtimes)', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });

  it('calls the given fetch with globalThis as this, POST, redirect manual and its own signal', async () => {
    const calls: { self: unknown; input: string; init: RequestInit }[] = [];
    const fetch = function (this: unknown, input: string, init: RequestInit) {
      calls.push({ self: this, input, init });
      return Promise.resolve(new Response('{"balance":"1.00"}', { status: 200 }));
    };
    const transport = createFetchTransport({ fetch });

    const response = await transport.send({ url, action: 'balance', form });

    expect(response).toMatchObject({ status: 200, body: '{"balance":"1.00"}' });
    expect(calls).toHaveLength(1);
    expect(calls[0]?.self).toBe(globalThis);
    expect(calls[0]?.input).toBe(url);
    expect(calls[0]?.init).toMatchObject({ method: 'POST', redirect: 'manual' });
    expect(calls[0]?.init.signal).toBeInstanceOf(AbortSignal);
    expect(calls[0]?.init.body).toBe(new URLSearchParams(form).toString());
  });

  it('drops user info from the URL it hands to fetch', async () => {
    const seen: string[] = [];
    const fetch: FetchFunction = (input) => {
      seen.push(input);
      return Promise.resolve(new Response('{}'));
    };
    const transport = createFetchTransport({ fetch });

    await transport.send({ url: 'https://user:pw@panel.test/api/v2?x=1', action: 'add', form });

    expect(seen).toEqual(['https://panel.test/api/v2?x=1']);
  });

  it('looks up the global fetch on every request when none is given', async () => {
    const transport = createFetchTransport();
    const stub = vi.fn(() => Promise.resolve(new Response('{"stubbed":true}')));
    vi.stubGlobal('fetch', stub);

    const response = await transport.send({ url, action: 'balance', form });

    expect(response.body).toBe('{"stubbed":true}');
    expect(stub).toHaveBeenCalledTimes(1);
  });

  it('holds a fetch that ignores its signal to the deadline, and cancels its late answer', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    let answer: (response: Response) => void = () => {};
    const fetch: FetchFunction = () => new Promise((resolve) => (answer = resolve));
    const transport = createFetchTransport({ fetch });

    const pending = rejectionOf(transport.send({ url, action: 'add', form, timeoutMs: 50 }));
    vi.advanceTimersByTime(50);
    const error = await pending;
    const late = new Response('{"order":1}');
    answer(late);
    await new Promise((resolve) => setImmediate(resolve));

    expect(error).toMatchObject({
      code: 'SMM_TIMEOUT',
      sendState: 'maybe_sent',
      causeCode: 'DEADLINE_EXCEEDED',
    });
    // Cancelled rather than left holding a connection.
    expect(late.bodyUsed).toBe(true);
  });

  it.each(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT'])(
    'reports fetch failed with cause %s as a connect failure that was not sent',
    async (code) => {
      const transport = createFetchTransport({ fetch: () => Promise.reject(fetchFailed(code)) });

      const error = await rejectionOf(transport.send({ url, action: 'add', form }));

      expect(error).toMatchObject({
        code: 'SMM_CONNECT_FAILED',
        sendState: 'not_sent',
        causeCode: code,
      });
    },
  );

  it('reports an opaque TypeError, as other runtimes give for any failure, as maybe sent', async () => {
    const transport = createFetchTransport({ fetch: () => Promise.reject(fetchFailed()) });

    const error = await rejectionOf(transport.send({ url, action: 'add', form }));

    expect(error).toMatchObject({
      code: 'SMM_CONNECTION_LOST',
      sendState: 'maybe_sent',
      causeCode: 'TypeError',
    });
  });

  it('reports a TLS failure as maybe sent: its codes are not trusted to prove nothing left', async () => {
    const transport = createFetchTransport({
      fetch: () => Promise.reject(fetchFailed('ERR_SSL_WRONG_VERSION_NUMBER')),
    });

    const error = await rejectionOf(transport.send({ url, action: 'add', form }));

    expect(error).toMatchObject({ code: 'SMM_CONNECTION_LOST', sendState: 'maybe_sent' });
  });

  it("reports undici's own headers timeout inside fetch as a timeout that may have been sent", async () => {
    const transport = createFetchTransport({
      fetch: () => Promise.reject(fetchFailed('UND_ERR_HEADERS_TIMEOUT')),
    });

    const error = await rejectionOf(transport.send({ url, action: 'add', form }));

    expect(error).toMatchObject({
      code: 'SMM_TIMEOUT',
      sendState: 'maybe_sent',
      causeCode: 'UND_ERR_HEADERS_TIMEOUT',
    });
  });

  it('reports a fetch that throws synchronously as maybe sent', async () => {
    const transport = createFetchTransport({
      fetch: () => {
        throw new RangeError('broken fetch');
      },
    });

    const error = await rejectionOf(transport.send({ url, action: 'add', form }));

    expect(error).toMatchObject({
      code: 'SMM_CONNECTION_LOST',
      sendState: 'maybe_sent',
      causeCode: 'RangeError',
    });
  });

  it('refuses an opaque redirect (what browsers return for redirect manual) as answered', async () => {
    const opaque = {
      type: 'opaqueredirect',
      status: 0,
      redirected: false,
      headers: new Headers(),
      body: null,
    } as unknown as Response;
    const transport = createFetchTransport({ fetch: () => Promise.resolve(opaque) });

    const error = await rejectionOf(transport.send({ url, action: 'add', form }));

    expect(error).toMatchObject({ code: 'SMM_REDIRECT_REFUSED', sendState: 'answered' });
    expect(error.httpStatus).toBeUndefined();
  });

  it('refuses the answer of a fetch that followed a redirect anyway, as maybe sent', async () => {
    const followed = new Response('{"order":9}');
    Object.defineProperty(followed, 'redirected', { value: true });
    const transport = createFetchTransport({ fetch: () => Promise.resolve(followed) });

    const error = await rejectionOf(transport.send({ url, action: 'add', form }));

    expect(error).toMatchObject({
      code: 'SMM_REDIRECT_REFUSED',
      sendState: 'maybe_sent',
      causeCode: 'REDIRECT_FOLLOWED',
      httpStatus: 200,
    });
  });

  it('reports a body that errors with a connect-like cause as maybe sent, never not sent', async () => {
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"ord'));
        controller.error(fetchFailed('ECONNREFUSED'));
      },
    });
    const transport = createFetchTransport({
      fetch: () => Promise.resolve(new Response(body, { status: 200 })),
    });

    const error = await rejectionOf(transport.send({ url, action: 'add', form }));

    expect(error).toMatchObject({
      code: 'SMM_CONNECTION_LOST',
      sendState: 'maybe_sent',
      httpStatus: 200,
    });
    expect(classifyFetchFailure(fetchFailed('ECONNREFUSED'), 'reading').sendState).toBe(
      'maybe_sent',
    );
  });

  it('finds the code in the first error of an AggregateError cause', () => {
    const aggregate = new AggregateError([Object.assign(new Error('x'), { code: 'ECONNREFUSED' })]);

    const result = classifyFetchFailure(
      new TypeError('fetch failed', { cause: aggregate }),
      'fetching',
    );

    expect(result).toEqual({
      code: 'SMM_CONNECT_FAILED',
      sendState: 'not_sent',
      causeCode: 'ECONNREFUSED',
    });
  });
});
