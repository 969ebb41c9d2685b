import type { Ledger } from '../ledger/ledger.js';
import type { LoggingOptions } from '../observe/sdk-logger.js';
import type { RetryBudgetOptions } from '../retry/retry-budget.js';
import type { RetryPolicyOptions } from '../retry/retry-policy.js';
import type { Transport } from '../transport/transport.js';
import type { UndiciTransportOptions } from '../transport/undici-transport.js';
import type { PanelProfile, PanelProfileOptions } from './panel-profile.js';

/**
 * Options of {@link PanelClient}. Only the panel (`profile`) is required. Logging options
 * (`logger`, `logLevel`) are described on {@link LoggingOptions}: silent by default.
 */
export interface PanelClientOptions extends LoggingOptions {
  /** The panel: a profile from `definePanelProfile`, or its options. Required. */
  profile: PanelProfile | PanelProfileOptions;
  /**
   * Where order intents, attempts and outcomes are recorded. Default: an in-memory ledger,
   * which a crash or restart forgets: an order whose outcome was unknown can then not be
   * reconciled, and a retry after a restart with the same key may pay twice. Use the file,
   * SQLite or PostgreSQL ledger for anything that matters.
   */
  ledger?: Ledger;
  /** Retry policy for every call. Defaults are listed on {@link RetryPolicyOptions}. */
  retry?: RetryPolicyOptions;
  /**
   * The client's retry budget, shared by all its calls: retries spend tokens, successes earn
   * them back, so a failing panel is not hammered. Defaults are listed on
   * {@link RetryBudgetOptions} (10 tokens, 1 per retry, 0.1 back per success).
   */
  retryBudget?: RetryBudgetOptions;
  /**
   * Sends requests. Default: an undici transport owned by the client (closed by `close()`),
   * built with `transportOptions`.
   */
  transport?: Transport;
  /** Options of the default undici transport (timeouts, size cap, `dispatcher`). */
  transportOptions?: UndiciTransportOptions;
  /**
   * Retry an `add` whose outcome is unknown, on a panel that does not deduplicate by key.
   * This can pay twice. Only for panels known to refuse a second identical order.
   * Default: false.
   */
  dangerouslyRetryAmbiguousOrders?: boolean;
  /** Who this worker is, for ledger leases. Default: host name, process id and a random part. */
  workerId?: string;
  /**
   * How long a claimed intent is held for this worker before another may take it over (ms).
   * Must exceed the retry deadline. Default: 120_000.
   */
  leaseMs?: number;
  /** Most batch calls in flight at once for `status(ids)` and friends. Default: 4. */
  batchConcurrency?: number;
  /** The clock, in epoch milliseconds. Default: `Date.now`. */
  now?: () => number;
  /** The random source for jitter, in [0, 1). Default: `Math.random`. */
  random?: () => number;
}

/** Options for one call. */
export interface CallOptions {
  /** Aborts the call, including any wait between attempts. */
  signal?: AbortSignal;
}

/** Options for one order. */
export interface OrderOptions extends CallOptions {
  /**
   * The order's idempotency key. Default: a new random key. Pass your own (or derive one with
   * `deriveIdempotencyKey`) so that a retry after a crash or redeploy finds the same intent.
   */
  idempotencyKey?: string;
  /**
   * What the order should cost, as a decimal string, recorded in the ledger for the
   * reconciler's checks. Default: computed from the service's rate when the client has
   * loaded the catalogue with `services()`; otherwise not recorded.
   */
  expectedCharge?: string;
  /**
   * Send again an intent the reconciler settled as `not_placed` (no order of its price
   * appeared on the panel within the grace window). Safe when the panel's ids are sequential
   * and the request cannot still be in a queue somewhere; see docs/reconciliation.md.
   * Default: false, and such a key is refused with `OrderOutcomeUnknownError`.
   */
  resendNotPlaced?: boolean;
}

/** Defaults of {@link PanelClientOptions}, in one place. */
export const CLIENT_DEFAULTS = Object.freeze({
  leaseMs: 120_000,
  batchConcurrency: 4,
});
