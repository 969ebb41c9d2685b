import { describe, expect, it } from 'vitest';
import { RETRY_POLICY_DEFAULTS, resolveRetryPolicy } from '../../src/retry/retry-policy.js';

describe('resolveRetryPolicy', () => {
  it('fills the documented defaults into a frozen policy', () => {
    const policy = resolveRetryPolicy();
    expect(policy).toEqual({
      maxAttempts: 4,
      baseDelayMs: 250,
      maxDelayMs: 10_000,
      maxRetryAfterMs: 60_000,
      deadlineMs: 60_000,
    });
    expect(Object.isFrozen(policy)).toBe(true);
    expect(Object.isFrozen(RETRY_POLICY_DEFAULTS)).toBe(true);
  });

  it('keeps the options given and defaults the rest', () => {
    expect(resolveRetryPolicy({ maxAttempts: 1, deadlineMs: 5000 })).toEqual({
      ...RETRY_POLICY_DEFAULTS,
      maxAttempts: 1,
      deadlineMs: 5000,
    });
  });

  it.each([
    ['maxAttempts', { maxAttempts: 0 }],
    ['maxAttempts', { maxAttempts: 2.5 }],
    ['baseDelayMs', { baseDelayMs: -1 }],
    ['maxDelayMs', { maxDelayMs: Number.POSITIVE_INFINITY }],
    ['maxDelayMs', { baseDelayMs: 500, maxDelayMs: 100 }],
    ['maxRetryAfterMs', { maxRetryAfterMs: Number.NaN }],
    ['deadlineMs', { deadlineMs: 0 }],
    ['deadlineMs', { deadlineMs: '1000' as unknown as number }],
  ])('refuses an invalid %s, naming it', (option, options) => {
    expect(() => resolveRetryPolicy(options)).toThrow(
      expect.objectContaining({ code: 'SMM_INVALID_OPTIONS', option }),
    );
  });
});
