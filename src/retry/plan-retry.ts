import { retryDelayMs } from './backoff.js';
import type { RetryVerdict } from './classify.js';
import type { RetryPolicy } from './retry-policy.js';

/**
 * Why a call stopped retrying and rejected:
 *
 * - `not_retryable`: the verdict was `permanent` or `unknown`;
 * - `max_attempts`: `maxAttempts` attempts were made;
 * - `retry_after_too_long`: the panel asked to wait longer than `maxRetryAfterMs`;
 * - `deadline`: the next wait would reach the call's deadline;
 * - `budget_exhausted`: the client's retry budget had no token left;
 * - `aborted`: the caller's signal fired.
 */
export type RetryStopReason =
  | 'not_retryable'
  | 'max_attempts'
  | 'retry_after_too_long'
  | 'deadline'
  | 'budget_exhausted'
  | 'aborted';

/** Retry after `delayMs`, or stop for `stopReason`. */
export type RetryPlan =
  | { retry: true; delayMs: number }
  | { retry: false; stopReason: RetryStopReason };

/** Inputs of {@link planRetry}. */
export interface PlanRetryInput {
  /** The classification of the attempt that just failed. */
  verdict: RetryVerdict;
  /** The number of that attempt, from 1. */
  attempt: number;
  /** The clock's time now (milliseconds). */
  nowMs: number;
  /** When the call's deadline falls, on the same clock (milliseconds). */
  deadlineAtMs: number;
  policy: RetryPolicy;
  /** A source of floats in [0, 1), drawn once when the verdict allows a retry. */
  random: () => number;
}

/**
 * Decides, from plain data, whether a failed attempt is followed by another one and after
 * which wait. The retry budget is not consulted here (it is state): the loop spends a token
 * only once this plan says to retry.
 *
 * A wait that would reach the deadline stops the call at once: waiting until the deadline
 * would leave the next attempt no time to run, and the caller learns the failure sooner.
 */
export function planRetry(input: PlanRetryInput): RetryPlan {
  const { verdict, policy } = input;
  if (verdict.decision !== 'retry') return stop('not_retryable');
  if (input.attempt >= policy.maxAttempts) return stop('max_attempts');

  const delayMs = retryDelayMs(verdict, {
    attempt: input.attempt,
    baseDelayMs: policy.baseDelayMs,
    maxDelayMs: policy.maxDelayMs,
    maxRetryAfterMs: policy.maxRetryAfterMs,
    random: input.random,
  });
  if (delayMs === undefined) return stop('retry_after_too_long');
  if (input.nowMs + delayMs >= input.deadlineAtMs) return stop('deadline');

  return { retry: true, delayMs };
}

function stop(stopReason: RetryStopReason): RetryPlan {
  return { retry: false, stopReason };
}
