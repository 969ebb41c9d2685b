import { afterEach, describe, expect, it } from 'vitest';
import {
  type SandboxOptions,
  type SandboxPanel,
  startSandboxPanel,
} from '../../src/sandbox/index.js';
import { call, postForm } from './sandbox-http.js';

const ADD = { action: 'add', service: '1', link: 'https://example.test/f', quantity: '100' };

/** The error code of a failed undici request, or 'answered'. */
async function failureOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'answered';
  } catch (error) {
    const e = error as { code?: unknown; name?: string };
    return typeof e.code === 'string' ? e.code : (e.name ?? 'unknown');
  }
}

describe('sandbox faults', () => {
  let panel: SandboxPanel | undefined;

  async function start(options: SandboxOptions = {}): Promise<SandboxPanel> {
    panel = await startSandboxPanel({ duplicateLinkRule: false, ...options });
    return panel;
  }
  afterEach(async () => {
    await panel?.close();
    panel = undefined;
  });

  it('reset_after_commit: the client sees a socket error, and the order was bought', async () => {
    const p = await start();
    p.faults.script('add', ['reset_after_commit']);
    expect(['ECONNRESET', 'UND_ERR_SOCKET']).toContain(await failureOf(postForm(p, ADD)));
    expect(p.state.purchases()).toMatchObject({ orders: 1, totalCharged: '0.09' });
    expect(p.state.balance()).toBe('999.91');
  });

  it('reset_before_commit: the client sees a socket error, and nothing was bought', async () => {
    const p = await start();
    p.faults.script('add', ['reset_before_commit']);
    expect(['ECONNRESET', 'UND_ERR_SOCKET']).toContain(await failureOf(postForm(p, ADD)));
    expect(p.state.purchases().orders).toBe(0);
    expect(p.state.requests().byAction.add).toBe(1);
    expect(p.state.balance()).toBe('1000');
  });

  it('hang_after_commit: the client times out, and the order was bought', async () => {
    const p = await start();
    p.faults.script('add', ['hang_after_commit']);
    const outcome = await failureOf(postForm(p, ADD, { signal: AbortSignal.timeout(300) }));
    expect(outcome).toBe('TimeoutError');
    expect(p.state.purchases().orders).toBe(1);
  });

  it('closes without waiting for a hung request, which then fails', async () => {
    const p = await start();
    p.faults.script('status', ['hang_after_commit']);
    const hung = failureOf(postForm(p, { action: 'status', order: '1' }));
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = Date.now();
    await p.close();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(await hung).not.toBe('answered');
  });

  it('http_429 answers 429 with the configured Retry-After and processes nothing', async () => {
    const p = await start();
    p.faults.script('add', [{ kind: 'http_429', retryAfterSeconds: 7 }]);
    const answer = await postForm(p, ADD);
    expect(answer.status).toBe(429);
    expect(answer.headers['retry-after']).toBe('7');
    expect(JSON.parse(answer.text)).toEqual({ error: 'Too Many Requests' });
    expect(p.state.purchases().orders).toBe(0);
  });

  it('http_503 answers 503 "Service temporarily unavailable" with Retry-After, unprocessed', async () => {
    const p = await start();
    p.faults.script('add', ['http_503']);
    const answer = await postForm(p, ADD);
    expect(answer.status).toBe(503);
    expect(answer.headers['retry-after']).toBe('1');
    expect(JSON.parse(answer.text)).toEqual({ error: 'Service temporarily unavailable' });
    expect(p.state.purchases().orders).toBe(0);
  });

  it('html_502 sends a proxy page after processing by default, or before when told', async () => {
    const p = await start();
    p.faults.script('add', ['html_502', { kind: 'html_502', processed: false }]);
    const first = await postForm(p, ADD);
    expect(first.status).toBe(502);
    expect(first.headers['content-type']).toContain('text/html');
    expect(first.text).toContain('502 Bad Gateway');
    expect(p.state.purchases().orders).toBe(1);
    expect((await postForm(p, ADD)).status).toBe(502);
    expect(p.state.purchases().orders).toBe(1);
  });

  it('broken_json processes the order and cuts the answer short', async () => {
    const p = await start();
    p.faults.script('add', ['broken_json']);
    const answer = await postForm(p, ADD);
    expect(answer.status).toBe(200);
    expect(answer.text.startsWith('{"order":')).toBe(true);
    expect(() => JSON.parse(answer.text)).toThrow();
    expect(p.state.purchases().orders).toBe(1);
  });

  it('error_200 answers a transient error text with HTTP 200 and processes nothing', async () => {
    const p = await start();
    p.faults.script('add', ['error_200']);
    const answer = await postForm(p, ADD);
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text)).toEqual({ error: 'Something went wrong, please try again' });
    expect(p.state.purchases().orders).toBe(0);
  });

  it('delay processes at once and answers normally after the delay', async () => {
    const p = await start();
    p.faults.script('add', [{ kind: 'delay', delayMs: 250 }]);
    const started = Date.now();
    const answer = await call(p, ADD);
    expect(Date.now() - started).toBeGreaterThanOrEqual(200);
    expect(answer).toEqual({ order: expect.any(Number) });
    expect(p.state.purchases().orders).toBe(1);
  });

  it('consumes a script step by step for its action only, "ok" included', async () => {
    const p = await start();
    p.faults.script('add', ['error_200', 'ok', 'http_503']);
    expect((await call(p, { action: 'balance' })).currency).toBe('USD');
    expect(await call(p, ADD)).toEqual({ error: 'Something went wrong, please try again' });
    expect(p.faults.pending('add')).toBe(2);
    expect((await call(p, ADD)).order).toEqual(expect.any(Number));
    expect((await postForm(p, ADD)).status).toBe(503);
    expect((await call(p, ADD)).order).toEqual(expect.any(Number));
    expect(p.state.faultsInjected()).toMatchObject({
      total: 2,
      byKind: { error_200: 1, http_503: 1 },
      byAction: { add: 2 },
    });
    expect(p.faults.injected().total).toBe(2);
  });

  it('replays the same faults for the same seed, and the counts match what the client saw', async () => {
    const run = async () => {
      const p = await start();
      p.faults.set({ action: '*', rate: 0.4, kinds: ['error_200', 'http_503'], seed: 99 });
      const seen: string[] = [];
      for (let i = 0; i < 30; i++) {
        const answer = await postForm(p, { action: 'balance' });
        seen.push(
          answer.status === 503 ? 'http_503' : answer.text.includes('error') ? 'error_200' : 'ok',
        );
      }
      const injected = p.faults.injected();
      await p.close();
      return { seen, injected };
    };
    const first = await run();
    expect(first.seen).toContain('ok');
    expect(first.seen).toContain('error_200');
    expect(first.seen).toContain('http_503');
    expect(first.injected.total).toBe(first.seen.filter((s) => s !== 'ok').length);
    expect((await run()).seen).toEqual(first.seen);
  });

  it('prefers a rule for the action over the "*" rule, and clear() removes both', async () => {
    const p = await start();
    p.faults.set({ action: '*', rate: 1, kinds: ['http_503'] });
    p.faults.set({ action: ['balance'], rate: 1, kinds: ['error_200'] });
    expect(await call(p, { action: 'balance' })).toEqual({
      error: 'Something went wrong, please try again',
    });
    expect((await postForm(p, { action: 'services' })).status).toBe(503);
    p.faults.clear();
    expect((await call(p, { action: 'balance' })).currency).toBe('USD');
  });

  it('refuses a rule with an unknown kind or a rate outside 0..1', async () => {
    const p = await start();
    expect(() => p.faults.set({ action: 'add', rate: 2, kinds: ['http_503'] })).toThrow(/rate/);
    expect(() =>
      p.faults.set({ action: 'add', rate: 0.5, kinds: ['explode' as 'http_503'] }),
    ).toThrow(/unknown fault kind/);
  });
});
