import { describe, expect, it } from 'vitest';
import { isSmmPanelError } from '../../src/errors/guards.js';
import { RETRY_BUDGET_DEFAULTS, RetryBudget } from '../../src/retry/retry-budget.js';

describe('RetryBudget', () => {
  it('starts full with the documented defaults: 10 tokens, 1 per retry, 0.1 per success', () => {
    expect(RETRY_BUDGET_DEFAULTS).toEqual({ capacity: 10, costPerRetry: 1, refillPerSuccess: 0.1 });
    expect(Object.isFrozen(RETRY_BUDGET_DEFAULTS)).toBe(true);
    const budget = new RetryBudget();
    expect(budget.available).toBe(10);
  });

  it('grants exactly capacity / cost retries, then refuses', () => {
    const budget = new RetryBudget({ capacity: 3 });
    expect([1, 2, 3, 4].map(() => budget.tryAcquire())).toEqual([true, true, true, false]);
    expect(budget.available).toBe(0);
  });

  it('pays for one retry after exactly ten successes, without floating-point drift', () => {
    const budget = new RetryBudget({ capacity: 1 });
    expect(budget.tryAcquire()).toBe(true);
    for (let i = 0; i < 9; i += 1) budget.recordSuccess();
    expect(budget.tryAcquire()).toBe(false);
    budget.recordSuccess();
    expect(budget.available).toBe(1);
    expect(budget.tryAcquire()).toBe(true);
  });

  it('never refills above its capacity', () => {
    const budget = new RetryBudget({ capacity: 2, refillPerSuccess: 1 });
    for (let i = 0; i < 5; i += 1) budget.recordSuccess();
    expect(budget.available).toBe(2);
  });

  it('refuses invalid options at construction, naming the option', () => {
    for (const [option, value] of [
      ['capacity', -1],
      ['costPerRetry', Number.NaN],
      ['refillPerSuccess', Number.POSITIVE_INFINITY],
    ] as const) {
      let thrown: unknown;
      try {
        new RetryBudget({ [option]: value });
      } catch (error) {
        thrown = error;
      }
      expect(isSmmPanelError(thrown)).toBe(true);
      expect(thrown).toMatchObject({ code: 'SMM_INVALID_OPTIONS', option });
    }
  });
});
