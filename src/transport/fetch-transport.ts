import { InvalidOptionsError } from '../errors/input-errors.js';
import type { TransportError } from '../errors/transport-error.js';
import { errorCode } from './internal/classify-failure.js';
import { FetchCall, type FetchFunction } from './internal/fetch-call.js';
import { fetchFailure, INVALID_HEADER_CAUSE_CODE } from './internal/fetch-failure.js';
import { parseRequestTarget, type RequestTarget } from './internal/request-target.js';
import {
  CLOSED_CAUSE_CODE,
  DEADLINE_CAUSE_CODE,
  INVALID_URL_CAUSE_CODE,
} from './internal/transport-failure.js';
import type { Transport, TransportRequest, TransportResponse } from './transport.js';
import { SDK_VERSION } from './version.js';

export type { FetchFunction } from './internal/fetch-call.js';

/** Options of {@link createFetchTransport}. Every field is optional. */
export interface FetchTransportOptions {
  /**
   * The `fetch` to call. Default: `globalThis.fetch`, looked up on every request (so a test
   * stub or an instrumentation that replaces it later is used); construction fails when the
   * runtime has none. It is called with `globalThis` as `this`. It must not retry by itself:
   * a retried POST can pay twice, and the send state would no longer describe one attempt.
   */
  fetch?: FetchFunction;
  /**
   * The longest one request may take, from `send()` until the whole body is in (ms). A
   * request's own `timeoutMs` (the time left before the retry deadline) can only shorten it.
   * It is the only timeout: fetch has no separate connect or headers timeout. Default: 20_000.
   */
  requestTimeoutMs?: number;
  /** The largest response body accepted (bytes). Default: 16_777_216 (16 MiB). */
  maxResponseBytes?: number;
  /**
   * The `user-agent` header. A request's own `user-agent` header wins. Browsers may drop it
   * silently. Default: `smm-panel-client/<version>`.
   */
  userAgent?: string;
}

/** Defaults of {@link FetchTransportOptions}, in one place (`fetch` defaults to the global one). */
export const FETCH_TRANSPORT_DEFAULTS = Object.freeze({
  requestTimeoutMs: 20_000,
  maxResponseBytes: 16 * 1024 * 1024,
  userAgent: `smm-panel-client/${SDK_VERSION}`,
});

const FORM_CONTENT_TYPE = 'application/x-www-form-urlencoded';
const JSON_CONTENT_TYPE = 'application/json';

// Timers overflow above this and fire at once instead, so a longer value would turn "wait a long
// time" into "fail now".
const MAX_TIMER_MS = 2_147_483_647;

/**
 * Creates a {@link Transport} on the standard `fetch`, for runtimes without undici (edge
 * functions, Deno, Bun, workers). It never imports undici; on Node the default
 * `createUndiciTransport` knows more and should be preferred.
 *
 * - Every status code is an answer (4xx and 5xx included); only a redirect is refused
 *   (`SMM_REDIRECT_REFUSED`, `answered`), because following it would send the API key
 *   elsewhere. Requests go out with `redirect: 'manual'`.
 * - One deadline per call (the smaller of `request.timeoutMs` and `requestTimeoutMs`) covers
 *   connecting, waiting and reading, through an `AbortSignal` that also follows the caller's.
 * - The answer is capped at `maxResponseBytes` (`SMM_RESPONSE_TOO_LARGE`), refused early when
 *   `content-length` announces more, otherwise counted while the body streams in.
 *
 * Send state, and the limits of fetch: fetch exposes no "request written" event, so the
 * transport knows only whether it had called `fetch()` yet.
 * - `not_sent`: the signal was aborted or no time was left before `fetch()` was called
 *   (`SMM_ABORTED`, `SMM_TIMEOUT`); the URL was invalid, the headers refused, or the transport
 *   closed (`SMM_CONNECT_FAILED`); or `fetch` rejected with a cause whose `code` is
 *   `ECONNREFUSED`, `ENOTFOUND`, `EAI_AGAIN` or `UND_ERR_CONNECT_TIMEOUT` (Node's fetch wraps
 *   these in `TypeError('fetch failed')` with a `cause`), as `SMM_CONNECT_FAILED`.
 * - `maybe_sent`: anything else once `fetch()` was called: a reset or close
 *   (`SMM_CONNECTION_LOST`), the deadline (`SMM_TIMEOUT`), the caller's abort (`SMM_ABORTED`),
 *   an unknown `TypeError` (`SMM_CONNECTION_LOST`), even when the connection had in fact never
 *   opened, because other runtimes give no cause. A failure while reading the body is
 *   `maybe_sent` with `httpStatus`. Where the undici transport says `not_sent` for a connect
 *   timeout, a TLS failure or an abort while connecting, this one says `maybe_sent`: an `add`
 *   then becomes "outcome unknown" and is reconciled rather than sent twice.
 *
 * Errors name the action and host only, never the form or the URL's query, and keep the
 * low-level `causeCode`.
 *
 * @throws InvalidOptionsError naming the first invalid option.
 */
export function createFetchTransport(options?: FetchTransportOptions): Transport {
  return new FetchTransport(resolveFetchTransportOptions(options));
}

interface ResolvedFetchTransportOptions {
  readonly fetch: FetchFunction | undefined;
  readonly requestTimeoutMs: number;
  readonly maxResponseBytes: number;
  readonly userAgent: string;
}

class FetchTransport implements Transport {
  readonly #options: ResolvedFetchTransportOptions;
  readonly #live = new Set<FetchCall>();
  #closed = false;
  // A client talks to one panel URL, so one remembered parse saves a URL parse per call.
  #lastUrl = '';
  #lastTarget: RequestTarget | undefined;

