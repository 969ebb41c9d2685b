import type { SendState } from '../../errors/send-state.js';
import type { TransportError, TransportErrorCode } from '../../errors/transport-error.js';
import { errorCode } from './classify-failure.js';
import { type FailureFacts, transportErrorOf } from './transport-failure.js';

/** `causeCode` of a request whose headers `fetch`'s `Headers` refused (a line break, say). */
export const INVALID_HEADER_CAUSE_CODE = 'ERR_INVALID_HEADER';

/** `causeCode` of a `fetch` that followed a redirect although it was told not to. */
export const REDIRECT_FOLLOWED_CAUSE_CODE = 'REDIRECT_FOLLOWED';

/**
 * Codes that prove the connection never opened, so not one byte of the request left. Node's
 * `fetch` rejects with `TypeError('fetch failed')` and puts the socket error in `cause`.
 * TLS handshake errors also come before the request, but their codes are many and differ
 * between runtimes, so they stay `maybe_sent`: a wrong `not_sent` could pay twice, a wrong
 * `maybe_sent` only costs a reconciliation.
 */
const CONNECT_FAILURE_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'UND_ERR_CONNECT_TIMEOUT',
]);

// Node's fetch (undici) applies its own header and body timeouts, 300 s each by default.
const TIMEOUT_CODES: ReadonlySet<string> = new Set([
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);

/** Where a call was when it failed: waiting for `fetch()` to resolve, or reading the body. */
export type FetchPhase = 'fetching' | 'reading';

/** How a failure that neither the deadline nor the caller's signal caused is reported. */
export interface FetchFailureClass {
  code: TransportErrorCode;
  sendState: SendState;
  causeCode: string | undefined;
}

/**
 * Classifies a rejection of `fetch()` or of a body read from its cause's `code`, never from a
 * message. `fetch` has no "request written" event, so only a cause that proves the connection
 * never opened is `not_sent`; anything else after `fetch()` was called is `maybe_sent`, since
 * other runtimes give an opaque `TypeError` for a reset and a refusal alike.
 */
export function classifyFetchFailure(error: unknown, phase: FetchPhase): FetchFailureClass {
  const causeCode = fetchCauseCode(error);

  if (phase === 'fetching' && causeCode !== undefined && CONNECT_FAILURE_CODES.has(causeCode)) {
    return { code: 'SMM_CONNECT_FAILED', sendState: 'not_sent', causeCode };
  }

  const isTimeout = causeCode !== undefined && TIMEOUT_CODES.has(causeCode);
  return {
    code: isTimeout ? 'SMM_TIMEOUT' : 'SMM_CONNECTION_LOST',
    sendState: 'maybe_sent',
    causeCode,
  };
}

type ErrorLike = { code?: unknown; errors?: unknown; cause?: unknown };

/**
 * The most telling code of a fetch error: the first string `code` down its `cause` chain (or in
 * the first error of an `AggregateError`), else its name (`TypeError`, `AbortError`).
 */
export function fetchCauseCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth += 1) {
    const { code, errors, cause } = current as ErrorLike;
    if (typeof code === 'string' && code.length > 0) return code;

    const first = Array.isArray(errors) ? (errors[0] as { code?: unknown } | undefined) : undefined;
    if (typeof first?.code === 'string' && first.code.length > 0) return first.code;

    current = cause;
  }
  return errorCode(error);
}

/**
 * Builds the {@link TransportError} of a fetch call. Messages name the action and the host only
 * (the form holds the API key, the query may hold other secrets), and a `maybe_sent` one says
 * "may" rather than "after the request was written": fetch never tells which.
 */
export function fetchFailure(facts: FailureFacts): TransportError {
  return transportErrorOf(facts, describe(facts));
}

function describe(facts: FailureFacts): string {
  const what = `"${facts.action}" to ${facts.host}`;
  const because = facts.causeCode === undefined ? '' : ` (${facts.causeCode})`;
  const notSent = facts.sendState === 'not_sent';

  switch (facts.code) {
    case 'SMM_CONNECT_FAILED':
      return `Could not send ${what}${because}. Nothing was sent.`;
    case 'SMM_TIMEOUT':
      if (notSent) return `No time was left to send ${what}${because}. Nothing was sent.`;
      return facts.timeoutMs === undefined
        ? `Timed out sending ${what}${because}; the panel may have received it.`
        : `No complete answer to ${what} within ${facts.timeoutMs} ms${because}; ` +
            'the panel may have received it.';
    case 'SMM_ABORTED':
      return notSent
        ? `Sending ${what} was aborted by the caller before it started${because}. Nothing was sent.`
        : `Sending ${what} was aborted by the caller after it started${because}; ` +
            'the panel may have received it.';
    case 'SMM_CONNECTION_LOST':
      return `Sending ${what} failed${because}; the panel may have received it.`;
    case 'SMM_RESPONSE_TOO_LARGE':
      return (
        `The answer to ${what} is larger than ${facts.maxResponseBytes} bytes; ` +
        'it was not read.'
      );
    case 'SMM_REDIRECT_REFUSED':
      return facts.sendState === 'answered'
        ? `The panel answered ${what} with HTTP ${facts.httpStatus ?? '(opaque redirect)'}; ` +
            'redirects are not followed because they would resend the API key.'
        : `The fetch function followed a redirect for ${what} although told not to; ` +
            'its target may have received the request.';
  }
}
