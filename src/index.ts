/**
 * smm-panel-client: order from SMM panels without paying twice, losing an order, or being
 * surprised by the balance. The public API, listed name by name; anything not here is
 * internal. The sandbox, SQLite and PostgreSQL parts live under their own subpaths.
 *
 * @packageDocumentation
 */

// Protocol: actions, normalised results, order inputs.
export { MAX_BATCH_SIZE, type PanelAction, READ_ACTIONS } from './api/actions.js';
export { normaliseOrderStatus, normaliseRefillStatus } from './api/normalise-status.js';
export { encodeOrderInput } from './api/order-input.js';
export type {
  CommentLikesOrderInput,
  CommentRepliesOrderInput,
  CustomCommentsOrderInput,
  CustomCommentsPackageOrderInput,
  DefaultOrderInput,
  InvitesFromGroupsOrderInput,
  MentionsCustomListOrderInput,
  MentionsHashtagOrderInput,
  MentionsMediaLikersOrderInput,
  MentionsOrderInput,
  MentionsUserFollowersOrderInput,
  MentionsWithHashtagsOrderInput,
  OrderInput,
  OrderInputBase,
  PackageOrderInput,
  PollOrderInput,
  SeoOrderInput,
  SubscriptionsOrderInput,
  WebTrafficOrderInput,
} from './api/order-input-types.js';
export { ORDER_TYPE_FIELDS } from './api/order-type-fields.js';
export { ORDER_TYPES, type OrderType, orderTypeFromServiceType } from './api/order-types.js';
export {
  type Balance,
  type BatchResult,
  type CancelItem,
  type ItemError,
  type Money,
  type OrderState,
  type OrderStateItem,
  type OrderStatus,
  type PanelId,
  type PlacedOrder,
  type RefillItem,
  type RefillStatus,
  type RefillStatusItem,
  type Service,
  TERMINAL_ORDER_STATUSES,
} from './api/results.js';
export {
  type CallOptions,
  CLIENT_DEFAULTS,
  type OrderOptions,
  type PanelClientOptions,
} from './client/client-options.js';
export type { OrderResult } from './client/order-path.js';
// Client and panel profiles.
export { PanelClient } from './client/panel-client.js';
export {
  definePanelProfile,
  type IdempotencySupport,
  PANEL_PROFILE_DEFAULTS,
  type PanelProfile,
  type PanelProfileOptions,
} from './client/panel-profile.js';

// Errors: classes with stable codes, and guards that work across duplicate copies.
export { SmmPanelError } from './errors/base-error.js';
export {
  classifyErrorText,
  DEFAULT_ERROR_TEXT_RULES,
  type ErrorTextRule,
} from './errors/classify-error-text.js';
export { ErrorCode, type ErrorCodeValue } from './errors/codes.js';
export { PANEL_ERROR_CLASSES, type PanelErrorClass } from './errors/error-class.js';
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
} from './errors/guards.js';
export { type InputIssue, InvalidInputError, InvalidOptionsError } from './errors/input-errors.js';
export {
  IdempotencyConflictError,
  IntentLockedError,
  IntentRejectedError,
  LedgerError,
  OrderOutcomeUnknownError,
  RetryBudgetExhaustedError,
} from './errors/order-errors.js';
export type { PanelAnswerDetails } from './errors/panel-errors.js';
export {
  InvalidResponseError,
  PanelRejectedError,
  PanelUnavailableError,
  RateLimitedError,
} from './errors/panel-errors.js';
export type { SendState } from './errors/send-state.js';
export {
  TransportError,
  type TransportErrorCode,
  type TransportErrorDetails,
} from './errors/transport-error.js';

// Idempotency keys and fingerprints.
export { fingerprintOrder } from './idempotency/fingerprint.js';
export {
  deriveIdempotencyKey,
  type GenerateIdempotencyKeyOptions,
  generateIdempotencyKey,
  validateIdempotencyKey,
} from './idempotency/idempotency-key.js';

// Ledgers.
export {
  FILE_LEDGER_DEFAULTS,
  type FileLedger,
  type FileLedgerOptions,
  openFileLedger,
} from './ledger/file-ledger.js';
export type {
  AttemptRecord,
  ClaimOptions,
  ClaimResult,
  Evidence,
  IntentState,
  Lease,
  Ledger,
  LedgerEntry,
  LedgerPage,
  ListOptions,
  OrderIntent,
  PanelOrderState,
  ReconcileLock,
  Resolution,
  Settlement,
} from './ledger/ledger.js';
export { createMemoryLedger } from './ledger/memory-ledger.js';

// Events and logging.
export type {
  ClientEventListener,
  ClientEventMap,
  ClientEventName,
  GiveUpEvent,
  LedgerWriteEvent,
  OutcomeUnknownEvent,
  ReconcileProgressEvent,
  RequestEvent,
  ResponseEvent,
  RetryEvent,
} from './observe/client-events.js';
export type { LoggerLike, LoggingOptions, LogLevel } from './observe/sdk-logger.js';

// Reconciliation.
export {
  type CompareContext,
  compareOrderState,
  type StateComparison,
} from './reconcile/compare-order-state.js';
export {
  formatReconcileSummary,
  SUMMARY_DEFAULTS,
  type SummaryOptions,
} from './reconcile/format-reconcile-summary.js';
export {
  type ImpliedRefund,
  impliedRefund,
  type RefundBasis,
  refundBasisOf,
} from './reconcile/implied-refund.js';
export {
  RECONCILE_LOOP_DEFAULTS,
  type ReconcileLoop,
  type ReconcileLoopOptions,
} from './reconcile/reconcile-loop.js';
export type {
  AmbiguousItem,
  BalanceCheck,
  ChargeMismatchItem,
  CurrencyTotals,
  MatchedItem,
  MissingItem,
  MoneyReport,
  OrphanItem,
  ReconcileCounts,
  ReconcileReport,
  RefundItem,
  ReportSections,
  ScanCandidate,
  StatusErrorItem,
  StuckItem,
  UnknownOpenItem,
  UnknownResolvedItem,
  UpdatedItem,
} from './reconcile/reconcile-report.js';
export { Reconciler } from './reconcile/reconciler.js';
export {
  RECONCILER_DEFAULTS,
  type ReconcileProgress,
  type ReconcilerClient,
  type ReconcilerOptions,
  type StartingBalance,
} from './reconcile/reconciler-options.js';

// Retry policy.
export { type ClassifyInput, classify, type RetryVerdict } from './retry/classify.js';
export {
  RETRY_BUDGET_DEFAULTS,
  RetryBudget,
  type RetryBudgetOptions,
} from './retry/retry-budget.js';
export {
  RETRY_POLICY_DEFAULTS,
  type RetryPolicy,
  type RetryPolicyOptions,
} from './retry/retry-policy.js';

// Transport.
export {
  createFetchTransport,
  FETCH_TRANSPORT_DEFAULTS,
  type FetchFunction,
  type FetchTransportOptions,
} from './transport/fetch-transport.js';
export type { Transport, TransportRequest, TransportResponse } from './transport/transport.js';
export {
  createUndiciTransport,
  UNDICI_TRANSPORT_DEFAULTS,
  type UndiciTransportOptions,
} from './transport/undici-transport.js';
export { SDK_VERSION } from './transport/version.js';
