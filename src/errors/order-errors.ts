import { SmmPanelError } from './base-error.js';
import { ErrorCode } from './codes.js';

/**
 * An order may or may not exist on the panel: the request was (maybe) delivered and no
 * trustworthy answer came back. The ledger holds the intent as `unknown`; calling
 * `order()` again with the same key refuses until the reconciler settles it.
 */
export class OrderOutcomeUnknownError extends SmmPanelError {
  override readonly code = ErrorCode.OrderOutcomeUnknown;
  /** The key to hand to the reconciler, or to look the intent up in the ledger. */
  readonly idempotencyKey: string;

  constructor(idempotencyKey: string, reason: string, options?: { cause?: unknown }) {
    super(
      ErrorCode.OrderOutcomeUnknown,
      `Order ${idempotencyKey} may or may not have been placed (${reason}); ` +
        'reconcile before retrying',
      options,
    );
    this.name = 'OrderOutcomeUnknownError';
    this.idempotencyKey = idempotencyKey;
  }
}

/** The idempotency key was used before with other order parameters. Nothing was sent. */
export class IdempotencyConflictError extends SmmPanelError {
  override readonly code = ErrorCode.IdempotencyConflict;
  readonly idempotencyKey: string;

  constructor(idempotencyKey: string) {
    super(
      ErrorCode.IdempotencyConflict,
      `Idempotency key ${idempotencyKey} was already used with other order parameters`,
    );
    this.name = 'IdempotencyConflictError';
    this.idempotencyKey = idempotencyKey;
  }
}

/** Another live worker holds the lease on this key. Nothing was sent. */
export class IntentLockedError extends SmmPanelError {
  override readonly code = ErrorCode.IntentLocked;
  readonly idempotencyKey: string;
  /** When the other worker's lease ends (epoch milliseconds). */
  readonly leaseExpiresAt: number;

  constructor(idempotencyKey: string, leaseExpiresAt: number) {
    super(
      ErrorCode.IntentLocked,
      `Order ${idempotencyKey} is being sent by another worker ` +
        `(lease until ${new Date(leaseExpiresAt).toISOString()})`,
    );
    this.name = 'IntentLockedError';
    this.idempotencyKey = idempotencyKey;
    this.leaseExpiresAt = leaseExpiresAt;
  }
}

/** The panel refused this order earlier under the same key; it is not sent again. */
export class IntentRejectedError extends SmmPanelError {
  override readonly code = ErrorCode.IntentRejected;
  readonly idempotencyKey: string;
  /** The panel's text from the first refusal. */
  readonly panelMessage: string;

  constructor(idempotencyKey: string, panelMessage: string) {
    super(
      ErrorCode.IntentRejected,
      `Order ${idempotencyKey} was already rejected by the panel: ${panelMessage}`,
    );
    this.name = 'IntentRejectedError';
    this.idempotencyKey = idempotencyKey;
    this.panelMessage = panelMessage;
  }
}

/** The client's retry budget is spent: the panel has failed too often lately. */
export class RetryBudgetExhaustedError extends SmmPanelError {
  override readonly code = ErrorCode.RetryBudgetExhausted;

  constructor(options?: { cause?: unknown }) {
    super(
      ErrorCode.RetryBudgetExhausted,
      'Retry budget exhausted: the panel is failing too often; not retrying',
      options,
    );
    this.name = 'RetryBudgetExhaustedError';
  }
}

/** The ledger could not read or write. No order is sent without a durable record. */
export class LedgerError extends SmmPanelError {
  override readonly code = ErrorCode.LedgerFailed;

  constructor(message: string, options?: { cause?: unknown }) {
    super(ErrorCode.LedgerFailed, message, options);
    this.name = 'LedgerError';
  }
}
