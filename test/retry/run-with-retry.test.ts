import { describe, expect, it } from 'vitest';
import type { PanelAction } from '../../src/api/actions.js';
import { seededRandom } from '../../src/internal/seeded-random.js';
import { RetryBudget } from '../../src/retry/retry-budget.js';
import { type RetryPolicyOptions, resolveRetryPolicy } from '../../src/retry/retry-policy.js';
import {
  type AttemptContext,
  type GiveUpInfo,
  type RetryInfo,
  type RunWithRetryOptions,
  runWithRetry,
} from '../../src/retry/run-with-retry.js';
import { maybeSent, notSent, rateLimited, transportFailure } from './failures.js';

const START_MS = 1_700_000_000_000;

/** A fake clock whose sleeps are recorded and advance the time, and an attempt script. */
function harness(options: {
  action?: PanelAction;
  hasServerIdempotency?: boolean;
  policy?: RetryPolicyOptions;
  budget?: RetryBudget;
  random?: () => number;
  signal?: AbortSignal;
  sleep?: RunWithRetryOptions['sleep'];
}) {
  let nowMs = START_MS;
  const sleeps: number[] = [];
  const contexts: AttemptContext[] = [];
  const retries: RetryInfo[] = [];
  const giveUps: GiveUpInfo[] = [];
  const runOptions: RunWithRetryOptions = {
    action: options.action ?? 'status',
    hasServerIdempotency: options.hasServerIdempotency ?? false,
    policy: resolveRetryPolicy(options.policy),
    budget: options.budget ?? new RetryBudget(),
    clock: { now: () => nowMs },
    random: options.random ?? (() => 0.5),
    sleep:
      options.sleep ??
      (async (ms) => {
        sleeps.push(ms);
        nowMs += ms;
      }),
    onRetry: (info) => retries.push(info),
    onGiveUp: (info) => giveUps.push(info),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  };

  /** Runs an attempt that throws each error of `script` in turn, then returns `result`. */
  function run<T>(script: unknown[], result?: T, costMs = 0) {
    const attempt = async (context: AttemptContext): Promise<T | undefined> => {
      contexts.push(context);
      nowMs += Math.min(costMs, context.timeoutMs);
      const step = script[context.attempt - 1];
      if (context.attempt <= script.length) throw step;
      return result;
    };
    return runWithRetry(attempt, runOptions);
  }

  return {
    run,
    sleeps,
    contexts,
    retries,
    giveUps,
    elapsedMs: () => nowMs - START_MS,
  };
}

async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

