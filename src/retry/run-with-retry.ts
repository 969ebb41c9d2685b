import { setTimeout as sleepTimer } from 'node:timers/promises';
import pRetry, { type RetryContext } from 'p-retry';
import type { PanelAction } from '../api/actions.js';
import { ErrorCode } from '../errors/codes.js';
import { RetryBudgetExhaustedError } from '../errors/order-errors.js';
import { TransportError } from '../errors/transport-error.js';
import { classify, type RetryVerdict } from './classify.js';
import { planRetry, type RetryStopReason } from './plan-retry.js';
import type { RetryBudget } from './retry-budget.js';
import type { RetryPolicy } from './retry-policy.js';

/** What one attempt receives. */
export interface AttemptContext {
  /** The number of this attempt, from 1. */
  attempt: number;
  /** The time left before the call's deadline (milliseconds): the transport's timeout. */
  timeoutMs: number;
  /** The caller's signal, to pass to the transport. */
  signal?: AbortSignal;
}

/** What `onRetry` receives, before the wait. */
export interface RetryInfo {
  /** The number of the attempt that failed, from 1. */
  attempt: number;
  /** The wait before the next attempt (milliseconds). */
  delayMs: number;
  error: unknown;
  verdict: RetryVerdict;
}

/** What `onGiveUp` receives, just before the call rejects. */
export interface GiveUpInfo {
  /** The number of the last attempt made, from 1. */
  attempt: number;
  /** The last attempt's error (the call rejects with it, or with a budget error wrapping it). */
  error: unknown;
  /** The verdict on that error. `retry` here means a limit stopped the call, not the error. */
  verdict: RetryVerdict;
  stopReason: RetryStopReason;
}

/** Options of {@link runWithRetry}. Every field without a default is required. */
export interface RunWithRetryOptions {
  /** The action the attempts send. */
  action: PanelAction;
  /** Whether the panel deduplicates this request by key (see `ClassifyInput`). */
  hasServerIdempotency: boolean;
  /** DANGER: retry writes the panel may have processed (see `ClassifyInput`). Default: false. */
  dangerouslyRetryAmbiguousOrders?: boolean;
  /** A policy from `resolveRetryPolicy`. */
  policy: RetryPolicy;
  /** The client's shared retry budget. */
  budget: RetryBudget;
  /** The caller's signal: it is handed to each attempt and also cuts a wait short. */
  signal?: AbortSignal;
  /** The clock the deadline is measured on (milliseconds). */
  clock: { now(): number };
  /** A source of floats in [0, 1) for the jitter. */
  random: () => number;
  /** Waits `ms`, rejecting when `signal` aborts. Default: a real timer (`node:timers/promises`). */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Called before each wait. An exception thrown here is ignored. Default: none. */
  onRetry?: (info: RetryInfo) => void;
  /**
   * Called once when the call stops after a failed attempt. Exceptions are ignored.
   * Default: none.
   */
  onGiveUp?: (info: GiveUpInfo) => void;
}

// Every failure reaches p-retry wrapped in this class. p-retry has rules of its own that must
// not decide anything for a paid order: a non-Error thrown is turned into a TypeError, a plain
// TypeError is never retried, and `TypeError('fetch failed')` is treated as a network error.
// None of them applies to this class, so only our shouldRetry decides.
class AttemptFailure extends Error {
  readonly original: unknown;

  constructor(original: unknown) {
    super('attempt failed');
    this.name = 'AttemptFailure';
    this.original = original;
  }
}

/**
 * Runs `attempt` until it succeeds or the retry rules say stop, and resolves with its result.
 *
 * The first attempt runs directly; after a failure that may be retried, the loop is p-retry's,
 * with its own delays set to zero: our `onFailedAttempt` classifies the failure
 * ({@link classify}), plans the wait ({@link planRetry}: full jitter, `Retry-After`, attempts,
 * deadline), spends a budget token and waits; our `shouldRetry` then only reports that
 * decision. p-retry awaits `onFailedAttempt` before it consults `shouldRetry` (checked
 * in p-retry 7.1.1's source), so nothing is waited for on a failure that will not be retried.
 *
 * Rejects with the last attempt's own error, never a wrapper, except:
 * - a retry the budget cannot pay for rejects with `RetryBudgetExhaustedError` (`cause`: the
 *   last error);
 * - a signal already aborted before the first attempt rejects with a `TransportError`
 *   `SMM_ABORTED` (`sendState: 'not_sent'`) and nothing is sent.
 *
 * An abort during a wait rejects at once with the last attempt's error: nothing new was
 * sent, and that error says what is known about the last request (for `add`, whether it may
 * have been processed). An abort during an attempt is the transport's to report.
 *
 * A success refills the budget. The caller's signal is deliberately not given to p-retry: it
 * would discard a result that arrived just as the signal fired, and a placed order must never
 * be reported as aborted.
 */
