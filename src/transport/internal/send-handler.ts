import type { Dispatcher } from 'undici';
import type { TransportError } from '../../errors/transport-error.js';
import type { TransportResponse } from '../transport.js';
import { classifyFailure, errorCode, type SendProgress } from './classify-failure.js';
import { DEADLINE_CAUSE_CODE, type FailureFacts, transportFailure } from './transport-failure.js';

type IncomingHeaders = Parameters<NonNullable<Dispatcher.DispatchHandler['onResponseStart']>>[2];

/**
 * What the handler knows of a failure beyond its own fields; `sendState` defaults from
 * progress.
 */
type OwnFailure = Omit<FailureFacts, 'action' | 'host' | 'sendState'> & {
  sendState?: FailureFacts['sendState'];
};

/**
 * The undici dispatch handler of one request: it records how far the request got, enforces the
 * per-call deadline, the caller's signal and the size cap, collects the body, and settles the
 * caller's promise exactly once.
 *
 * Why the send state can be trusted: undici calls `onRequestStart` synchronously right before
 * it writes the request head to a connected socket (client-h1 `writeH1`), and never for a
 * request that is still waiting for a connection. Connect errors (refused, DNS, TLS, connect
 * timeout) therefore always arrive while the request is still `queued`. If we abort inside
 * `onRequestStart`, undici returns before writing anything. JavaScript runs one thing at a
 * time, so no abort or timer can slip in between that callback and the write. This gives the
 * same fact as watching diagnostics_channel `undici:client:sendHeaders`, without a global
 * subscription, a lookup table, or an id header added to every request.
 *
 * One handler object is also the signal's listener (`handleEvent`) and the timer's argument,
 * so a request allocates no closures beyond the promise's own.
 */
export class SendHandler implements Dispatcher.DispatchHandler {
  readonly #resolve: (response: TransportResponse) => void;
  readonly #reject: (error: TransportError) => void;
  readonly #action: string;
  readonly #host: string;
  readonly #maxResponseBytes: number;
  /** How far the request got; decides the send state of any failure. */
  #progress: SendProgress = 'queued';
  #settled = false;
  #failure: TransportError | undefined;
  #controller: Dispatcher.DispatchController | undefined;
  #status = 0;
  #headers: Record<string, string> | undefined;
  #chunks: Buffer[] = [];
  #bytes = 0;
  #timer: NodeJS.Timeout | undefined;
  #timeoutMs = 0;
  #signal: AbortSignal | undefined;

  constructor(
    resolve: (response: TransportResponse) => void,
    reject: (error: TransportError) => void,
    action: string,
    host: string,
    maxResponseBytes: number,
  ) {
    this.#resolve = resolve;
    this.#reject = reject;
    this.#action = action;
    this.#host = host;
    this.#maxResponseBytes = maxResponseBytes;
  }

  /** Starts the deadline and listens to the caller's signal (already checked not aborted). */
  arm(signal: AbortSignal | undefined, timeoutMs: number): void {
    this.#timeoutMs = timeoutMs;
    this.#timer = setTimeout(onDeadline, timeoutMs, this);
    if (signal !== undefined) {
      this.#signal = signal;
      signal.addEventListener('abort', this, { once: true });
    }
  }

  /** The caller's signal fired. */
  handleEvent(): void {
    const reason = this.#signal?.reason;
    this.#fail({ code: 'SMM_ABORTED', causeCode: errorCode(reason), cause: reason }, true);
  }

  /** The per-call deadline passed. */
  expire(): void {
    this.#timer = undefined;
    this.#fail(
      { code: 'SMM_TIMEOUT', causeCode: DEADLINE_CAUSE_CODE, timeoutMs: this.#timeoutMs },
      true,
    );
  }

