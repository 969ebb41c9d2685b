import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../src/internal/seeded-random.js';
import { computeBackoffMs, retryDelayMs } from '../../src/retry/backoff.js';
import type { RetryVerdict } from '../../src/retry/classify.js';

const RETRY: RetryVerdict = { decision: 'retry', reason: 'test' };

function hinted(retryAfterMs: number): RetryVerdict {
  return { decision: 'retry', retryAfterMs, reason: 'test' };
}

describe('seededRandom', () => {
  it('gives the published mulberry32 sequence, so seeded tests stay exact across releases', () => {
    const random = seededRandom(0);
    expect(random()).toBe(0.26642920868471265);
    expect(random()).toBe(0.0003297457005828619);
  });

  it('gives the same sequence for the same seed and another for another seed', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const c = seededRandom(43);
    const first = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(first);
    expect([c(), c(), c()]).not.toEqual(first);
    for (const value of first) expect(value >= 0 && value < 1).toBe(true);
  });
});

describe('computeBackoffMs', () => {
  it('draws uniformly under a doubling ceiling, capped, floored to whole milliseconds', () => {
    const random = seededRandom(7);
    const delays = [1, 2, 3, 4, 5, 6, 7].map((attempt) =>
      computeBackoffMs({ attempt, baseDelayMs: 250, maxDelayMs: 10_000, random }),
    );
    expect(delays).toEqual([2, 30, 976, 1398, 2085, 3244, 4662]);
  });

  it('uses the ceiling min(maxDelayMs, baseDelayMs * 2^(attempt-1))', () => {
    const half = () => 0.5;
    const ceilings = [1, 2, 3, 4, 5, 6, 7, 8].map(
      (attempt) =>
        computeBackoffMs({ attempt, baseDelayMs: 250, maxDelayMs: 10_000, random: half }) * 2,
    );
    expect(ceilings).toEqual([250, 500, 1000, 2000, 4000, 8000, 10_000, 10_000]);
  });

  it('stays within [0, ceiling] whatever the random source returns', () => {
    const input = { attempt: 3, baseDelayMs: 100, maxDelayMs: 1000 };
    expect(computeBackoffMs({ ...input, random: () => 0 })).toBe(0);
    expect(computeBackoffMs({ ...input, random: () => 0.999999 })).toBe(399);
    expect(computeBackoffMs({ ...input, random: () => 1 })).toBe(400);
    expect(computeBackoffMs({ ...input, random: () => 7 })).toBe(400);
    expect(computeBackoffMs({ ...input, random: () => -1 })).toBe(0);
    expect(computeBackoffMs({ ...input, random: () => Number.NaN })).toBe(0);
  });

  it('keeps the cap for absurd attempt numbers', () => {
    expect(
      computeBackoffMs({ attempt: 5000, baseDelayMs: 250, maxDelayMs: 10_000, random: () => 0.5 }),
    ).toBe(5000);
  });
});

describe('retryDelayMs', () => {
  const base = { attempt: 1, baseDelayMs: 250, maxDelayMs: 10_000, maxRetryAfterMs: 60_000 };

  it('is the jittered backoff when the panel gave no hint', () => {
    expect(retryDelayMs(RETRY, { ...base, attempt: 2, random: () => 0.5 })).toBe(250);
  });

  it('waits exactly the hint when it is longer than the jittered backoff', () => {
    expect(retryDelayMs(hinted(2000), { ...base, random: () => 0.5 })).toBe(2000);
  });

  it('keeps the longer jittered backoff when the hint is shorter', () => {
    expect(retryDelayMs(hinted(1), { ...base, attempt: 6, random: () => 0.5 })).toBe(4000);
  });

  it('rounds a fractional hint up, never waiting less than asked', () => {
    expect(retryDelayMs(hinted(1500.2), { ...base, random: () => 0 })).toBe(1501);
  });

  it('gives up (undefined) when the hint exceeds maxRetryAfterMs, and accepts one equal to it', () => {
    expect(retryDelayMs(hinted(60_001), { ...base, random: () => 0 })).toBeUndefined();
    expect(retryDelayMs(hinted(60_000), { ...base, random: () => 0 })).toBe(60_000);
  });

  it('ignores a hint that is not a finite, non-negative number', () => {
    for (const bad of [Number.NaN, -5, Number.POSITIVE_INFINITY]) {
      expect(retryDelayMs(hinted(bad), { ...base, random: () => 0.5 })).toBe(125);
    }
  });

  it('draws from the random source exactly once, hint or not', () => {
    let draws = 0;
    const counting = () => {
      draws += 1;
      return 0.5;
    };
    retryDelayMs(RETRY, { ...base, random: counting });
    retryDelayMs(hinted(3000), { ...base, random: counting });
    retryDelayMs(hinted(90_000), { ...base, random: counting });
    expect(draws).toBe(3);
  });
});