describe('runWithRetry', () => {
  it('returns a valid answer after one attempt, without waiting, and refills the budget', async () => {
    const budget = new RetryBudget();
    budget.tryAcquire();
    const h = harness({ budget });
    await expect(h.run([], 'ok')).resolves.toBe('ok');
    expect(h.contexts.map((c) => c.attempt)).toEqual([1]);
    expect(h.sleeps).toEqual([]);
    expect(budget.available).toBe(9.1);
  });

  it('waits the exact full-jitter delays of a seeded sequence between attempts', async () => {
    const h = harness({
      random: seededRandom(7),
      policy: { baseDelayMs: 100, maxDelayMs: 1000, deadlineMs: 60_000 },
    });
    await expect(h.run([notSent(), notSent(), notSent()], 'ok')).resolves.toBe('ok');
    expect(h.sleeps).toEqual([1, 12, 390]);
    expect(h.contexts.map((c) => c.timeoutMs)).toEqual([60_000, 59_999, 59_987, 59_597]);
    expect(h.retries.map((r) => [r.attempt, r.delayMs, r.verdict.decision])).toEqual([
      [1, 1, 'retry'],
      [2, 12, 'retry'],
      [3, 390, 'retry'],
    ]);
  });

  it('honours Retry-After exactly', async () => {
    const h = harness({ random: () => 0.5 });
    await expect(h.run([rateLimited(2000, 'status')], 'ok')).resolves.toBe('ok');
    expect(h.sleeps).toEqual([2000]);
  });

  it('ends at once with the panel’s error when Retry-After is longer than the time left', async () => {
    const error = rateLimited(10_000, 'status');
    const h = harness({ policy: { deadlineMs: 5000 } });
    await expect(h.run([error], 'ok')).rejects.toBe(error);
    expect(h.contexts).toHaveLength(1);
    expect(h.sleeps).toEqual([]);
    expect(h.giveUps.map((g) => g.stopReason)).toEqual(['deadline']);
  });

  it('ends at once when Retry-After exceeds maxRetryAfterMs', async () => {
    const error = rateLimited(90_000, 'status');
    const h = harness({ policy: { deadlineMs: 600_000 } });
    await expect(h.run([error], 'ok')).rejects.toBe(error);
    expect(h.contexts).toHaveLength(1);
    expect(h.giveUps.map((g) => g.stopReason)).toEqual(['retry_after_too_long']);
  });

  it('stops at the deadline with the last error, giving each attempt only the time left', async () => {
    const errors = [maybeSent('status'), maybeSent('status'), maybeSent('status'), notSent()];
    const h = harness({ policy: { maxAttempts: 10, deadlineMs: 10_000 }, random: () => 0.5 });
    await expect(h.run(errors, 'ok', 4000)).rejects.toBe(errors[2]);
    expect(h.contexts.map((c) => c.timeoutMs)).toEqual([10_000, 5875, 1625]);
    expect(h.sleeps).toEqual([125, 250]);
    expect(h.elapsedMs()).toBe(10_000);
    expect(h.giveUps.map((g) => g.stopReason)).toEqual(['deadline']);
  });

  it('rejects with the original error of the last attempt after maxAttempts', async () => {
    const errors = [notSent(), notSent(), notSent(), notSent(), notSent()];
    const h = harness({ policy: { maxAttempts: 4 } });
    const thrown = await rejectionOf(h.run(errors, 'ok'));
    expect(thrown).toBe(errors[3]);
    expect(h.contexts).toHaveLength(4);
    expect(h.giveUps).toEqual([
      expect.objectContaining({ attempt: 4, error: errors[3], stopReason: 'max_attempts' }),
    ]);
  });

  it('gives up with RetryBudgetExhaustedError after exactly as many retries as tokens', async () => {
    const budget = new RetryBudget({ capacity: 2 });
    const errors = Array.from({ length: 10 }, () => notSent('status'));
    const h = harness({ budget, policy: { maxAttempts: 10 } });
    const thrown = await rejectionOf(h.run(errors, 'ok'));
    expect(thrown).toMatchObject({ code: 'SMM_RETRY_BUDGET_EXHAUSTED' });
    expect((thrown as Error).cause).toBe(errors[2]);
    expect(h.contexts).toHaveLength(3);
    expect(h.sleeps).toHaveLength(2);
    expect(h.giveUps.map((g) => g.stopReason)).toEqual(['budget_exhausted']);
  });

  it('lets successes refill the budget: ten successes pay for one more retry', async () => {
    const budget = new RetryBudget({ capacity: 2 });
    budget.tryAcquire();
    budget.tryAcquire();
    const h = harness({ budget, policy: { maxAttempts: 10 } });
    for (let i = 0; i < 10; i += 1) await h.run([], 'ok');
    const errors = Array.from({ length: 10 }, () => notSent('status'));
    const thrown = await rejectionOf(h.run(errors, 'ok'));
    expect(thrown).toMatchObject({ code: 'SMM_RETRY_BUDGET_EXHAUSTED', cause: errors[1] });
    expect(h.contexts).toHaveLength(10 + 2);
  });

  it('tries an add that may have been sent exactly once when the panel does not dedupe', async () => {
    const error = maybeSent('add');
    const h = harness({ action: 'add', hasServerIdempotency: false });
    await expect(h.run([error], { order: '1' })).rejects.toBe(error);
    expect(h.contexts).toHaveLength(1);
    expect(h.giveUps).toEqual([
      expect.objectContaining({
        stopReason: 'not_retryable',
        verdict: expect.objectContaining({ decision: 'unknown' }),
      }),
    ]);
  });

  it('retries an add that may have been sent when the panel dedupes by key', async () => {
    const h = harness({ action: 'add', hasServerIdempotency: true });
    await expect(h.run([maybeSent('add')], { order: '1' })).resolves.toEqual({ order: '1' });
    expect(h.contexts).toHaveLength(2);
  });

  it('rejects before sending anything when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const h = harness({ signal: controller.signal });
    await expect(h.run([], 'ok')).rejects.toMatchObject({
      code: 'SMM_ABORTED',
      sendState: 'not_sent',
    });
    expect(h.contexts).toHaveLength(0);
  });

  it('stops promptly with the last error when the caller aborts during a wait', async () => {
    const controller = new AbortController();
    const error = notSent('status');
    const h = harness({
      signal: controller.signal,
      sleep: (_ms, signal) =>
        new Promise((_resolve, reject) => {
          signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
        }),
    });
    const pending = h.run([error], 'ok');
    await Promise.resolve();
    controller.abort();
    await expect(pending).rejects.toBe(error);
    expect(h.contexts).toHaveLength(1);
    expect(h.giveUps.map((g) => g.stopReason)).toEqual(['aborted']);
  });

  it('cuts the default timer short on abort, even for a long wait', async () => {
    const controller = new AbortController();
    const error = notSent('status');
    const attempts: number[] = [];
    const started = performance.now();
    const pending = runWithRetry(
      async ({ attempt }) => {
        attempts.push(attempt);
        throw error;
      },
      {
        action: 'status',
        hasServerIdempotency: false,
        policy: resolveRetryPolicy({
          baseDelayMs: 50_000,
          maxDelayMs: 50_000,
          deadlineMs: 120_000,
        }),
        budget: new RetryBudget(),
        clock: { now: () => 0 },
        random: () => 0.9,
        signal: controller.signal,
        onRetry: () => queueMicrotask(() => controller.abort()),
      },
    );
    await expect(pending).rejects.toBe(error);
    expect(attempts).toEqual([1]);
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('returns a result that arrives just as the caller aborts', async () => {
    const controller = new AbortController();
    const result = await runWithRetry(
      async () => {
        controller.abort();
        return { order: '7' };
      },
      {
        action: 'add',
        hasServerIdempotency: false,
        policy: resolveRetryPolicy(),
        budget: new RetryBudget(),
        clock: { now: () => 0 },
        random: () => 0,
        signal: controller.signal,
      },
    );
    expect(result).toEqual({ order: '7' });
    expect(controller.signal.aborted).toBe(true);
  });

  it('does not retry when the caller aborted during an attempt that failed retryably', async () => {
    const controller = new AbortController();
    const error = notSent('status');
    const giveUps: GiveUpInfo[] = [];
    const pending = runWithRetry(
      async () => {
        controller.abort();
        throw error;
      },
      {
        action: 'status',
        hasServerIdempotency: false,
        policy: resolveRetryPolicy(),
        budget: new RetryBudget(),
        clock: { now: () => 0 },
        random: () => 0,
        signal: controller.signal,
        onGiveUp: (info) => giveUps.push(info),
      },
    );
    await expect(pending).rejects.toBe(error);
    expect(giveUps.map((g) => g.stopReason)).toEqual(['aborted']);
  });

  it('hands the caller’s signal to every attempt', async () => {
    const controller = new AbortController();
    const h = harness({ signal: controller.signal });
    await h.run([notSent('status')], 'ok');
    expect(h.contexts.map((c) => c.signal)).toEqual([controller.signal, controller.signal]);
  });

  describe('keeps p-retry’s own rules out of the decision', () => {
    it('does not retry TypeError("fetch failed"), which p-retry counts as a network error', async () => {
      const error = new TypeError('fetch failed');
      const h = harness({});
      await expect(h.run([error, error], 'ok')).rejects.toBe(error);
      expect(h.contexts).toHaveLength(1);
    });

    it('does not retry a plain Error with a network code, which p-retry would retry', async () => {
      const error = Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
      const h = harness({ action: 'add' });
      await expect(h.run([error, error], 'ok')).rejects.toBe(error);
      expect(h.contexts).toHaveLength(1);
    });

    it('rejects with a thrown non-Error value itself, not p-retry’s TypeError', async () => {
      const h = harness({});
      await expect(h.run(['a string'], 'ok')).rejects.toBe('a string');
      expect(h.contexts).toHaveLength(1);
    });

    it('retries a retryable SDK error even when it is a TypeError, which p-retry would not', async () => {
      const error = Object.assign(new TypeError('refused'), {
        code: 'SMM_CONNECT_FAILED',
        sendState: 'not_sent',
      });
      const h = harness({ action: 'add' });
      await expect(h.run([error], 'ok')).resolves.toBe('ok');
      expect(h.contexts).toHaveLength(2);
    });
  });

  it('ignores exceptions thrown by the hooks', async () => {
    const error = transportFailure('SMM_TIMEOUT', 'maybe_sent', 'status');
    const result = await runWithRetry(
      async ({ attempt }) => {
        if (attempt === 1) throw error;
        return 'ok';
      },
      {
        action: 'status',
        hasServerIdempotency: false,
        policy: resolveRetryPolicy(),
        budget: new RetryBudget(),
        clock: { now: () => 0 },
        random: () => 0,
        sleep: async () => {},
        onRetry: () => {
          throw new Error('hook bug');
        },
      },
    );
    expect(result).toBe('ok');
  });
});
