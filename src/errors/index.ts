export { SmmPanelError } from './base-error.js';
export {
  classifyErrorText,
  DEFAULT_ERROR_TEXT_RULES,
  type ErrorTextRule,
} from './classify-error-text.js';
export { ErrorCode, type ErrorCodeValue } from './codes.js';
export { PANEL_ERROR_CLASSES, type PanelErrorClass } from './error-class.js';
export {
  isIdempotencyConflictError,
  isIntentLockedError,
  isIntentRejectedError,
  isInvalidInputError,
  isInvalidOptionsError,
  isInvalidResponseError,
  isLedgerError,
  isOrderOutcomeUnknownError,
  isPanelRejectedError,
  isPanelUnavailableError,
  isRateLimitedError,
  isRetryBudgetExhaustedError,
  isSmmPanelError,
  isTransportError,
} from './guards.js';
export { type InputIssue, InvalidInputError, InvalidOptionsError } from './input-errors.js';
export {
  IdempotencyConflictError,
  IntentLockedError,
  IntentRejectedError,
  LedgerError,
  OrderOutcomeUnknownError,
  RetryBudgetExhaustedError,
} from './order-errors.js';
export {
  InvalidResponseError,
  type PanelAnswerDetails,
  PanelRejectedError,
  PanelUnavailableError,
  RateLimitedError,
} from './panel-errors.js';
export type { SendState } from './send-state.js';
export {
  TransportError,
  type TransportErrorCode,
  type TransportErrorDetails,
} from './transport-error.js';
