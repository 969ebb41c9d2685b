import type { Dispatcher } from 'undici';
import { InvalidOptionsError } from '../errors/input-errors.js';
import { SDK_VERSION } from './version.js';

/** Options of {@link createUndiciTransport}. Every field is optional. */
export interface UndiciTransportOptions {
  /** Time allowed to open a connection, TLS included (ms). Default: 10_000. */
  connectTimeoutMs?: number;
  /**
   * Time allowed between writing the request and receiving the response headers (ms).
   * undici checks it with a coarse timer (about one second of slack). Default: 30_000.
   */
  headersTimeoutMs?: number;
  /**
   * Longest silence allowed between two chunks of the response body (ms). undici checks it with
   * a coarse timer (about one second of slack). Default: 30_000.
   */
  bodyTimeoutMs?: number;
  /**
   * The longest one request may take, from `send()` until the whole body is in (ms), enforced
   * with a precise timer. A request's own `timeoutMs` (the time left before the retry
   * deadline) can only shorten it, so one hung attempt leaves time for another. Default: 20_000.
   */
  requestTimeoutMs?: number;
  /** The largest response body accepted (bytes). Default: 16_777_216 (16 MiB). */
  maxResponseBytes?: number;
  /** Most connections open at once to one origin. Default: 16. */
  connections?: number;
  /**
   * How long an idle connection is kept for reuse (ms). A shorter `Keep-Alive: timeout=` hint
   * from the server wins. Default: 30_000.
   */
  keepAliveTimeoutMs?: number;
  /**
   * The `user-agent` header. A request's own `user-agent` header wins.
   * Default: `smm-panel-client/<version>`.
   */
  userAgent?: string;
  /**
   * An undici dispatcher to send through instead of the transport's own pool (a `MockAgent` in
   * tests, a `ProxyAgent`, a shared `Agent`). The transport neither configures nor closes it:
   * `connectTimeoutMs`, `connections` and `keepAliveTimeoutMs` then do not apply. Default: none
   * (the transport creates and owns an `Agent`).
   *
   * A `MockAgent`'s `replyWithError()` fails the request before it "starts", so it always comes
   * out as `SMM_CONNECT_FAILED` / `not_sent`, whatever the error. Test `maybe_sent` failures
   * against a real loopback server (or a fake `Transport`) instead.
   */
  dispatcher?: Dispatcher;
}

/** Defaults of {@link UndiciTransportOptions}, in one place. */
export const UNDICI_TRANSPORT_DEFAULTS = Object.freeze({
  connectTimeoutMs: 10_000,
  headersTimeoutMs: 30_000,
  bodyTimeoutMs: 30_000,
  requestTimeoutMs: 20_000,
  maxResponseBytes: 16 * 1024 * 1024,
  connections: 16,
  keepAliveTimeoutMs: 30_000,
  userAgent: `smm-panel-client/${SDK_VERSION}`,
});

/** {@link UndiciTransportOptions} with every default filled in and checked. */
export interface ResolvedUndiciTransportOptions {
  readonly connectTimeoutMs: number;
  readonly headersTimeoutMs: number;
  readonly bodyTimeoutMs: number;
  readonly requestTimeoutMs: number;
  readonly maxResponseBytes: number;
  readonly connections: number;
  readonly keepAliveTimeoutMs: number;
  readonly userAgent: string;
  readonly dispatcher: Dispatcher | undefined;
}

// Node's timers overflow above this and fire after 1 ms instead, so a longer value would turn
// "wait a long time" into "fail at once".
const MAX_TIMER_MS = 2_147_483_647;

type IntegerOption = Exclude<keyof ResolvedUndiciTransportOptions, 'userAgent' | 'dispatcher'>;

/**
 * Fills in defaults and checks every option, throwing {@link InvalidOptionsError} naming the bad
 * one.
 */
export function resolveUndiciTransportOptions(
  options: UndiciTransportOptions = {},
): ResolvedUndiciTransportOptions {
  if (typeof options !== 'object' || options === null) {
    throw new InvalidOptionsError('options', 'must be an object');
  }

  const userAgent = options.userAgent ?? UNDICI_TRANSPORT_DEFAULTS.userAgent;
  // A CR or LF would let the value smuggle extra headers; undici would also refuse it later.
  if (typeof userAgent !== 'string' || userAgent.length === 0 || /[\r\n\0]/.test(userAgent)) {
    throw new InvalidOptionsError('userAgent', 'must be a non-empty string without line breaks');
  }

  const dispatcher = options.dispatcher;
  if (dispatcher !== undefined && typeof dispatcher?.dispatch !== 'function') {
    throw new InvalidOptionsError('dispatcher', 'must be an undici Dispatcher');
  }

  return Object.freeze({
    connectTimeoutMs: integerOption(options, 'connectTimeoutMs', MAX_TIMER_MS),
    headersTimeoutMs: integerOption(options, 'headersTimeoutMs', MAX_TIMER_MS),
    bodyTimeoutMs: integerOption(options, 'bodyTimeoutMs', MAX_TIMER_MS),
    requestTimeoutMs: integerOption(options, 'requestTimeoutMs', MAX_TIMER_MS),
    maxResponseBytes: integerOption(options, 'maxResponseBytes', Number.MAX_SAFE_INTEGER),
    connections: integerOption(options, 'connections', 65_535),
    keepAliveTimeoutMs: integerOption(options, 'keepAliveTimeoutMs', MAX_TIMER_MS),
    userAgent,
    dispatcher,
  });
}

function integerOption(options: UndiciTransportOptions, name: IntegerOption, max: number): number {
  const value = options[name] ?? UNDICI_TRANSPORT_DEFAULTS[name];
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > max) {
    throw new InvalidOptionsError(name, `must be an integer from 1 to ${max}`);
  }
  return value;
}
