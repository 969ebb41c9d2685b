import { MinHeap } from './internal/min-heap.js';
import { maxId } from './internal/numeric-id.js';

/** Limits of {@link LowerBoundTracker}. */
export const LOWER_BOUND_LIMITS = Object.freeze({
  /**
   * How far apart two workers' clocks may be (ms): an order counts as older than an intent
   * only if its answer came this much before the intent's first attempt. Default: 100.
   */
  clockSkewMs: 100,
  /** Most recent orders kept apart while their place in time is open. Default: 10_000. */
  maxWindow: 10_000,
});

interface Known {
  id: bigint;
  /** When the order was known to exist (its answer arrived), epoch ms. */
  knownAt: number;
}

/**
 * Finds, for each `unknown` intent, the highest order id that certainly existed before the
 * intent's first attempt: the lost order, if any, has a larger id on a panel with one id
 * sequence.
 *
 * "Recorded before the intent" is not enough: with several workers, an intent recorded
 * earlier can be answered later and get a larger id than the lost order. So an order counts
 * only once its answer had arrived (plus a clock-skew allowance) before the intent's first
 * attempt started. Entries come in ledger order; orders answered long before the current
 * entry are folded into one running maximum, and only the recent ones are kept apart, so
 * memory stays bounded. When more than `maxWindow` recent orders pile up, the oldest are
 * folded early: then an extremely busy ledger could get a bound a little too high.
 */
export class LowerBoundTracker {
  #settledMax: bigint | undefined;
  readonly #window = new MinHeap<Known>((item) => item.knownAt);
  readonly #skewMs: number;
  readonly #maxWindow: number;

  constructor(limits: { clockSkewMs?: number; maxWindow?: number } = {}) {
    this.#skewMs = limits.clockSkewMs ?? LOWER_BOUND_LIMITS.clockSkewMs;
    this.#maxWindow = limits.maxWindow ?? LOWER_BOUND_LIMITS.maxWindow;
  }

  /**
   * Moves time forward to an entry's creation: every later intent started after it, so
   * orders known well before it are older than all of them.
   */
  advance(createdAt: number): void {
    for (let top = this.#window.peek(); top !== undefined; top = this.#window.peek()) {
      if (top.knownAt + this.#skewMs > createdAt) break;
      this.#fold(this.#window.pop() as Known);
    }
  }

  /** Records an order of ours and when it was known to exist. */
  observe(id: bigint, knownAt: number): void {
    this.#window.push({ id, knownAt });
    if (this.#window.size > this.#maxWindow) this.#fold(this.#window.pop() as Known);
  }

  /** The highest id known to exist before `startedAt`, or `undefined` when none is. */
  lowerBoundFor(startedAt: number): bigint | undefined {
    let bound = this.#settledMax;
    for (const known of this.#window.values()) {
      if (known.knownAt + this.#skewMs <= startedAt) bound = maxId(bound, known.id);
    }
    return bound;
  }

  /** Recent ids above `floor` (all of them when `floor` is undefined). */
  recentIdsAbove(floor: bigint | undefined): bigint[] {
    const ids: bigint[] = [];
    for (const known of this.#window.values()) {
      if (floor === undefined || known.id > floor) ids.push(known.id);
    }
    return ids;
  }

  #fold(known: Known): void {
    this.#settledMax = maxId(this.#settledMax, known.id);
  }
}
