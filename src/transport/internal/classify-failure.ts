import type { SendState } from '../../errors/send-state.js';
import type { TransportErrorCode } from '../../errors/transport-error.js';

/**
 * How far one request got, as observed by the transport's dispatch handler.
 *
 * - `queued`: undici has not handed the request to a socket; not one byte of it was written.
 * - `written`: undici started writing it to a connected socket; no response status yet.
 * - `answering`: the status line and headers arrived; the body was being read.
 */
export type SendProgress = 'queued' | 'written' | 'answering';

/** What a failed request is reported as. */
export interface FailureClass {
  code: TransportErrorCode;
  sendState: SendState;
  /** The low-level code (`ECONNREFUSED`, `UND_ERR_SOCKET`...), when the error had one. */
  causeCode: string | undefined;
}

// undici's own waits for the answer. UND_ERR_CONNECT_TIMEOUT is not here on purpose: it comes
// before anything is written, so it is a connect failure.
const TIMEOUT_CODES: ReadonlySet<string> = new Set([
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);

/**
 * Classifies an error undici reported for one request, from two facts: its `code` and how far
 * the request got. Never from the message text, which changes between versions and locales.
 *
 * By progress, then code, the result:
 *
 * - queued, anything (ECONNREFUSED, ENOTFOUND, EAI_AGAIN, UND_ERR_CONNECT_TIMEOUT, TLS errors,
 *   a destroyed pool...): SMM_CONNECT_FAILED, not_sent.
 * - written / answering, UND_ERR_HEADERS_TIMEOUT or UND_ERR_BODY_TIMEOUT: SMM_TIMEOUT,
 *   maybe_sent.
 * - written / answering, anything else (UND_ERR_SOCKET, ECONNRESET, EPIPE...):
 *   SMM_CONNECTION_LOST, maybe_sent.
 *
 * Progress decides the send state because the codes alone cannot: `UND_ERR_SOCKET` is the same
 * whether the server read the request or not. A failure while `answering` (a reset or stall in
 * the middle of the body) is `maybe_sent`, not `answered`: the panel started to answer, but
 * the answer that says what it did never arrived, so an `add` has an unknown outcome.
 */
export function classifyFailure(error: unknown, progress: SendProgress): FailureClass {
  const causeCode = errorCode(error);

  if (progress === 'queued') {
    return { code: 'SMM_CONNECT_FAILED', sendState: 'not_sent', causeCode };
  }

  const isTimeout = causeCode !== undefined && TIMEOUT_CODES.has(causeCode);
  return {
    code: isTimeout ? 'SMM_TIMEOUT' : 'SMM_CONNECTION_LOST',
    sendState: 'maybe_sent',
    causeCode,
  };
}

/** The string `code` of an error (`ECONNRESET`), else its `name` for a DOMException-like error. */
export function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;

  const { code, name } = error as { code?: unknown; name?: unknown };
  if (typeof code === 'string' && code.length > 0) return code;
  if (typeof name === 'string' && name !== 'Error' && name.length > 0) return name;
  return undefined;
}
