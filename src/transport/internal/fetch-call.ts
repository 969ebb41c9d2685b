import type { TransportError } from '../../errors/transport-error.js';
import type { TransportResponse } from '../transport.js';
import { errorCode } from './classify-failure.js';
import {
  classifyFetchFailure,
  type FetchPhase,
  fetchFailure,
  REDIRECT_FOLLOWED_CAUSE_CODE,
} from './fetch-failure.js';
import { CLOSED_CAUSE_CODE, DEADLINE_CAUSE_CODE, type FailureFacts } from './transport-failure.js';

/** The `fetch` signature the transport calls: a URL and an init, a `Response` back. */
export type FetchFunction = (input: string, init: RequestInit) => Promise<Response>;

/** Everything one call needs; the transport has already checked the URL, signal and time left. */
export interface FetchCallSetup {
  /** The function to call; `undefined` means `globalThis.fetch`, looked up now. */
  fetch: FetchFunction | undefined;
  url: string;
  /** Method, headers and body; the call adds `signal` and `redirect`. */
  init: RequestInit;
  action: string;
  /** Host (and port) for error messages; never the path or query. */
  host: string;
  maxResponseBytes: number;
  /** The per-call deadline (ms), already capped to what a timer can hold. */
  timeoutMs: number;
  /** The caller's signal, not aborted yet. */
  signal: AbortSignal | undefined;
  /** Calls in flight, so the transport's `close()` can fail them; the call removes itself. */
  live: Set<FetchCall>;
}

/** What a failure adds to the call's own facts; `sendState` defaults to `maybe_sent`. */
type OwnFailure = Omit<FailureFacts, 'action' | 'host' | 'sendState'> & {
  sendState?: FailureFacts['sendState'];
};

/**
 * One request through `fetch`, settled exactly once: by the answer, by a failure of `fetch()` or
 * of the body, by the deadline, by the caller's signal, or by the transport closing.
 *
 * The deadline and the signal reject the caller's promise themselves instead of waiting for
 * `fetch` to notice its abort signal, so a `fetch` that ignores the signal still cannot hold a
 * caller past the deadline.
 *
 * Every failure here happens after `fetch()` was called and is `maybe_sent` unless its cause
 * proves the connection never opened: fetch has no event saying the request was written.
 */
export class FetchCall {
  readonly #setup: FetchCallSetup;
  readonly #resolve: (response: TransportResponse) => void;
  readonly #reject: (error: TransportError) => void;
  readonly #controller = new AbortController();
  #settled = false;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #status = 0;
  #reader: ReadableStreamDefaultReader<Uint8Array> | undefined;

  constructor(
    setup: FetchCallSetup,
    resolve: (response: TransportResponse) => void,
    reject: (error: TransportError) => void,
  ) {
    this.#setup = setup;
    this.#resolve = resolve;
    this.#reject = reject;
  }

