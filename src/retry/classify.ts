import { type PanelAction, READ_ACTIONS } from '../api/actions.js';
import { ErrorCode } from '../errors/codes.js';
import {
  isInvalidResponseError,
  isPanelRejectedError,
  isPanelUnavailableError,
  isRateLimitedError,
  isSmmPanelError,
  isTransportError,
} from '../errors/guards.js';

/** What {@link classify} needs to know about one failed attempt. */
export interface ClassifyInput {
  /**
   * The action that was sent. Reads (`services`, `status`, `balance`, `refill_status`) retry
   * freely.
   */
  action: PanelAction;
  /** Whatever the attempt threw. */
  error: unknown;
  /**
   * True when the panel deduplicates this very request by the idempotency key it carries, so
   * sending it again returns the first result instead of acting twice. Pass true only for an
   * action whose request carries the key (the client sends it on `add`).
   */
  hasServerIdempotency: boolean;
  /**
   * DANGER: true turns an ambiguous write (the panel may have processed it) into a retry, even
   * though the panel does not deduplicate. Every such retry can buy the order a second time.
   * Meant only for panels known to refuse a second identical order. A caller's abort is still
   * never retried. Default: false.
   */
  dangerouslyRetryAmbiguousOrders?: boolean;
}

/**
 * What to do after a failed attempt (a success needs no classification: the loop returns it).
 *
 * - `retry`: nothing was processed, or processing it twice is harmless; `retryAfterMs` is the
 *   panel's hint, when it gave one.
 * - `permanent`: stop; the same request would fail the same way (or the caller asked to stop).
 * - `unknown`: stop; a write may or may not have been processed. For `add` the intent becomes
 *   `unknown` in the ledger and the reconciler settles it.
 */
export type RetryVerdict =
  | { decision: 'retry'; retryAfterMs?: number; reason: string }
  | { decision: 'permanent'; reason: string }
  | { decision: 'unknown'; reason: string };

/** True when the verdict says a write may or may not have been processed. */
export function isOutcomeUnknown(verdict: RetryVerdict): boolean {
  return verdict.decision === 'unknown';
}

/**
 * True when a write that failed with `error` may have been processed by the panel: the
 * request may have arrived and no trustworthy answer says it did not. A call to `add` that
 * stops for any reason (a verdict, the deadline, the budget, the caller's abort) has an
 * unknown outcome if this holds for any of its attempts, even when the panel dedupes by key
 * and the last verdict was `retry`.
 */
export function mayHaveBeenProcessed(error: unknown): boolean {
  return classify({ action: 'add', error, hasServerIdempotency: false }).decision === 'unknown';
}

// Transport codes where the panel (or something in front of it) answered in a way that sending
// again would only repeat: a redirect is never followed, an oversize body stays oversize.
const REPEATING_ANSWER_CODES: ReadonlySet<string> = new Set([
  ErrorCode.ResponseTooLarge,
  ErrorCode.RedirectRefused,
]);

/**
 * Decides whether a failed attempt may be sent again, from the send state and the kind of
 * answer, never from message text. Pure: the same input always gives the same verdict.
 *
 * Reads follow the "reads" column of docs/design.md's send-state table; every other action (`add`,
 * and the writes `refill` and `cancel`) follows the `add` column: a write the panel may have
 * processed is not sent again unless the panel deduplicates it by key.
 */
