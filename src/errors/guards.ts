import type { SmmPanelError } from './base-error.js';
import { ErrorCode } from './codes.js';
import type { InvalidInputError, InvalidOptionsError } from './input-errors.js';
import type {
  IdempotencyConflictError,
  IntentLockedError,
  IntentRejectedError,
  LedgerError,
  OrderOutcomeUnknownError,
  RetryBudgetExhaustedError,
} from './order-errors.js';
import type {
  InvalidResponseError,
  PanelRejectedError,
  PanelUnavailableError,
  RateLimitedError,
} from './panel-errors.js';
import type { TransportError } from './transport-error.js';

// Guards check the `code` string, not the prototype, so they hold when the ESM and the CJS
// build of this package are both loaded in one process.

const ALL_CODES = new Set<string>(Object.values(ErrorCode));
const TRANSPORT_CODES = new Set<string>([
  ErrorCode.ConnectFailed,
  ErrorCode.Timeout,
  ErrorCode.Aborted,
  ErrorCode.ConnectionLost,
  ErrorCode.ResponseTooLarge,
  ErrorCode.RedirectRefused,
]);

function codeOf(value: unknown): unknown {
  return typeof value === 'object' && value !== null
    ? (value as { code?: unknown }).code
    : undefined;
}

/** True for any error thrown by this SDK. */
export function isSmmPanelError(value: unknown): value is SmmPanelError {
  return value instanceof Error && ALL_CODES.has(codeOf(value) as string);
}

/** True for a failure below the protocol; read its `sendState`. */
export function isTransportError(value: unknown): value is TransportError {
  return value instanceof Error && TRANSPORT_CODES.has(codeOf(value) as string);
}

/** True when the panel answered `{"error": ...}`. */
export function isPanelRejectedError(value: unknown): value is PanelRejectedError {
  return value instanceof Error && codeOf(value) === ErrorCode.PanelRejected;
}

/** True when the panel asked us to slow down. */
export function isRateLimitedError(value: unknown): value is RateLimitedError {
  return value instanceof Error && codeOf(value) === ErrorCode.RateLimited;
}

/** True when the panel answered with no usable body (HTML, empty, broken JSON, 5xx). */
export function isPanelUnavailableError(value: unknown): value is PanelUnavailableError {
  return value instanceof Error && codeOf(value) === ErrorCode.PanelUnavailable;
}

/** True when the body was JSON of the wrong shape. */
export function isInvalidResponseError(value: unknown): value is InvalidResponseError {
  return value instanceof Error && codeOf(value) === ErrorCode.InvalidResponse;
}

/** True when the caller's input was refused before anything was sent. */
export function isInvalidInputError(value: unknown): value is InvalidInputError {
  return value instanceof Error && codeOf(value) === ErrorCode.InvalidInput;
}

/** True when an order may or may not exist and must be reconciled. */
export function isOrderOutcomeUnknownError(value: unknown): value is OrderOutcomeUnknownError {
  return value instanceof Error && codeOf(value) === ErrorCode.OrderOutcomeUnknown;
}

/** True when a key was reused with other parameters. */
export function isIdempotencyConflictError(value: unknown): value is IdempotencyConflictError {
  return value instanceof Error && codeOf(value) === ErrorCode.IdempotencyConflict;
}

/** True when another worker holds the key's lease. */
export function isIntentLockedError(value: unknown): value is IntentLockedError {
  return value instanceof Error && codeOf(value) === ErrorCode.IntentLocked;
}

/** True when an option given at construction was refused. */
export function isInvalidOptionsError(value: unknown): value is InvalidOptionsError {
  return value instanceof Error && codeOf(value) === ErrorCode.InvalidOptions;
}

/** True when the panel refused this key's order earlier and it is not sent again. */
export function isIntentRejectedError(value: unknown): value is IntentRejectedError {
  return value instanceof Error && codeOf(value) === ErrorCode.IntentRejected;
}

/** True when the client's retry budget stopped a retry. */
export function isRetryBudgetExhaustedError(value: unknown): value is RetryBudgetExhaustedError {
  return value instanceof Error && codeOf(value) === ErrorCode.RetryBudgetExhausted;
}

/** True when the ledger failed to read or write. */
export function isLedgerError(value: unknown): value is LedgerError {
  return value instanceof Error && codeOf(value) === ErrorCode.LedgerFailed;
}
