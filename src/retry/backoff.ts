import type { RetryVerdict } from './classify.js';

/** Inputs of {@link computeBackoffMs}. */
export interface BackoffInput {
  /** The number of the attempt that just failed, from 1. */
  attempt: number;
  /** The ceiling of the first wait (milliseconds). */
  baseDelayMs: number;
  /** The largest ceiling any wait may have (milliseconds). */
  maxDelayMs: number;
  /** A source of floats in [0, 1), such as `Math.random` or a seeded generator. */
  random: () => number;
}

/**
 * The wait before the next attempt, with full jitter: a uniform draw between zero and an
 * exponentially growing, capped ceiling, `random() * min(maxDelayMs, baseDelayMs * 2^(attempt-1))`,
 * floored to whole milliseconds. Full jitter spreads clients that failed together across the
 * whole window, so a recovering panel is not hit by all of them at once.
 *
 * Calls `random` exactly once.
 */
export function computeBackoffMs(input: BackoffInput): number {
  const exponent = Math.max(0, input.attempt - 1);
  // 2 ** exponent may reach Infinity for absurd attempt numbers; min() still caps it.
  const ceilingMs = Math.min(input.maxDelayMs, input.baseDelayMs * 2 ** exponent);
  const draw = clampUnit(input.random());
  return Math.floor(draw * ceilingMs);
}

/** Inputs of {@link retryDelayMs}, besides the verdict. */
export interface RetryDelayInput extends BackoffInput {
  /** The longest panel hint (`Retry-After`) worth waiting for (milliseconds). */
  maxRetryAfterMs: number;
}

/**
 * The wait before retrying after `verdict`, or `undefined` when the panel asked for a longer
 * wait than `maxRetryAfterMs`: the retries then end at once with the error, rather than
 * holding the caller for minutes.
 *
 * With a hint, the wait is `max(hint, jittered backoff)`: never sooner than the panel asked,
 * and a panel that keeps answering "Retry-After: 1" while it is down still gets the growing
 * backoff. A hint that is not a finite number of milliseconds at least zero is ignored.
 *
 * Calls `random` exactly once, hint or not, so a seeded sequence stays reproducible.
 */
export function retryDelayMs(verdict: RetryVerdict, input: RetryDelayInput): number | undefined {
  const jitteredMs = computeBackoffMs(input);
  const hintMs = verdict.decision === 'retry' ? verdict.retryAfterMs : undefined;
  if (hintMs === undefined || !Number.isFinite(hintMs) || hintMs < 0) return jitteredMs;

  if (hintMs > input.maxRetryAfterMs) return undefined;
  return Math.max(Math.ceil(hintMs), jitteredMs);
}

// A random source that returns 1 (or more) would otherwise produce a wait above the ceiling.
function clampUnit(value: number): number {
  if (!(value > 0)) return 0;
  return Math.min(value, 1);
}
