import { requireFiniteAtLeast } from './internal/require-finite.js';

/** Options of a {@link RetryBudget}. */
export interface RetryBudgetOptions {
  /** The most tokens the bucket holds; it starts full. Default: 10. */
  capacity?: number;
  /** Tokens one retry spends. Default: 1. */
  costPerRetry?: number;
  /** Tokens one successful call gives back. Default: 0.1 (ten successes pay for one retry). */
  refillPerSuccess?: number;
}

/** Defaults of {@link RetryBudgetOptions}. */
export const RETRY_BUDGET_DEFAULTS: Readonly<Required<RetryBudgetOptions>> = Object.freeze({
  capacity: 10,
  costPerRetry: 1,
  refillPerSuccess: 0.1,
});

// Tokens are kept as integers in millionths: adding 0.1 ten times in floating point gives
// 0.9999999999999999, which would refuse a retry the tenth success should have paid for.
const SCALE = 1_000_000;

/**
 * A token bucket shared by all calls of one client: every retry spends tokens, every success
 * gives some back. When a panel is down, the bucket empties after a few retries and later
 * calls fail after their first attempt instead of multiplying the load (a retry storm).
 *
 * Pure state: no timers. Refills come only from successes, so a client that only fails stays
 * at zero until a call succeeds (first attempts are never refused, only retries).
 */
export class RetryBudget {
  readonly capacity: number;
  readonly costPerRetry: number;
  readonly refillPerSuccess: number;
  #scaledTokens: number;
  readonly #scaledCapacity: number;
  readonly #scaledCost: number;
  readonly #scaledRefill: number;

  constructor(options: RetryBudgetOptions = {}) {
    const capacity = options.capacity ?? RETRY_BUDGET_DEFAULTS.capacity;
    const costPerRetry = options.costPerRetry ?? RETRY_BUDGET_DEFAULTS.costPerRetry;
    const refillPerSuccess = options.refillPerSuccess ?? RETRY_BUDGET_DEFAULTS.refillPerSuccess;
    requireFiniteAtLeast('capacity', capacity, 0);
    requireFiniteAtLeast('costPerRetry', costPerRetry, 0);
    requireFiniteAtLeast('refillPerSuccess', refillPerSuccess, 0);

    this.capacity = capacity;
    this.costPerRetry = costPerRetry;
    this.refillPerSuccess = refillPerSuccess;
    this.#scaledCapacity = Math.round(capacity * SCALE);
    this.#scaledCost = Math.round(costPerRetry * SCALE);
    this.#scaledRefill = Math.round(refillPerSuccess * SCALE);
    this.#scaledTokens = this.#scaledCapacity;
  }

  /** The tokens left now (a float, rounded to millionths). */
  get available(): number {
    return this.#scaledTokens / SCALE;
  }

  /** Spends the cost of one retry and returns true, or returns false if the bucket lacks it. */
  tryAcquire(): boolean {
    if (this.#scaledTokens < this.#scaledCost) return false;
    this.#scaledTokens -= this.#scaledCost;
    return true;
  }

  /** Gives back `refillPerSuccess` tokens, up to `capacity`. Call once per successful call. */
  recordSuccess(): void {
    this.#scaledTokens = Math.min(this.#scaledCapacity, this.#scaledTokens + this.#scaledRefill);
  }
}
