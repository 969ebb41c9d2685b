import { Agent, request } from 'undici';
import { UNDICI_TRANSPORT_DEFAULTS } from '../../src/transport/undici-transport.js';

/** The hand-written baseline: what a user without the SDK would send, and nothing more. */
export interface RawSender {
  /** POSTs `form` as `application/x-www-form-urlencoded` and resolves with the body as text. */
  send(form: Readonly<Record<string, string>>): Promise<string>;
  close(): Promise<void>;
}

/**
 * `undici.request` through an `Agent` of its own, configured exactly as the SDK's transport
 * configures its pool (connections, keep-alive, timeouts), with the same headers and the same
 * form encoding, so both sides put the same bytes on the wire.
 */
export function createRawSender(url: string, connections: number): RawSender {
  const defaults = UNDICI_TRANSPORT_DEFAULTS;
  const agent = new Agent({
    connections,
    connect: { timeout: defaults.connectTimeoutMs },
    headersTimeout: defaults.headersTimeoutMs,
    bodyTimeout: defaults.bodyTimeoutMs,
    keepAliveTimeout: defaults.keepAliveTimeoutMs,
    keepAliveMaxTimeout: defaults.keepAliveTimeoutMs,
  });
  const headers = {
    'user-agent': defaults.userAgent,
    'content-type': 'application/x-www-form-urlencoded',
  };

  return {
    async send(form) {
      const response = await request(url, {
        dispatcher: agent,
        method: 'POST',
        headers,
        body: new URLSearchParams(form).toString(),
      });
      const text = await response.body.text();
      // A refusal would make the baseline cheaper than the SDK's real work: fail the row instead.
      if (response.statusCode !== 200) throw new Error(`HTTP ${response.statusCode}: ${text}`);
      return text;
    },
    close: () => agent.close(),
  };
}
