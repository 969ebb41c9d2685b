import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { Transport } from '../../src/transport/transport.js';
import { type LoopbackHttpServer, rejectionOf, useLoopback } from './helpers/loopback.js';

const API_KEY = 'sk_live_NEVER_SHOW_9f8e7d6c5b4a';
const QUERY_SECRET = 'QUERY_TOKEN_4c3b2a1';
const form = { key: API_KEY, action: 'add', service: '1', link: 'https://x.test/p' };

type Scenario = (
  loopback: ReturnType<typeof useLoopback>,
) => Promise<{ transport: Transport; url: string; signal?: AbortSignal; timeoutMs?: number }>;

function withQuery(server: LoopbackHttpServer | { url: string }): string {
  return `${server.url}?token=${QUERY_SECRET}`;
}

const scenarios: [string, Scenario][] = [
  [
    'a refused connection',
    async (l) => ({
      transport: l.transport(),
      url: withQuery({ url: await l.refusedUrl() }),
    }),
  ],
  [
    'a reset after the request was read',
    async (l) => {
      const server = await l.http((_res, req) => req.socket.resetAndDestroy());
      return { transport: l.transport(), url: withQuery(server) };
    },
  ],
  [
    'a deadline after the request was written',
    async (l) => {
      const server = await l.http(() => {});
      return { transport: l.transport(), url: withQuery(server), timeoutMs: 100 };
    },
  ],
  [
    'an abort before sending',
    async (l) => {
      const server = await l.http(() => {});
      return {
        transport: l.transport(),
        url: withQuery(server),
        signal: AbortSignal.abort(),
      };
    },
  ],
  [
    'an abort after sending',
    async (l) => {
      const server = await l.http(() => {});
      return {
        transport: l.transport(),
        url: withQuery(server),
        signal: AbortSignal.timeout(100),
      };
    },
  ],
  [
    'a redirect that carries the key in its target',
    async (l) => {
      const server = await l.http((res) => {
        res.writeHead(302, { Location: `https://elsewhere.test/?key=${API_KEY}` });
        res.end(`moved, key=${API_KEY}`);
      });
      return { transport: l.transport(), url: withQuery(server) };
    },
  ],
  [
    'an oversize answer that echoes the key',
    async (l) => {
      const server = await l.http((res) => res.end(`${API_KEY} `.repeat(100)));
      return { transport: l.transport({ maxResponseBytes: 64 }), url: withQuery(server) };
    },
  ],
  [
    'a URL that is not http(s)',
    async (l) => ({ transport: l.transport(), url: `ftp://panel.test/api?token=${QUERY_SECRET}` }),
  ],
];

describe('undici transport errors and secrets', () => {
  const loopback = useLoopback();

  it.each(scenarios)(
    'never shows the API key or the URL query after %s',
    async (_name, scenario) => {
      const { transport, url, signal, timeoutMs } = await scenario(loopback);

      const error = await rejectionOf(
        transport.send({ url, action: 'add', form, signal, timeoutMs }),
      );

      expect(error.code).toMatch(/^SMM_/);
      for (const text of [error.message, JSON.stringify(error), inspect(error, { depth: 10 })]) {
        expect(text).not.toContain(API_KEY);
        expect(text).not.toContain(QUERY_SECRET);
      }
    },
  );
});
