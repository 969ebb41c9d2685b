import type { RequestParams } from '../order-validation.js';

/**
 * A canonical text of a request's fields, without the key and the idempotency field itself: two
 * requests with the same fingerprint ask for the same order, whatever the field order or spacing.
 */
export function fingerprintParams(params: RequestParams, exclude: readonly string[]): string {
  const skipped = new Set(['key', ...exclude]);
  return [...params.entries()]
    .filter(([name]) => !skipped.has(name))
    .map(([name, value]) => [name, value.trim()] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`)
    .join('&');
}
