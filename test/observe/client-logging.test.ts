import { Writable } from 'node:stream';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { PanelClient } from '../../src/client/panel-client.js';
import type { ClientEventMap } from '../../src/observe/client-events.js';
import { type SandboxPanel, startSandboxPanel } from '../../src/sandbox/index.js';

const SECRET = 'sk-TEST-SECRET-logging-42';

function captureLogger(level: string) {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { logger: pino({ level }, stream), lines };
}

let panel: SandboxPanel | undefined;
let client: PanelClient | undefined;

afterEach(async () => {
  await client?.close();
  await panel?.close();
  client = undefined;
  panel = undefined;
});

async function setUp(options: { logger?: pino.Logger } = {}) {
  panel = await startSandboxPanel({ apiKey: SECRET });
  client = new PanelClient({
    profile: { url: panel.url, apiKey: SECRET },
    retry: { baseDelayMs: 1, maxDelayMs: 5 },
    ...options,
  });
  return { panel, client };
}

describe('client events', () => {
  it('reports request, response, retry and ledger writes of an order that needed a retry', async () => {
    const { panel, client } = await setUp();
    const seen: { name: keyof ClientEventMap; event: unknown }[] = [];
    for (const name of ['request', 'response', 'retry', 'ledgerWrite'] as const) {
      client.on(name, (event) => seen.push({ name, event }));
    }
    panel.faults.script('add', [{ kind: 'http_429', retryAfterSeconds: 0 }]);

    const result = await client.order(
      { service: 1, link: 'https://example.test/events', quantity: 100 },
      { idempotencyKey: 'events-1' },
    );

    const names = seen.map((s) => s.name);
    expect(names.filter((n) => n === 'request')).toHaveLength(2);
    expect(names.filter((n) => n === 'retry')).toHaveLength(1);
    const responses = seen.filter((s) => s.name === 'response').map((s) => s.event);
    expect(responses).toMatchObject([
      { action: 'add', attempt: 1, httpStatus: 429, idempotencyKey: 'events-1' },
      { action: 'add', attempt: 2, httpStatus: 200, idempotencyKey: 'events-1' },
    ]);
    const writes = seen.filter((s) => s.name === 'ledgerWrite').map((s) => s.event);
    expect(writes[0]).toMatchObject({ operation: 'claim', idempotencyKey: 'events-1' });
    expect(writes.at(-1)).toMatchObject({ operation: 'settle', state: 'placed' });
    expect(result.entry.state).toBe('placed');
  });

  it('reports an unknown outcome, and a listener that throws does not break the order path', async () => {
    const { panel, client } = await setUp();
    const unknown: string[] = [];
    client.on('request', () => {
      throw new Error('listener bug');
    });
    client.on('outcomeUnknown', (event) => unknown.push(event.idempotencyKey));
    panel.faults.script('add', ['reset_after_commit']);

    await expect(
      client.order(
        { service: 1, link: 'https://example.test/unknown', quantity: 100 },
        { idempotencyKey: 'events-unknown' },
      ),
    ).rejects.toMatchObject({ code: 'SMM_ORDER_OUTCOME_UNKNOWN' });
    expect(unknown).toEqual(['events-unknown']);
  });
});

describe('client logging', () => {
  it('is silent by default', async () => {
    const { client } = await setUp();
    const writes: string[] = [];
    const original = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string) => {
      writes.push(String(chunk));
      return true;
    }) as typeof process.stderr.write;
    try {
      await client.balance();
    } finally {
      process.stderr.write = original;
    }
    expect(writes).toEqual([]);
  });

  it('writes structured lines at debug, never with the key', async () => {
    const { logger, lines } = captureLogger('debug');
    const { panel, client } = await setUp({ logger });
    panel.faults.script('add', ['reset_after_commit']);
    await client.balance();
    await client
      .order(
        { service: 1, link: 'https://example.test/log', quantity: 100 },
        { idempotencyKey: 'log-1' },
      )
      .catch(() => undefined);

    const records = lines.map((line) => JSON.parse(line));
    expect(records.some((r) => r.event === 'request' && r.action === 'balance')).toBe(true);
    expect(records.some((r) => r.event === 'response' && r.sendState === 'maybe_sent')).toBe(true);
    expect(records.some((r) => r.event === 'outcomeUnknown' && r.idempotencyKey === 'log-1')).toBe(
      true,
    );
    expect(lines.join('')).not.toContain(SECRET);
  });

  it('writes nothing below the logger level', async () => {
    const { logger, lines } = captureLogger('warn');
    const { client } = await setUp({ logger });
    await client.balance();
    await client.order({ service: 1, link: 'https://example.test/quiet', quantity: 100 });
    expect(lines).toEqual([]);
  });
});

describe('logging options', () => {
  it('refuses an unknown level, naming the option', async () => {
    const { resolveLogger } = await import('../../src/observe/sdk-logger.js');
    expect(() => resolveLogger({ logLevel: 'loud' as 'info' })).toThrow(/logLevel/);
    expect(resolveLogger({})).toBeUndefined();
    expect(resolveLogger({ logLevel: 'warn' })?.isLevelEnabled('warn')).toBe(true);
    expect(resolveLogger({ logLevel: 'warn' })?.isLevelEnabled('info')).toBe(false);
  });
});
