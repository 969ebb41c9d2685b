// A reset value at or above this is a point in time, not a wait: 1e9 seconds after the epoch
// is September 2001, and no panel asks for a 31-year pause.
const EPOCH_SECONDS_THRESHOLD = 1e9;
const EPOCH_MILLISECONDS_THRESHOLD = 1e12;

const NUMBER = /^\d+(\.\d+)?$/;

function header(headers: Readonly<Record<string, string>>, name: string): string | undefined {
  const direct = headers[name];
  if (direct !== undefined) return direct.trim();

  // Transports should give lower-case names; a hand-made response may not.
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === name) return value.trim();
  }
  return undefined;
}

/** `Retry-After`: delta seconds, or an HTTP date. */
function fromRetryAfter(value: string, nowMs: number): number | undefined {
  if (NUMBER.test(value)) return Math.ceil(Number(value) * 1000);

  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

/** `X-RateLimit-Reset` and friends: seconds to wait, or an epoch timestamp when large. */
function fromReset(value: string, nowMs: number): number | undefined {
  if (!NUMBER.test(value)) return undefined;

  const amount = Number(value);
  if (amount >= EPOCH_MILLISECONDS_THRESHOLD) return Math.max(0, Math.ceil(amount - nowMs));
  if (amount >= EPOCH_SECONDS_THRESHOLD) return Math.max(0, Math.ceil(amount * 1000 - nowMs));
  return Math.ceil(amount * 1000);
}

/**
 * How long a panel asked us to wait, in milliseconds, or `undefined` when it did not say.
 *
 * Reads `Retry-After` (seconds or an HTTP date) first, then `X-RateLimit-Reset`,
 * `RateLimit-Reset` and `X-RateLimit-Reset-After` (seconds to wait, or an epoch timestamp in
 * seconds or milliseconds when the number is that large). A date in the past gives 0.
 *
 * @param nowMs the current time (epoch milliseconds), for dates and timestamps.
 */
export function retryAfterMsFromHeaders(
  headers: Readonly<Record<string, string>>,
  nowMs: number,
): number | undefined {
  const retryAfter = header(headers, 'retry-after');
  if (retryAfter !== undefined) {
    const ms = fromRetryAfter(retryAfter, nowMs);
    if (ms !== undefined) return ms;
  }

  for (const name of ['x-ratelimit-reset', 'ratelimit-reset', 'x-ratelimit-reset-after']) {
    const value = header(headers, name);
    if (value === undefined) continue;
    const ms = fromReset(value, nowMs);
    if (ms !== undefined) return ms;
  }
  return undefined;
}

/** Whether the answer carries a `Retry-After` header the panel meant (a number or a date). */
export function hasRetryAfter(headers: Readonly<Record<string, string>>, nowMs: number): boolean {
  const value = header(headers, 'retry-after');
  return value !== undefined && fromRetryAfter(value, nowMs) !== undefined;
}