export function classify(input: ClassifyInput): RetryVerdict {
  const { error } = input;
  const isRead = READ_ACTIONS.has(input.action);

  if (isTransportError(error)) {
    // The caller's own abort means "stop", whatever the send state. A write that may have gone
    // out is still ambiguous, so it is reported as unknown rather than as a clean failure.
    if (error.code === ErrorCode.Aborted) {
      if (isRead || error.sendState === 'not_sent') {
        return permanent('aborted by the caller');
      }
      return unknown('aborted by the caller after the request may have been written');
    }

    // A redirect or an oversize body is an answer, and the panel may have acted before giving
    // it (PHP panels often redirect after handling a POST). Sending again would get the same
    // answer, so even a deduplicating panel gains nothing from a retry: the reconciler (which
    // can replay the key on such a panel) settles a write instead.
    if (REPEATING_ANSWER_CODES.has(error.code)) {
      if (isRead) return permanent(`${error.code}: the same request would get the same answer`);
      return unknown(`${error.code}: answered, processing unknown; a retry would repeat it`);
    }

    if (error.sendState === 'not_sent') {
      return retry('not sent: the panel never received the request');
    }

    // `maybe_sent` (reset or timeout after writing) and `answered` with no usable answer (a body
    // that stalled or broke mid-way) are the same for us: the panel may have processed it.
    return ambiguous(input, isRead, `${error.code} (${error.sendState}): the panel may have it`);
  }

  if (isRateLimitedError(error)) {
    // 429, or 503 with a clear "try later": answered and not processed, so even `add` is safe.
    return retry('rate limited: answered, not processed', error.retryAfterMs);
  }

  if (isPanelUnavailableError(error)) {
    return ambiguous(
      input,
      isRead,
      `panel unavailable (${error.reason}): processing unknown`,
      error.retryAfterMs,
    );
  }

  if (isInvalidResponseError(error)) {
    // JSON of the wrong shape (an `add` answered without an order id) proves nothing either way.
    return ambiguous(input, isRead, 'answer of an unexpected shape: processing unknown');
  }

  if (isPanelRejectedError(error)) {
    switch (error.errorClass) {
      case 'rate_limit':
        return retry('panel error text says too many requests');
      case 'transient':
        // The panel answered `{"error": ...}` with a text that asks to try again ("Something
        // went wrong, please try again", "Could not charge your balance, please try again"):
        // it says it did not complete the request, so sending it again is what it asks for,
        // for `add` too. The risk: a panel that created the order and then failed a later
        // step with such a text would get a second order. The texts are matched by the
        // panel profile's rules, which should only call `transient` what a panel says before
        // it creates anything.
        return retry('panel error text says to try again');
      case 'unknown':
        // A text no rule matched: never retried automatically; the raw text stays on the error.
        return permanent('panel error text not recognised: not retried');
      default:
        return permanent(`panel rejected the request (${error.errorClass})`);
    }
  }

  if (isSmmPanelError(error)) {
    // The SDK's own refusals (invalid input, a held lease, a spent budget, a ledger failure)
    // are raised around the send, not from a panel's answer: nothing to gain from repeating.
    return permanent(`${error.code}: not a failure of the panel`);
  }

  // Anything else is a programming error. Repeating it is pointless, so a read fails for good.
  // A write is reported as unknown instead of permanent: the error may have been thrown after
  // the request went out (while reading the answer, say), and calling that a clean failure
  // would let the ledger say "nothing was bought" when something may have been.
  if (isRead) return permanent('unexpected error (not an SDK error)');
  return unknown('unexpected error (not an SDK error) after the request may have been sent');
}

/** The verdict for a failure the panel may have processed: see the `add` column of the table. */
function ambiguous(
  input: ClassifyInput,
  isRead: boolean,
  reason: string,
  retryAfterMs?: number,
): RetryVerdict {
  if (isRead) return retry(reason, retryAfterMs);
  if (input.hasServerIdempotency) {
    return retry(`${reason}; the panel deduplicates by key`, retryAfterMs);
  }
  if (input.dangerouslyRetryAmbiguousOrders === true) {
    return retry(`${reason}; retried anyway (dangerouslyRetryAmbiguousOrders)`, retryAfterMs);
  }
  return unknown(reason);
}

function retry(reason: string, retryAfterMs?: number): RetryVerdict {
  return retryAfterMs === undefined
    ? { decision: 'retry', reason }
    : { decision: 'retry', retryAfterMs, reason };
}

function permanent(reason: string): RetryVerdict {
  return { decision: 'permanent', reason };
}

function unknown(reason: string): RetryVerdict {
  return { decision: 'unknown', reason };
}
