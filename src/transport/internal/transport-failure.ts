import type { SendState } from '../../errors/send-state.js';
import { TransportError, type TransportErrorCode } from '../../errors/transport-error.js';

/** `causeCode` of a request stopped by the transport's own per-call deadline. */
export const DEADLINE_CAUSE_CODE = 'DEADLINE_EXCEEDED';

/** `causeCode` of a request given a URL that is not an absolute http(s) URL. */
export const INVALID_URL_CAUSE_CODE = 'ERR_INVALID_URL';

/** `causeCode` of a request sent after `close()`. */
export const CLOSED_CAUSE_CODE = 'TRANSPORT_CLOSED';

/** The facts of one failure, from which the error and its message are built. */
export interface FailureFacts {
  code: TransportErrorCode;
  sendState: SendState;
  action: string;
  /** Host (and port) of the panel; never the path or query. */
  host: string;
  causeCode?: string | undefined;
  httpStatus?: number | undefined;
  /** The per-call deadline (ms), for `SMM_TIMEOUT` from the deadline. */
  timeoutMs?: number | undefined;
  /** The size cap (bytes), for `SMM_RESPONSE_TOO_LARGE`. */
  maxResponseBytes?: number | undefined;
  cause?: unknown;
}

/**
 * Builds the {@link TransportError} for a failure. Messages name the action and the host only:
 * the form holds the API key and the URL's query may hold other secrets, so neither is used.
 */
export function transportFailure(facts: FailureFacts): TransportError {
  return transportErrorOf(facts, describe(facts));
}

/** A {@link TransportError} carrying the facts and a message already worded for them. */
export function transportErrorOf(facts: FailureFacts, message: string): TransportError {
  return new TransportError(
    facts.code,
    message,
    {
      sendState: facts.sendState,
      action: facts.action,
      httpStatus: facts.httpStatus,
      causeCode: facts.causeCode,
    },
    facts.cause === undefined ? undefined : { cause: facts.cause },
  );
}

function describe(facts: FailureFacts): string {
  const what = `"${facts.action}" to ${facts.host}`;
  const because = facts.causeCode === undefined ? '' : ` (${facts.causeCode})`;
  const sent = facts.sendState === 'not_sent' ? 'before' : 'after';

  switch (facts.code) {
    case 'SMM_CONNECT_FAILED':
      return `Could not send ${what}: no connection${because}. Nothing was sent.`;
    case 'SMM_TIMEOUT':
      return facts.timeoutMs === undefined
        ? `Timed out sending ${what}${because}, ${sent} the request was written.`
        : `No complete answer to ${what} within ${facts.timeoutMs} ms${because}, ` +
            `${sent} the request was written.`;
    case 'SMM_ABORTED':
      return `Sending ${what} was aborted by the caller ${sent} the request was written${because}.`;
    case 'SMM_CONNECTION_LOST': {
      const broke = `The connection broke while sending ${what}${because}`;
      return `${broke}; the panel may have received it.`;
    }
    case 'SMM_RESPONSE_TOO_LARGE':
      return (
        `The answer to ${what} is larger than ${facts.maxResponseBytes} bytes; ` +
        'it was not read.'
      );
    case 'SMM_REDIRECT_REFUSED':
      return (
        `The panel answered ${what} with HTTP ${facts.httpStatus}; ` +
        'redirects are not followed because they would resend the API key.'
      );
  }
}
