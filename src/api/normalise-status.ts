import type { OrderStatus, RefillStatus } from './results.js';

/** Lower case, with spaces, underscores and hyphens removed: `In progress` → `inprogress`. */
function statusKey(raw: string): string {
  return raw.toLowerCase().replace(/[\s_-]+/g, '');
}

// Words seen on real panels, keyed by `statusKey`. Both spellings of canceled appear, and
// panels print "Fail", "Failed" and "Error" for the same thing.
const ORDER_STATUS_WORDS: ReadonlyMap<string, OrderStatus> = new Map([
  ['pending', 'pending'],
  ['inprogress', 'in_progress'],
  ['processing', 'processing'],
  ['completed', 'completed'],
  ['complete', 'completed'],
  ['partial', 'partial'],
  ['partiallycompleted', 'partial'],
  ['canceled', 'canceled'],
  ['cancelled', 'canceled'],
  ['refunded', 'refunded'],
  ['active', 'active'],
  ['error', 'error'],
  ['fail', 'error'],
  ['failed', 'error'],
]);

const REFILL_STATUS_WORDS: ReadonlyMap<string, RefillStatus> = new Map([
  ['pending', 'pending'],
  ['inprogress', 'in_progress'],
  ['processing', 'processing'],
  ['completed', 'completed'],
  ['complete', 'completed'],
  ['rejected', 'rejected'],
  ['error', 'error'],
  ['fail', 'error'],
  ['failed', 'error'],
]);

/**
 * An order's status text as the closed {@link OrderStatus} enum, compared without case,
 * spaces, underscores or hyphens (`COMPLETED`, `In progress`, `in_progress`, `Cancelled`).
 * A word not in the list is `unknown`; the caller keeps the raw text beside it.
 */
export function normaliseOrderStatus(raw: string): OrderStatus {
  return ORDER_STATUS_WORDS.get(statusKey(raw)) ?? 'unknown';
}

/**
 * A refill's status text as the closed {@link RefillStatus} enum, compared like
 * {@link normaliseOrderStatus}. A word not in the list is `unknown`; keep the raw text.
 */
export function normaliseRefillStatus(raw: string): RefillStatus {
  return REFILL_STATUS_WORDS.get(statusKey(raw)) ?? 'unknown';
}
