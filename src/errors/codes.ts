/**
 * Every error code this SDK uses. Codes are stable: they never change meaning or spelling
 * within a major version, so logs, alerts and `switch` statements can rely on them.
 */
export const ErrorCode = Object.freeze({
  /**
   * A caller passed bad input (an order without a link, a negative quantity...). Nothing was
   * sent.
   */
  InvalidInput: 'SMM_INVALID_INPUT',
  /** A client, profile or sandbox option is invalid. Thrown at construction. */
  InvalidOptions: 'SMM_INVALID_OPTIONS',
  /** The connection could not be opened (refused, DNS, TLS, connect timeout). Never sent. */
  ConnectFailed: 'SMM_CONNECT_FAILED',
  /** No complete answer within the time allowed. `sendState` says whether it was sent. */
  Timeout: 'SMM_TIMEOUT',
  /** The caller's `AbortSignal` fired. `sendState` says whether it was sent. */
  Aborted: 'SMM_ABORTED',
  /** The connection broke after the request was written, before a full answer. */
  ConnectionLost: 'SMM_CONNECTION_LOST',
  /** The answer was larger than `maxResponseBytes`. */
  ResponseTooLarge: 'SMM_RESPONSE_TOO_LARGE',
  /** The panel answered with a redirect; it is never followed (it would resend the key). */
  RedirectRefused: 'SMM_REDIRECT_REFUSED',
  /** The panel answered `{"error": "..."}`; `errorClass` says which family. */
  PanelRejected: 'SMM_PANEL_REJECTED',
  /** The panel answered 429, or 503 with a clear "try later". Nothing was processed. */
  RateLimited: 'SMM_RATE_LIMITED',
  /** The panel answered with an HTML page, an empty or broken body, or a 5xx without JSON. */
  PanelUnavailable: 'SMM_PANEL_UNAVAILABLE',
  /** The body was JSON but not the shape the action answers with. */
  InvalidResponse: 'SMM_INVALID_RESPONSE',
  /** An order may or may not have been placed; the reconciler must settle it. */
  OrderOutcomeUnknown: 'SMM_ORDER_OUTCOME_UNKNOWN',
  /** The idempotency key was used before with other order parameters. */
  IdempotencyConflict: 'SMM_IDEMPOTENCY_CONFLICT',
  /** Another live worker holds the lease on this idempotency key. */
  IntentLocked: 'SMM_INTENT_LOCKED',
  /** The order was refused earlier by the panel under this key; it is not sent again. */
  IntentRejected: 'SMM_INTENT_REJECTED',
  /** The retry budget of this client is spent: the panel has been failing too often. */
  RetryBudgetExhausted: 'SMM_RETRY_BUDGET_EXHAUSTED',
  /** The ledger failed to read or write; no order is sent without a durable record. */
  LedgerFailed: 'SMM_LEDGER_FAILED',
} as const);

/** Any value of {@link ErrorCode}. */
export type ErrorCodeValue = (typeof ErrorCode)[keyof typeof ErrorCode];
