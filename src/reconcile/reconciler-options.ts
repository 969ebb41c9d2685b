import Big from 'big.js';
import type { Balance, Money, OrderStateItem, PanelId } from '../api/results.js';
import type { CallOptions } from '../client/client-options.js';
import type { PanelProfile } from '../client/panel-profile.js';
import { InvalidOptionsError } from '../errors/input-errors.js';
import type { Ledger } from '../ledger/ledger.js';

/** What the reconciler needs from a client: reads, and the replay of a stored intent. */
export interface ReconcilerClient {
  readonly profile: Pick<PanelProfile, 'hasServerIdempotency' | 'batchLimit' | 'name' | 'url'>;
  /** The ledger the client records orders in; replays are recorded there. */
  readonly ledger?: Ledger;
  status(
    ids: readonly (PanelId | number)[],
    options?: CallOptions,
  ): Promise<Map<PanelId, OrderStateItem>>;
  balance(options?: CallOptions): Promise<Balance>;
  services?(options?: CallOptions): Promise<readonly { id: PanelId; type: string }[]>;
  /**
   * Sends a stored intent again under its own key (see `PanelClient.resendStoredOrder`). Only
   * called when `profile.hasServerIdempotency` is true.
   */
  resendStoredOrder?(
    key: string,
    options?: CallOptions,
  ): Promise<{ orderId: PanelId; entry: { state: string } }>;
  /** Receives each progress report, for the client's event listeners and logger. */
  reportReconcileProgress?(progress: ReconcileProgress): void;
}

/** The balance when the window the ledger covers began, to check the money adds up. */
export interface StartingBalance {
  /** A decimal string, such as `"1000"`. */
  amount: Money;
  /** The currency; default: whatever the panel's `balance` answer says. */
  currency?: string;
}

/** What {@link ReconcilerOptions.onProgress} receives. */
export interface ReconcileProgress {
  /** Ledger entries read so far. */
  entriesSeen: number;
  /** `status` calls made so far (pass 1 and scans). */
  statusCalls: number;
  /** What the run is doing: reading the ledger, scanning ids, resolving, reading the balance. */
  phase: 'ledger' | 'replay' | 'scan' | 'resolve' | 'balance' | 'done';
}

/** Options of {@link Reconciler}. Only `client` is required. */
export interface ReconcilerOptions {
  /** The panel client used for reads (and for replays on a panel that deduplicates). */
  client: ReconcilerClient;
  /** The ledger to reconcile. Default: `client.ledger`. */
  ledger?: Ledger;
  /** The clock, epoch ms. Default: `Date.now`. */
  now?: () => number;
  /** Ledger entries read per `list` call. Default: 500. */
  pageSize?: number;
  /** `status` calls in flight at once. Default: 4. */
  statusConcurrency?: number;
  /** How many ids above the highest known order id a scan covers. Default: 300. */
  scanWindow?: number;
  /** Most ids one run scans, claimed ids not counted. Default: 2000. */
  maxScanIds?: number;
  /**
   * How long after the last attempt of an `unknown` intent a scan that finds nothing proves it
   * was not placed (ms). Default: 600_000 (10 minutes).
   */
  graceMs?: number;
  /**
   * How far a charge may differ from the expected price and still match, as an absolute
   * decimal string in the order's currency. Default: `"0.0001"`.
   */
  chargeTolerance?: Money;
  /**
   * How far apart the clocks of the workers writing the ledger may be (ms). An order counts as
   * older than an unknown intent (bounding where the lost order can be) only when its answer
   * came at least this long before the intent was recorded. Default: 100.
   */
  clockSkewMs?: number;
  /**
   * How long an order may stay pending or in progress before it is reported stuck (ms).
   * Default: 86_400_000 (24 h).
   */
  stuckAfterMs?: number;
  /** Most items listed in each report section; counts stay exact. Default: 1000. */
  maxReportItems?: number;
  /**
   * The balance when the ledger's window began; the report then checks the money adds up.
   * Default: none.
   */
  startingBalance?: StartingBalance;
  /** Stops the run between steps and aborts calls in flight. Default: none. */
  signal?: AbortSignal;
  /** Called after each page and each scan batch. Default: none. */
  onProgress?: (progress: ReconcileProgress) => void;
}

