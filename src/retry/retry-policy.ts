import { InvalidOptionsError } from '../errors/input-errors.js';
import { requireFiniteAtLeast } from './internal/require-finite.js';

/**
 * How one call retries. Every field is optional; {@link resolveRetryPolicy} fills the defaults
 * from {@link RETRY_POLICY_DEFAULTS} and validates the result.
 */
export interface RetryPolicyOptions {
  /**
   * The most attempts one call makes, the first included (so 4 means up to 3 retries).
   * Default: 4. One value serves reads and `add` alike: what makes `add` safe is the
   * classification (an order the panel may have processed is never sent again unless the
   * panel deduplicates it), not a smaller count, and the failures `add` does retry (not sent,
   * rate limited) are exactly as safe to repeat as a read.
   */
  maxAttempts?: number;
  /** The ceiling of the first backoff wait, in milliseconds; it doubles per retry. Default: 250. */
  baseDelayMs?: number;
  /** The largest backoff ceiling, in milliseconds. Default: 10_000. */
  maxDelayMs?: number;
  /**
   * The longest panel hint (`Retry-After`, rate-limit reset) worth waiting for, in
   * milliseconds. A longer hint, or one longer than the time left before the deadline, ends
   * the retries at once with the panel's error. Default: 60_000.
   */
  maxRetryAfterMs?: number;
  /**
   * One deadline for all attempts of one call, waits included, in milliseconds from the
   * start of the call. Each attempt's transport timeout is the time left. Default: 60_000.
   */
  deadlineMs?: number;
}

/** A policy with every field filled and checked. Build one with {@link resolveRetryPolicy}. */
export type RetryPolicy = Readonly<Required<RetryPolicyOptions>>;

/** The defaults of {@link RetryPolicyOptions}. */
export const RETRY_POLICY_DEFAULTS: RetryPolicy = Object.freeze({
  maxAttempts: 4,
  baseDelayMs: 250,
  maxDelayMs: 10_000,
  maxRetryAfterMs: 60_000,
  deadlineMs: 60_000,
});

/**
 * Fills the defaults and validates every field.
 *
 * @throws InvalidOptionsError naming the first invalid option: `maxAttempts` must be a whole
 * number >= 1, the delays finite numbers >= 0 with `maxDelayMs >= baseDelayMs`, and
 * `deadlineMs` a finite number > 0.
 */
export function resolveRetryPolicy(options: RetryPolicyOptions = {}): RetryPolicy {
  const policy: Required<RetryPolicyOptions> = {
    maxAttempts: options.maxAttempts ?? RETRY_POLICY_DEFAULTS.maxAttempts,
    baseDelayMs: options.baseDelayMs ?? RETRY_POLICY_DEFAULTS.baseDelayMs,
    maxDelayMs: options.maxDelayMs ?? RETRY_POLICY_DEFAULTS.maxDelayMs,
    maxRetryAfterMs: options.maxRetryAfterMs ?? RETRY_POLICY_DEFAULTS.maxRetryAfterMs,
    deadlineMs: options.deadlineMs ?? RETRY_POLICY_DEFAULTS.deadlineMs,
  };

  if (!Number.isSafeInteger(policy.maxAttempts) || policy.maxAttempts < 1) {
    throw new InvalidOptionsError(
      'maxAttempts',
      `must be a whole number >= 1, got ${String(policy.maxAttempts)}`,
    );
  }
  requireFiniteAtLeast('baseDelayMs', policy.baseDelayMs, 0);
  requireFiniteAtLeast('maxDelayMs', policy.maxDelayMs, 0);
  if (policy.maxDelayMs < policy.baseDelayMs) {
    throw new InvalidOptionsError('maxDelayMs', `must be >= baseDelayMs (${policy.baseDelayMs})`);
  }
  requireFiniteAtLeast('maxRetryAfterMs', policy.maxRetryAfterMs, 0);
  requireFiniteAtLeast('deadlineMs', policy.deadlineMs, 0);
  if (policy.deadlineMs === 0) {
    throw new InvalidOptionsError('deadlineMs', 'must be > 0');
  }

  return Object.freeze(policy);
}
