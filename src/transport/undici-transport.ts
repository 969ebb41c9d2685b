import type { Dispatcher } from 'undici';
import type { TransportError } from '../errors/transport-error.js';
import { errorCode } from './internal/classify-failure.js';
import { parseRequestTarget, type RequestTarget } from './internal/request-target.js';
import { SendHandler } from './internal/send-handler.js';
import {
  CLOSED_CAUSE_CODE,
  DEADLINE_CAUSE_CODE,
  INVALID_URL_CAUSE_CODE,
  transportFailure,
} from './internal/transport-failure.js';
import type { Transport, TransportRequest, TransportResponse } from './transport.js';
import {
  type ResolvedUndiciTransportOptions,
  resolveUndiciTransportOptions,
  type UndiciTransportOptions,
} from './undici-transport-options.js';

export type { UndiciTransportOptions } from './undici-transport-options.js';
export { UNDICI_TRANSPORT_DEFAULTS } from './undici-transport-options.js';

const FORM_CONTENT_TYPE = 'application/x-www-form-urlencoded';
const JSON_CONTENT_TYPE = 'application/json';

// Node's timers overflow above this and fire after 1 ms instead.
const MAX_TIMER_MS = 2_147_483_647;

/**
 * Creates the default {@link Transport}: form-encoded (or JSON) POSTs over undici, on a connection
 * pool the transport owns (not undici's global dispatcher), with keep-alive.
 *
 * - Every status code is an answer (4xx and 5xx included); only a redirect is refused
 *   (`SMM_REDIRECT_REFUSED`), because following it would send the API key elsewhere.
 * - One deadline per call (the smaller of `request.timeoutMs` and `requestTimeoutMs`) covers
 *   connecting, waiting and reading, measured with a precise timer; undici's own timeouts are
 *   coarse safety nets behind it.
 * - The answer is capped at `maxResponseBytes` (`SMM_RESPONSE_TOO_LARGE`).
 * - Every failure is a {@link TransportError} whose `sendState` comes from what undici did with
 *   the request (see `internal/send-handler.ts`), never from an error message.
 *
 * @throws InvalidOptionsError naming the first invalid option.
 */
export function createUndiciTransport(options?: UndiciTransportOptions): Transport {
  return new UndiciTransport(resolveUndiciTransportOptions(options));
}

class UndiciTransport implements Transport {
  readonly #options: ResolvedUndiciTransportOptions;
  // The injected dispatcher, or the owned agent once undici has loaded (see #agentLoading).
  #dispatcher: Dispatcher | undefined;
  // undici is imported on first use, not when the package is: a runtime without undici (an
  // edge function using the fetch transport) can then import the SDK at all.
  readonly #agentLoading: Promise<Dispatcher> | undefined;
  // Shared by every request without extra headers; undici copies headers, never mutates them.
  readonly #formHeaders: Readonly<Record<string, string>>;
  readonly #jsonHeaders: Readonly<Record<string, string>>;
  // A client talks to one panel URL, so one remembered parse saves a URL parse per call.
  #lastUrl = '';
  #lastTarget: RequestTarget | undefined;
  #closing: Promise<void> | undefined;