/** The defaults of {@link ReconcilerOptions}, in one place. */
export const RECONCILER_DEFAULTS = Object.freeze({
  /** Ledger entries per `list` call: 500. */
  pageSize: 500,
  /** `status` calls in flight at once: 4. */
  statusConcurrency: 4,
  /** Ids scanned above the highest known order id: 300. */
  scanWindow: 300,
  /** Most ids scanned in one run: 2000. */
  maxScanIds: 2000,
  /** Grace window after an unknown intent's last attempt: 10 minutes, in ms. */
  graceMs: 10 * 60_000,
  /**
   * Absolute charge tolerance: `"0.0001"`. Absolute, not relative: panels round each charge to
   * a few decimals whatever the order's size, so a relative tolerance would be too strict for
   * small orders and too loose for large ones (where a second order of a near price hides).
   */
  chargeTolerance: '0.0001',
  /**
   * Clock skew allowed between ledger writers: 100 ms, generous for hosts kept in time by NTP.
   * Too small risks a lower bound above the lost order (which then goes unseen); too large
   * leaves intents placed in quick succession without a bound (and scans a few more ids).
   */
  clockSkewMs: 100,
  /** Age after which a pending or running order is reported stuck: 24 h, in ms. */
  stuckAfterMs: 24 * 60 * 60_000,
  /** Items listed per report section: 1000. */
  maxReportItems: 1000,
});

/** Every option filled in and checked. */
export interface ResolvedReconcilerOptions {
  client: ReconcilerClient;
  ledger: Ledger;
  now: () => number;
  pageSize: number;
  statusConcurrency: number;
  scanWindow: number;
  maxScanIds: number;
  graceMs: number;
  chargeTolerance: Money;
  clockSkewMs: number;
  stuckAfterMs: number;
  maxReportItems: number;
  startingBalance: StartingBalance | undefined;
  signal: AbortSignal | undefined;
  onProgress: ((progress: ReconcileProgress) => void) | undefined;
}

/** Fills in defaults and validates; throws `InvalidOptionsError` naming the bad option. */
export function resolveReconcilerOptions(options: ReconcilerOptions): ResolvedReconcilerOptions {
  if (options === undefined || options === null || options.client === undefined) {
    throw new InvalidOptionsError('client', 'is required');
  }
  const ledger = options.ledger ?? options.client.ledger;
  if (ledger === undefined) throw new InvalidOptionsError('ledger', 'is required');
  const d = RECONCILER_DEFAULTS;
  const chargeTolerance = options.chargeTolerance ?? d.chargeTolerance;
  checkDecimal('chargeTolerance', chargeTolerance);
  if (options.startingBalance !== undefined) {
    checkDecimal('startingBalance.amount', options.startingBalance.amount, true);
  }
  return {
    client: options.client,
    ledger,
    now: options.now ?? Date.now,
    pageSize: integer('pageSize', options.pageSize ?? d.pageSize, 1),
    statusConcurrency: integer(
      'statusConcurrency',
      options.statusConcurrency ?? d.statusConcurrency,
      1,
    ),
    scanWindow: integer('scanWindow', options.scanWindow ?? d.scanWindow, 0),
    maxScanIds: integer('maxScanIds', options.maxScanIds ?? d.maxScanIds, 0),
    graceMs: integer('graceMs', options.graceMs ?? d.graceMs, 0),
    chargeTolerance,
    clockSkewMs: integer('clockSkewMs', options.clockSkewMs ?? d.clockSkewMs, 0),
    stuckAfterMs: integer('stuckAfterMs', options.stuckAfterMs ?? d.stuckAfterMs, 0),
    maxReportItems: integer('maxReportItems', options.maxReportItems ?? d.maxReportItems, 0),
    startingBalance: options.startingBalance,
    signal: options.signal,
    onProgress: options.onProgress,
  };
}

function integer(option: string, value: number, min: number): number {
  if (!Number.isSafeInteger(value) || value < min) {
    throw new InvalidOptionsError(option, `must be an integer from ${min}`);
  }
  return value;
}

function checkDecimal(option: string, value: unknown, allowNegative = false): void {
  const pattern = allowNegative ? /^-?\d+(\.\d+)?$/ : /^\d+(\.\d+)?$/;
  if (typeof value !== 'string' || !pattern.test(value)) {
    throw new InvalidOptionsError(option, 'must be a decimal string such as "0.0001"');
  }
  // Parsed once here so that a later `new Big` cannot throw mid-run.
  new Big(value);
}
