import type { PanelId } from '../../api/results.js';

const DIGITS = /^\d{1,40}$/;

/**
 * An order id as a number to scan from, or `undefined` for an opaque id (`ord_01H...`).
 * A bigint, because some panels hand out ids beyond what a double holds exactly.
 */
export function numericId(id: PanelId | undefined): bigint | undefined {
  if (id === undefined) return undefined;
  const text = id.trim();
  return DIGITS.test(text) ? BigInt(text) : undefined;
}

/** The larger of two optional ids. */
export function maxId(a: bigint | undefined, b: bigint | undefined): bigint | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return a > b ? a : b;
}