export async function runWithRetry<T>(
  attempt: (context: AttemptContext) => Promise<T>,
  options: RunWithRetryOptions,
): Promise<T> {
  const { policy, budget, clock, signal } = options;
  const sleep = options.sleep ?? defaultSleep;
  const deadlineAtMs = clock.now() + policy.deadlineMs;
  let rejection: { error: unknown } | undefined;
  // Read through a call: the hooks set `rejection`, which the compiler cannot see.
  const stopped = (): { error: unknown } | undefined => rejection;

  if (signal?.aborted) {
    throw new TransportError(
      ErrorCode.Aborted,
      `Aborted before ${options.action} was sent`,
      { sendState: 'not_sent', action: options.action },
      { cause: signal.reason },
    );
  }

  const runAttempt = async (attemptNumber: number): Promise<T> => {
    const timeoutMs = Math.max(0, deadlineAtMs - clock.now());
    try {
      return await attempt({ attempt: attemptNumber, timeoutMs, signal });
    } catch (error) {
      throw new AttemptFailure(error);
    }
  };

  const onFailedAttempt = async (context: FailedAttempt): Promise<void> => {
    const error = unwrap(context.error);
    const attemptNumber = context.attemptNumber;
    const verdict = classify({
      action: options.action,
      error,
      hasServerIdempotency: options.hasServerIdempotency,
      dangerouslyRetryAmbiguousOrders: options.dangerouslyRetryAmbiguousOrders === true,
    });
    const giveUp = (stopReason: RetryStopReason, rejectWith: unknown = error): void => {
      rejection = { error: rejectWith };
      notify(options.onGiveUp, { attempt: attemptNumber, error, verdict, stopReason });
    };

    if (signal?.aborted) return giveUp('aborted');
    const plan = planRetry({
      verdict,
      attempt: attemptNumber,
      nowMs: clock.now(),
      deadlineAtMs,
      policy,
      random: options.random,
    });
    if (!plan.retry) return giveUp(plan.stopReason);
    if (!budget.tryAcquire()) {
      return giveUp('budget_exhausted', new RetryBudgetExhaustedError({ cause: error }));
    }

    notify(options.onRetry, { attempt: attemptNumber, delayMs: plan.delayMs, error, verdict });
    try {
      await sleep(plan.delayMs, signal);
    } catch (sleepError) {
      // Only an abort may end a wait early; any other failure of the timer is not ours to hide.
      if (signal?.aborted) return giveUp('aborted');
      throw sleepError;
    }
    if (signal?.aborted) return giveUp('aborted');
    if (clock.now() >= deadlineAtMs) return giveUp('deadline');
  };

  // Most calls succeed at once, so the first attempt runs here and p-retry's loop is entered
  // only after a failure that may be retried: setting it up cost about as much as all the rest
  // of a one-order status call's own work (docs/benchmarks.md). The failure goes through the
  // same onFailedAttempt (verdict, plan, budget, wait) that p-retry would have called.
  try {
    const result = await runAttempt(1);
    budget.recordSuccess();
    return result;
  } catch (failure) {
    await onFailedAttempt({ error: failure, attemptNumber: 1 });
    const stop = stopped();
    if (stop !== undefined) throw stop.error;
  }

  try {
    const result = await pRetry((count) => runAttempt(count + 1), {
      // More than we ever use: our plan stops at maxAttempts, p-retry's count never does.
      retries: policy.maxAttempts,
      factor: 1,
      minTimeout: 0,
      maxTimeout: 0,
      randomize: false,
      onFailedAttempt: (context: RetryContext) =>
        onFailedAttempt({ error: context.error, attemptNumber: context.attemptNumber + 1 }),
      shouldRetry: () => stopped() === undefined,
    });
    budget.recordSuccess();
    return result;
  } catch (error) {
    const stop = stopped();
    if (stop !== undefined) throw stop.error;
    throw unwrap(error);
  }
}

/** What onFailedAttempt reads of a failure: the wrapped error and the attempt's number. */
interface FailedAttempt {
  error: unknown;
  attemptNumber: number;
}

function unwrap(error: unknown): unknown {
  return error instanceof AttemptFailure ? error.original : error;
}

// Hooks observe; a bug in one must not change whether an order is retried or what the caller
// is told, so their exceptions are dropped here.
function notify<I>(hook: ((info: I) => void) | undefined, info: I): void {
  if (hook === undefined) return;
  try {
    hook(info);
  } catch {
    // Deliberately ignored: see above.
  }
}

function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return sleepTimer(ms, undefined, signal === undefined ? undefined : { signal });
}