  /** Arms the deadline and the signal, then calls `fetch`, all in one synchronous step. */
  start(): void {
    const { signal, timeoutMs, live } = this.#setup;
    live.add(this);
    this.#timer = setTimeout(onDeadline, timeoutMs, this);
    signal?.addEventListener('abort', this, { once: true });

    let pending: Promise<Response>;
    try {
      const init: RequestInit = {
        ...this.#setup.init,
        redirect: 'manual',
        signal: this.#controller.signal,
      };
      // Called with globalThis as `this`: some runtimes throw "Illegal invocation" for a
      // detached `fetch`, and a user passing `fetch: globalThis.fetch` would meet that.
      const fetchFunction = this.#setup.fetch ?? globalThis.fetch;
      pending = fetchFunction.call(globalThis, this.#setup.url, init);
    } catch (error) {
      pending = Promise.reject(error);
    }
    pending.then(
      (response) => this.#onResponse(response),
      (error: unknown) => this.#onError(error, 'fetching'),
    );
  }

  /** The caller's signal fired. */
  handleEvent(): void {
    const reason = this.#setup.signal?.reason;
    this.#fail({ code: 'SMM_ABORTED', causeCode: errorCode(reason), cause: reason });
  }

  /** The per-call deadline passed. */
  expire(): void {
    this.#timer = undefined;
    this.#fail({
      code: 'SMM_TIMEOUT',
      causeCode: DEADLINE_CAUSE_CODE,
      timeoutMs: this.#setup.timeoutMs,
    });
  }

  /** The transport is closing: fail the call where it stands. */
  close(): void {
    this.#fail({ code: 'SMM_CONNECTION_LOST', causeCode: CLOSED_CAUSE_CODE });
  }

  #onResponse(response: Response): void {
    if (this.#settled) {
      discard(response);
      return;
    }
    this.#status = response.status;

    // A redirect would make us send the form, API key included, to wherever it points. With
    // `redirect: 'manual'` Node and edge runtimes hand back the 3xx itself; browsers hand back
    // an opaque response with status 0.
    if (response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400)) {
      discard(response);
      this.#fail({ code: 'SMM_REDIRECT_REFUSED', sendState: 'answered' });
      return;
    }
    // A fetch that ignores `redirect: 'manual'` has already sent the request to the target.
    if (response.redirected) {
      discard(response);
      this.#fail({ code: 'SMM_REDIRECT_REFUSED', causeCode: REDIRECT_FOLLOWED_CAUSE_CODE });
      return;
    }

    // Refuse early when the server announces more than we accept.
    const declared = response.headers.get('content-length');
    if (declared !== null && Number(declared) > this.#setup.maxResponseBytes) {
      discard(response);
      this.#tooLarge();
      return;
    }

    const headers = collectHeaders(response.headers);
    if (response.body === null) {
      this.#succeed({ status: response.status, headers, body: '' });
      return;
    }
    this.#reader = response.body.getReader();
    void this.#readBody(this.#reader, response.status, headers);
  }

  /** Reads the body with a running byte count, so the cap holds without a content-length. */
  async #readBody(
    reader: ReadableStreamDefaultReader<Uint8Array>,
    status: number,
    headers: Record<string, string>,
  ): Promise<void> {
    const chunks: Uint8Array[] = [];
    let bytes = 0;
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (this.#settled) return;
        if (done) break;

        bytes += value.byteLength;
        if (bytes > this.#setup.maxResponseBytes) {
          this.#tooLarge();
          return;
        }
        chunks.push(value);
      }
    } catch (error) {
      this.#onError(error, 'reading');
      return;
    }
    this.#succeed({ status, headers, body: decodeUtf8(chunks, bytes) });
  }

  #onError(error: unknown, phase: FetchPhase): void {
    // Our own abort (deadline, signal, size cap, close) makes fetch reject too; already told.
    if (this.#settled) return;

    this.#fail({ ...classifyFetchFailure(error, phase), cause: error });
  }

  #tooLarge(): void {
    this.#fail({
      code: 'SMM_RESPONSE_TOO_LARGE',
      sendState: 'answered',
      maxResponseBytes: this.#setup.maxResponseBytes,
    });
  }

  #succeed(response: TransportResponse): void {
    if (this.#settled) return;

    this.#settle();
    this.#resolve(response);
  }

  /**
   * Rejects the caller's promise and stops the request: aborting the signal is how fetch drops
   * the connection; cancelling the reader covers a fetch that ignores its signal.
   */
  #fail(facts: OwnFailure): void {
    if (this.#settled) return;

    const failure = fetchFailure({
      ...facts,
      sendState: facts.sendState ?? 'maybe_sent',
      httpStatus: facts.httpStatus ?? (this.#status === 0 ? undefined : this.#status),
      action: this.#setup.action,
      host: this.#setup.host,
    });
    this.#settle();
    this.#controller.abort(failure);
    this.#reader?.cancel(failure).catch(ignore);
    this.#reject(failure);
  }

  #settle(): void {
    this.#settled = true;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#setup.signal?.removeEventListener('abort', this);
    this.#setup.live.delete(this);
  }
}

function onDeadline(call: FetchCall): void {
  call.expire();
}

function ignore(): void {}

/** Drops a body we will not read, so the runtime can free the connection. */
function discard(response: Response): void {
  response.body?.cancel().catch(ignore);
}

/** Response headers, names in lower case (as fetch gives them), repeated ones joined by `, `. */
function collectHeaders(source: Headers): Record<string, string> {
  const headers: Record<string, string> = {};
  // `set-cookie` is the one header fetch yields once per value instead of joined.
  source.forEach((value, name) => {
    headers[name] = Object.hasOwn(headers, name) ? `${headers[name]}, ${value}` : value;
  });
  return headers;
}

/**
 * UTF-8 text of the body, a leading byte order mark dropped (TextDecoder's default, as undici's
 * `text()` does). TextDecoder rather than Buffer, which edge runtimes may lack.
 */
function decodeUtf8(chunks: readonly Uint8Array[], bytes: number): string {
  if (bytes === 0) return '';
  if (chunks.length === 1) return new TextDecoder().decode(chunks[0]);

  const joined = new Uint8Array(bytes);
  let offset = 0;
  for (const chunk of chunks) {
    joined.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return new TextDecoder().decode(joined);
}
