import type { SandboxRateLimitOptions } from './options.js';

/** Whether a request may go on, or how many seconds to tell the client to wait. */
export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * Counts one request of `key` in a fixed window and says whether it is over the limit. Windows
 * follow the sandbox clock, so a test can move past one without sleeping.
 */
export function checkRateLimit(
  windows: Map<string, { startedAt: number; count: number }>,
  limit: SandboxRateLimitOptions,
  key: string,
  now: number,
): RateDecision {
  let window = windows.get(key);
  if (window === undefined || now >= window.startedAt + limit.windowMs) {
    window = { startedAt: now, count: 0 };
    windows.set(key, window);
  }
  window.count += 1;
  if (window.count <= limit.maxRequests) return { allowed: true };
  const waitMs = window.startedAt + limit.windowMs - now;
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
}
