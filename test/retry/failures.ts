// Factories for the failures an attempt can throw, one per kind of answer in docs/design.md's
// send-state table, shared by the retry tests.
import type { PanelErrorClass } from '../../src/errors/error-class.js';
import {
  InvalidResponseError,
  PanelRejectedError,
  PanelUnavailableError,
  RateLimitedError,
} from '../../src/errors/panel-errors.js';
import type { SendState } from '../../src/errors/send-state.js';
import { TransportError, type TransportErrorCode } from '../../src/errors/transport-error.js';

export function transportFailure(
  code: TransportErrorCode,
  sendState: SendState,
  action = 'add',
): TransportError {
  return new TransportError(code, `${code} (${sendState})`, { sendState, action });
}

export function notSent(action = 'add'): TransportError {
  return transportFailure('SMM_CONNECT_FAILED', 'not_sent', action);
}

export function maybeSent(action = 'add'): TransportError {
  return transportFailure('SMM_TIMEOUT', 'maybe_sent', action);
}

export function rateLimited(retryAfterMs?: number, action = 'add'): RateLimitedError {
  return new RateLimitedError(
    retryAfterMs === undefined
      ? { action, httpStatus: 429 }
      : { action, httpStatus: 429, retryAfterMs },
  );
}

export function unavailable(
  reason: PanelUnavailableError['reason'],
  httpStatus = 502,
  action = 'add',
): PanelUnavailableError {
  return new PanelUnavailableError({ action, httpStatus, reason });
}

export function invalidResponse(action = 'add'): InvalidResponseError {
  return new InvalidResponseError({ action, httpStatus: 200, problem: 'no order id' });
}

export function rejected(errorClass: PanelErrorClass, action = 'add'): PanelRejectedError {
  return new PanelRejectedError({
    action,
    httpStatus: 200,
    errorClass,
    panelMessage: `a ${errorClass} text`,
  });
}
