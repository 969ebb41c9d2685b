import type { PanelId } from '../api/results.js';
import { ErrorCode } from '../errors/codes.js';
import type { PanelErrorClass } from '../errors/error-class.js';
import type { AttemptRecord } from '../ledger/ledger.js';

/**
 * What the attempts recorded under a pending intent say, when a worker takes it over (a
 * restart after a crash, or an expired lease):
 *
 * - `placed`: an attempt recorded the panel's order id; the worker stopped before settling.
 * - `ambiguous`: an attempt may have reached the panel and no answer says it did not (one
 *   never ended, or ended cut off, timed out, or with an unusable answer).
 * - `rejected`: the last attempt was a refusal that is not retried (funds, validation, a text
 *   no rule knows...), and none before it was ambiguous.
 * - `clean`: nothing recorded could have placed an order (no attempt, not sent, rate limited,
 *   a "try again" text): sending is as safe as the first time.
 */
export type EarlierAttempts =
  | { kind: 'placed'; orderId: PanelId }
  | { kind: 'ambiguous' }
  | { kind: 'rejected'; errorClass: PanelErrorClass; message: string }
  | { kind: 'clean' };

// Refusals the retry policy sends again: the panel says it did not process the request.
const RETRIED_CLASSES: ReadonlySet<PanelErrorClass> = new Set(['rate_limit', 'transient']);

/** Reads the attempt log of a pending intent. Pure. */
export function reviewEarlierAttempts(attempts: readonly AttemptRecord[]): EarlierAttempts {
  const answered = attempts.find((attempt) => attempt.orderId !== undefined);
  if (answered?.orderId !== undefined) return { kind: 'placed', orderId: answered.orderId };
  if (attempts.some(mayHaveBeenProcessed)) return { kind: 'ambiguous' };

  const last = attempts.at(-1);
  if (
    last?.errorCode === ErrorCode.PanelRejected &&
    last.errorClass !== undefined &&
    !RETRIED_CLASSES.has(last.errorClass)
  ) {
    return { kind: 'rejected', errorClass: last.errorClass, message: last.excerpt ?? 'rejected' };
  }
  return { kind: 'clean' };
}

function mayHaveBeenProcessed(attempt: AttemptRecord): boolean {
  // Started and never ended: the worker stopped while the request may have been out.
  if (attempt.endedAt === undefined) return true;
  if (attempt.sendState === 'not_sent') return false;
  if (attempt.errorCode === ErrorCode.RateLimited) return false;
  if (attempt.errorCode === ErrorCode.PanelRejected) return false;
  // Cut off, timed out, an HTML page, broken JSON, or an error we cannot place.
  return true;
}
