import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import type { PanelAction } from '../../../src/api/actions.js';
import type { PanelClientOptions } from '../../../src/client/client-options.js';
import { PanelClient } from '../../../src/client/panel-client.js';
import type { PanelProfileOptions } from '../../../src/client/panel-profile.js';
import {
  type SandboxOptions,
  type SandboxPanel,
  startSandboxPanel,
} from '../../../src/sandbox/index.js';
import type { Transport, TransportRequest } from '../../../src/transport/transport.js';
import { createUndiciTransport } from '../../../src/transport/undici-transport.js';

/**
 * Retries that cost milliseconds, not seconds: a tiny backoff and a deadline of a few seconds.
 * Hang faults end at the transport's request timeout below, so each costs under a second.
 */
export const FAST_RETRY = Object.freeze({
  maxAttempts: 4,
  deadlineMs: 4_000,
  baseDelayMs: 5,
  maxDelayMs: 20,
});

/** Each attempt gives up after 800 ms: a `hang_after_commit` costs that, not the default 20 s. */
export const FAST_TRANSPORT = Object.freeze({ requestTimeoutMs: 800 });

/** A key easy to search for in any output: it must never appear there. */
export const SECRET_KEY = 'sk-TEST-SECRET-9f8e7d6c5b4a39281706';

/** A sandbox whose simulated other users are off unless asked for, so tests read simply. */
export function startPanel(options: SandboxOptions = {}): Promise<SandboxPanel> {
  return startSandboxPanel({ otherUsersOrderRate: 0, ...options });
}

/** Options of {@link clientFor}: client options, and profile fields merged over the panel's. */
export type ClientOverrides = Omit<Partial<PanelClientOptions>, 'profile'> & {
  profile?: Partial<PanelProfileOptions>;
};

/** A client pointed at the sandbox with short retries and timeouts. Close it after the test. */
export function clientFor(panel: SandboxPanel, overrides: ClientOverrides = {}): PanelClient {
  const { profile, ...rest } = overrides;
  return new PanelClient({
    retry: FAST_RETRY,
    transportOptions: FAST_TRANSPORT,
    ...rest,
    profile: { url: panel.url, apiKey: panel.apiKey, ...profile },
  });
}

/** Requests of one action that reached the sandbox, faulted ones included. */
export function requestsOf(panel: SandboxPanel, action: PanelAction): number {
  return panel.state.requests().byAction[action] ?? 0;
}

/** Every request that reached the sandbox. */
export function totalRequests(panel: SandboxPanel): number {
  return panel.state.requests().total;
}

/** Our orders on the sandbox for one link. */
export function ordersFor(panel: SandboxPanel, link: string): number {
  return panel.state.orders({ ownedByUs: true }).filter((order) => order.link === link).length;
}

let linkCounter = 0;

/** A link no other test uses, so the duplicate-link rule never meets an earlier order. */
export function uniqueLink(label = 'post'): string {
  linkCounter += 1;
  return `https://example.test/${label}/${process.pid}-${linkCounter}`;
}

/** A transport that records every send and how many were in flight at once. */
export interface CountingTransport extends Transport {
  readonly sent: TransportRequest[];
  maxInFlight(): number;
}

/** Wraps the default undici transport (with the short timeouts) to count what is sent. */
export function countingTransport(): CountingTransport {
  const inner = createUndiciTransport(FAST_TRANSPORT);
  let inFlight = 0;
  let peak = 0;
  const sent: TransportRequest[] = [];
  return {
    sent,
    maxInFlight: () => peak,
    async send(request) {
      sent.push(request);
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      try {
        return await inner.send(request);
      } finally {
        inFlight -= 1;
      }
    },
    close: () => inner.close(),
  };
}

/** A loopback port with nothing listening on it: connecting is refused. */
export async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/api/v2`;
}
