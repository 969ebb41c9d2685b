import { inspect } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createFetchTransport,
  type FetchTransportOptions,
} from '../../src/transport/fetch-transport.js';
import type { Transport } from '../../src/transport/transport.js';
import { rejectionOf, useLoopback } from './helpers/loopback.js';

const API_KEY = 'sk_live_FETCH_NEVER_SHOW_1a2b3c4d';
const QUERY_SECRET = 'QUERY_TOKEN_fetch_5e6f7a';
const USER_SECRET = 'USERINFO_PW_8b9c0d';
const form = { key: API_KEY, action: 'add', service: '1', link: 'https://x.test/p' };

type Loopback = ReturnType<typeof useLoopback>;
type Make = (options?: FetchTransportOptions) => Transport;
type Scenario = (
  loopback: Loopback,
  make: Make,
) => Promise<{ transport: Transport; url: string; signal?: AbortSignal; timeoutMs?: number }>;

/** The server's URL with a secret in the query and in the user info. */
function secretUrl(url: string): string {
  return `${url.replace('http://', `http://user:${USER_SECRET}@`)}?token=${QUERY_SECRET}`;
}

const scenarios: [string, Scenario][] = [
  [
    'a refused connection',
    async (l, make) => ({ transport: make(), url: secretUrl(await l.refusedUrl()) }),
  ],
  [
    'a reset after the request was read',
    async (l, make) => {
      const server = await l.http((_res, req) => req.socket.resetAndDestroy());
      return { transport: make(), url: secretUrl(server.url) };
    },
  ],
  [
    'the deadline after fetch was called',
    async (l, make) => {
      const server = await l.http(() => {});
      return { transport: make(), url: secretUrl(server.url), timeoutMs: 100 };
    },
  ],
  [
    'an abort before sending',
    async (l, make) => {
      const server = await l.http(() => {});
      return { transport: make(), url: secretUrl(server.url), signal: AbortSignal.abort() };
    },
  ],
  [
    'an abort after sending',
    async (l, make) => {
      const server = await l.http(() => {});
      return { transport: make(), url: secretUrl(server.url), signal: AbortSignal.timeout(100) };
    },
  ],
  [
    'a redirect that carries the key in its target',
    async (l, make) => {
      const server = await l.http((res) => {
        res.writeHead(302, { Location: `https://elsewhere.test/?key=${API_KEY}` });
        res.end(`moved, key=${API_KEY}`);
      });
      return { transport: make(), url: secretUrl(server.url) };
    },
  ],
  [
    'an oversize answer that echoes the key',
    async (l, make) => {
      const server = await l.http((res) => res.end(`${API_KEY} `.repeat(100)));
      return { transport: make({ maxResponseBytes: 64 }), url: secretUrl(server.url) };
    },
  ],
  [
    'a URL that is not http(s)',
    async (_l, make) => ({ transport: make(), url: `ftp://panel.test/api?token=${QUERY_SECRET}` }),
  ],
];

describe('fetch transport errors and secrets', () => {
  const loopback = useLoopback();
  const transports: Transport[] = [];
  afterEach(async () => {
    for (const transport of transports.splice(0)) await transport.close();
  });
  const make: Make = (options) => {
    const transport = createFetchTransport(options);
    transports.push(transport);
    return transport;
  };

  it.each(scenarios)(
    'never shows the API key, the URL query or its user info after %s',
    async (_name, scenario) => {
      const { transport, url, signal, timeoutMs } = await scenario(loopback, make);

      const error = await rejectionOf(
        transport.send({ url, action: 'add', form, signal, timeoutMs }),
      );

      expect(error.code).toMatch(/^SMM_/);
      for (const text of [error.message, JSON.stringify(error), inspect(error, { depth: 10 })]) {
        expect(text).not.toContain(API_KEY);
        expect(text).not.toContain(QUERY_SECRET);
        expect(text).not.toContain(USER_SECRET);
      }
    },
  );
});
