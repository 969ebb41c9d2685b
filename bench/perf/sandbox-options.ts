import type { SandboxOptions } from '../../src/sandbox/index.js';

/**
 * The sandbox every networked row runs against.
 *
 * - no simulated other users, a balance that never runs out, no duplicate-link refusals: every
 *   `add` is accepted, so both sides always do the same work;
 * - `pendingMs` and `deliveryMs` of 0: an order is final the moment it is placed. The sandbox
 *   re-reads every unfinished order on each `status` and `add`, so with the defaults (1.8 s to
 *   finish) a few thousand orders per second would make that scan, not the client, the limit.
 */
export const BENCH_SANDBOX_OPTIONS: Readonly<SandboxOptions> = Object.freeze({
  otherUsersOrderRate: 0,
  startingBalance: '1000000000',
  duplicateLinkRule: false,
  pendingMs: 0,
  deliveryMs: 0,
});