  constructor(options: ResolvedUndiciTransportOptions) {
    this.#options = options;
    this.#formHeaders = Object.freeze({
      'user-agent': options.userAgent,
      'content-type': FORM_CONTENT_TYPE,
    });
    this.#jsonHeaders = Object.freeze({
      'user-agent': options.userAgent,
      'content-type': JSON_CONTENT_TYPE,
    });

    if (options.dispatcher === undefined) {
      this.#agentLoading = import('undici').then(({ Agent }) => {
        const agent = new Agent({
          connections: options.connections,
          connect: { timeout: options.connectTimeoutMs },
          headersTimeout: options.headersTimeoutMs,
          bodyTimeout: options.bodyTimeoutMs,
          keepAliveTimeout: options.keepAliveTimeoutMs,
          keepAliveMaxTimeout: options.keepAliveTimeoutMs,
        });
        this.#dispatcher = agent;
        return agent;
      });
      // A failed import surfaces on the first send; this only keeps it from being unhandled.
      this.#agentLoading.catch(() => {});
    } else {
      this.#dispatcher = options.dispatcher;
    }
  }

  send(request: TransportRequest): Promise<TransportResponse> {
    const { action, signal } = request;
    const target = this.#target(request.url);

    if (target === undefined) {
      return reject(failBeforeSending(action, '(invalid URL)', INVALID_URL_CAUSE_CODE));
    }
    if (this.#closing !== undefined) {
      return reject(failBeforeSending(action, target.host, CLOSED_CAUSE_CODE));
    }
    if (signal?.aborted) {
      return reject(
        transportFailure({
          code: 'SMM_ABORTED',
          sendState: 'not_sent',
          action,
          host: target.host,
          causeCode: errorCode(signal.reason),
          cause: signal.reason,
        }),
      );
    }

    // NaN, zero and negative all mean "no time left": a retry loop passes what remains of its
    // own deadline, which can run out before this attempt starts.
    const timeoutMs = Math.min(
      request.timeoutMs ?? Number.POSITIVE_INFINITY,
      this.#options.requestTimeoutMs,
    );
    if (!(timeoutMs > 0)) {
      return reject(
        transportFailure({
          code: 'SMM_TIMEOUT',
          sendState: 'not_sent',
          action,
          host: target.host,
          causeCode: DEADLINE_CAUSE_CODE,
          timeoutMs: 0,
        }),
      );
    }

    const isJson = request.encoding === 'json';
    const options: Dispatcher.DispatchOptions = {
      origin: target.origin,
      path: target.path,
      method: 'POST',
      headers: this.#headers(request.headers, isJson),
      body: isJson ? JSON.stringify(request.form) : new URLSearchParams(request.form).toString(),
      headersTimeout: this.#options.headersTimeoutMs,
      bodyTimeout: this.#options.bodyTimeoutMs,
    };

    return new Promise((resolve, rejectSend) => {
      const handler = new SendHandler(
        resolve,
        rejectSend,
        action,
        target.host,
        this.#options.maxResponseBytes,
      );
      handler.arm(signal, Math.min(timeoutMs, MAX_TIMER_MS));
      const dispatcher = this.#dispatcher;
      if (dispatcher !== undefined) {
        dispatchTo(dispatcher, options, handler);
        return;
      }
      // Only the first requests of a transport wait here. One whose deadline passed while
      // undici loaded is stopped by its handler before anything is written.
      this.#agentLoading?.then(
        (loaded) => dispatchTo(loaded, options, handler),
        (error: unknown) => handler.failToDispatch(error),
      );
    });
  }

  close(): Promise<void> {
    // Destroying (not gracefully closing) fails requests still in flight at once, each with
    // the send state it had reached, instead of making close() wait up to a full deadline.
    this.#closing ??=
      this.#agentLoading === undefined
        ? Promise.resolve()
        : this.#agentLoading.then(
            (agent) => agent.destroy(),
            () => undefined,
          );
    return this.#closing;
  }

  #target(url: string): RequestTarget | undefined {
    if (url !== this.#lastUrl || this.#lastTarget === undefined) {
      this.#lastTarget = parseRequestTarget(url);
      this.#lastUrl = url;
    }
    return this.#lastTarget;
  }

  /** The request's headers over ours, names in lower case; `content-type` is always ours. */
  #headers(
    extra: Readonly<Record<string, string>> | undefined,
    isJson: boolean,
  ): Readonly<Record<string, string>> {
    if (extra === undefined) return isJson ? this.#jsonHeaders : this.#formHeaders;

    const headers: Record<string, string> = { 'user-agent': this.#options.userAgent };
    for (const name in extra) {
      headers[name.toLowerCase()] = extra[name] as string;
    }
    headers['content-type'] = isJson ? JSON_CONTENT_TYPE : FORM_CONTENT_TYPE;
    return headers;
  }
}

function failBeforeSending(action: string, host: string, causeCode: string): TransportError {
  return transportFailure({
    code: 'SMM_CONNECT_FAILED',
    sendState: 'not_sent',
    action,
    host,
    causeCode,
  });
}

function reject(error: TransportError): Promise<never> {
  return Promise.reject(error);
}

function dispatchTo(
  dispatcher: Dispatcher,
  options: Dispatcher.DispatchOptions,
  handler: SendHandler,
): void {
  try {
    dispatcher.dispatch(options, handler);
  } catch (error) {
    // undici's own dispatchers report through the handler; a custom one may throw.
    handler.failToDispatch(error);
  }
}
