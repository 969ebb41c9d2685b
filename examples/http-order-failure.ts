/**
 * How examples/service-http-endpoint.ts answers a failed order over HTTP: one status per SDK
 * error, decided from the error's stable code, so any HTTP framework can reuse it.
 */
import {
  ErrorCode,
  isIdempotencyConflictError,
  isIntentLockedError,
  isInvalidInputError,
  isOrderOutcomeUnknownError,
  isPanelRejectedError,
  isSmmPanelError,
} from 'smm-panel-client';

/** What an HTTP answer to a failed order looks like. */
export interface HttpFailure {
  status: number;
  headers: Record<string, string>;
  body: Record<string, unknown>;
}

/**
 * The HTTP answer for an error thrown by `order()`. The guards check the stable error code, so
 * this works even when two copies of the SDK are loaded.
 */
export function toHttpFailure(error: unknown, now: number): HttpFailure {
  if (isInvalidInputError(error)) {
    return failure(400, { error: 'invalid_input', message: error.message, issues: error.issues });
  }
  if (isIdempotencyConflictError(error)) {
    const message = 'this requestId was used before with other order parameters';
    return failure(409, { error: 'idempotency_conflict', message });
  }
  if (isIntentLockedError(error)) {
    const seconds = Math.max(1, Math.ceil((error.leaseExpiresAt - now) / 1000));
    return failure(
      409,
      { error: 'in_progress', message: 'this order is being sent right now; ask again later' },
      { 'retry-after': String(seconds) },
    );
  }
  if (isOrderOutcomeUnknownError(error)) {
    // Not an error for the caller to fix: the order may exist. 202 says "accepted, not final";
    // GET /orders/:key shows the outcome once the reconciler has settled it.
    return failure(202, {
      status: 'pending reconciliation',
      idempotencyKey: error.idempotencyKey,
      message: 'the panel did not confirm this order; it will be reconciled, do not send it again',
    });
  }
  if (isPanelRejectedError(error)) {
    return failure(422, {
      error: 'rejected',
      errorClass: error.errorClass,
      message: error.panelMessage,
    });
  }
  if (isSmmPanelError(error) && error.code === ErrorCode.IntentRejected) {
    return failure(422, { error: 'rejected', message: error.message });
  }
  // Not sent, or answered with nothing processed (panel down, rate limited, retry budget spent,
  // ledger unavailable): the same requestId may be sent again safely.
  const code = isSmmPanelError(error) ? error.code : 'internal';
  return failure(502, { error: 'panel_unavailable', code, message: describe(error) });
}

function failure(
  status: number,
  body: Record<string, unknown>,
  headers: Record<string, string> = {},
): HttpFailure {
  return { status, headers, body };
}

// SDK errors never carry the API key, so their messages are safe to send back.
function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