  constructor(options: ResolvedFetchTransportOptions) {
    this.#options = options;
  }

  send(request: TransportRequest): Promise<TransportResponse> {
    const { action, signal } = request;
    const target = this.#target(request.url);

    if (target === undefined) {
      return notSent('SMM_CONNECT_FAILED', action, '(invalid URL)', INVALID_URL_CAUSE_CODE);
    }
    if (this.#closed) {
      return notSent('SMM_CONNECT_FAILED', action, target.host, CLOSED_CAUSE_CODE);
    }
    if (signal?.aborted) {
      const reason = signal.reason;
      return notSent('SMM_ABORTED', action, target.host, errorCode(reason), reason);
    }

    // NaN, zero and negative all mean "no time left": a retry loop passes what remains of its
    // own deadline, which can run out before this attempt starts.
    const timeoutMs = Math.min(
      request.timeoutMs ?? Number.POSITIVE_INFINITY,
      this.#options.requestTimeoutMs,
    );
    if (!(timeoutMs > 0)) {
      return notSent('SMM_TIMEOUT', action, target.host, DEADLINE_CAUSE_CODE);
    }

    const isJson = request.encoding === 'json';
    let headers: Headers;
    try {
      // Built here so that a header fetch refuses fails before fetch() is called, as not sent.
      headers = this.#headers(request.headers, isJson);
    } catch (error) {
      return notSent('SMM_CONNECT_FAILED', action, target.host, INVALID_HEADER_CAUSE_CODE, error);
    }

    return new Promise((resolve, reject) => {
      const call = new FetchCall(
        {
          fetch: this.#options.fetch,
          // Origin and path only: user info in a URL would end up in fetch's error messages.
          url: `${target.origin}${target.path}`,
          init: {
            method: 'POST',
            headers,
            body: isJson
              ? JSON.stringify(request.form)
              : new URLSearchParams(request.form).toString(),
          },
          action,
          host: target.host,
          maxResponseBytes: this.#options.maxResponseBytes,
          timeoutMs: Math.min(timeoutMs, MAX_TIMER_MS),
          signal,
          live: this.#live,
        },
        resolve,
        reject,
      );
      call.start();
    });
  }

  /**
   * Refuses new requests and fails those in flight at once, as `maybe_sent`. The runtime's
   * connection pool is not the transport's, so it is left open.
   */
  close(): Promise<void> {
    this.#closed = true;
    for (const call of [...this.#live]) call.close();
    return Promise.resolve();
  }

  #target(url: string): RequestTarget | undefined {
    if (url !== this.#lastUrl || this.#lastTarget === undefined) {
      this.#lastTarget = parseRequestTarget(url);
      this.#lastUrl = url;
    }
    return this.#lastTarget;
  }

  /** Our `user-agent`, the request's headers over it, and always our `content-type`. */
  #headers(extra: Readonly<Record<string, string>> | undefined, isJson: boolean): Headers {
    const headers = new Headers({ 'user-agent': this.#options.userAgent });
    if (extra !== undefined) {
      for (const name in extra) headers.set(name, extra[name] as string);
    }
    headers.set('content-type', isJson ? JSON_CONTENT_TYPE : FORM_CONTENT_TYPE);
    return headers;
  }
}

function notSent(
  code: 'SMM_CONNECT_FAILED' | 'SMM_ABORTED' | 'SMM_TIMEOUT',
  action: string,
  host: string,
  causeCode: string | undefined,
  cause?: unknown,
): Promise<never> {
  const error: TransportError = fetchFailure({
    code,
    sendState: 'not_sent',
    action,
    host,
    causeCode,
    cause,
  });
  return Promise.reject(error);
}

/**
 * Fills in defaults and checks every option, throwing {@link InvalidOptionsError} naming the bad
 * one.
 */
function resolveFetchTransportOptions(
  options: FetchTransportOptions = {},
): ResolvedFetchTransportOptions {
  if (typeof options !== 'object' || options === null) {
    throw new InvalidOptionsError('options', 'must be an object');
  }

  const fetchFunction = options.fetch;
  if (fetchFunction !== undefined && typeof fetchFunction !== 'function') {
    throw new InvalidOptionsError('fetch', 'must be a function');
  }
  if (fetchFunction === undefined && typeof globalThis.fetch !== 'function') {
    throw new InvalidOptionsError('fetch', 'this runtime has no global fetch; pass one');
  }

  const userAgent = options.userAgent ?? FETCH_TRANSPORT_DEFAULTS.userAgent;
  // A CR or LF would let the value smuggle extra headers; Headers would also refuse it later.
  if (typeof userAgent !== 'string' || userAgent.length === 0 || /[\r\n\0]/.test(userAgent)) {
    throw new InvalidOptionsError('userAgent', 'must be a non-empty string without line breaks');
  }

  return Object.freeze({
    fetch: fetchFunction,
    requestTimeoutMs: integerOption(options, 'requestTimeoutMs', MAX_TIMER_MS),
    maxResponseBytes: integerOption(options, 'maxResponseBytes', Number.MAX_SAFE_INTEGER),
    userAgent,
  });
}

function integerOption(
  options: FetchTransportOptions,
  name: 'requestTimeoutMs' | 'maxResponseBytes',
  max: number,
): number {
  const value = options[name] ?? FETCH_TRANSPORT_DEFAULTS[name];
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > max) {
    throw new InvalidOptionsError(name, `must be an integer from 1 to ${max}`);
  }
  return value;
}