  /** Fails a request that could not even be handed to undici. */
  failToDispatch(error: unknown): void {
    this.onResponseError(undefined, error);
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    // Already settled (aborted or past its deadline while queued): the caller was told
    // `not_sent`, so make that true by stopping undici before it writes.
    if (this.#settled) {
      if (this.#failure !== undefined) controller.abort(this.#failure);
      return;
    }

    this.#controller = controller;
    this.#progress = 'written';
  }

  onResponseStart(
    _controller: Dispatcher.DispatchController,
    statusCode: number,
    headers: IncomingHeaders,
  ): void {
    if (this.#settled) return;

    this.#progress = 'answering';
    this.#status = statusCode;

    // A redirect would make us send the form, API key included, to wherever it points.
    if (statusCode >= 300 && statusCode < 400) {
      this.#fail({ code: 'SMM_REDIRECT_REFUSED', sendState: 'answered' }, true);
      return;
    }

    // Refuse early when the server announces more than we accept.
    const declared = headers['content-length'];
    if (typeof declared === 'string' && Number(declared) > this.#maxResponseBytes) {
      this.#tooLarge();
      return;
    }

    this.#headers = joinRepeatedHeaders(headers);
  }

  onResponseData(_controller: Dispatcher.DispatchController, chunk: Buffer): void {
    if (this.#settled) return;

    this.#bytes += chunk.length;
    if (this.#bytes > this.#maxResponseBytes) {
      this.#tooLarge();
      return;
    }
    this.#chunks.push(chunk);
  }

  onResponseEnd(): void {
    if (this.#settled) return;

    this.#settle();
    this.#resolve({
      status: this.#status,
      headers: this.#headers ?? {},
      body: decodeUtf8(this.#chunks, this.#bytes),
    });
  }

  onResponseError(_controller: Dispatcher.DispatchController | undefined, error: unknown): void {
    if (this.#settled) return;

    // undici has already ended this request, so there is nothing left to abort.
    this.#fail({ ...classifyFailure(error, this.#progress), cause: error }, false);
  }

  #tooLarge(): void {
    this.#fail(
      {
        code: 'SMM_RESPONSE_TOO_LARGE',
        sendState: 'answered',
        maxResponseBytes: this.#maxResponseBytes,
      },
      true,
    );
  }

  /**
   * Rejects the caller's promise and, when the request is on a socket, aborts it there (undici
   * then destroys that socket, which is the only way to stop reading a body). A send state not
   * given is derived from progress; the HTTP status is added once headers came.
   */
  #fail(facts: OwnFailure, abortRequest: boolean): void {
    if (this.#settled) return;

    const failure = transportFailure({
      ...facts,
      sendState: facts.sendState ?? (this.#progress === 'queued' ? 'not_sent' : 'maybe_sent'),
      httpStatus: facts.httpStatus ?? (this.#status === 0 ? undefined : this.#status),
      action: this.#action,
      host: this.#host,
    });
    this.#failure = failure;
    this.#settle();
    this.#chunks = [];
    // Aborting makes undici call onResponseError, which returns early: we are settled.
    const controller = this.#controller;
    if (abortRequest && controller !== undefined && !controller.aborted) controller.abort(failure);
    this.#reject(failure);
  }

  #settle(): void {
    this.#settled = true;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#signal?.removeEventListener('abort', this);
  }
}

function onDeadline(handler: SendHandler): void {
  handler.expire();
}

/** undici gives repeated headers as arrays; the transport's contract joins them with `, `. */
function joinRepeatedHeaders(headers: IncomingHeaders): Record<string, string> {
  for (const name in headers) {
    if (typeof headers[name] !== 'string') return copyJoined(headers);
  }
  // The common case: every value is already a string, so the object undici built is reused.
  return headers as Record<string, string>;
}

function copyJoined(headers: IncomingHeaders): Record<string, string> {
  const joined: Record<string, string> = {};
  for (const name in headers) {
    const value = headers[name];
    if (value !== undefined) joined[name] = typeof value === 'string' ? value : value.join(', ');
  }
  return joined;
}

/**
 * UTF-8 text of the body, without a leading byte order mark (as `fetch` and undici's `text()`
 * do).
 */
function decodeUtf8(chunks: readonly Buffer[], bytes: number): string {
  if (bytes === 0) return '';

  const buffer = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, bytes);
  const hasBom = bytes >= 3 && buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf;
  return buffer.toString('utf8', hasBom ? 3 : 0);
}
