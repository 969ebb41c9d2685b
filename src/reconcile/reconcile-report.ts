import type { Money, OrderStatus, PanelId } from '../api/results.js';
import type { Evidence } from '../ledger/ledger.js';

/** An order whose panel state was read and whose status did not change. */
export interface MatchedItem {
  key: string;
  orderId: PanelId;
  status: OrderStatus;
}

/**
 * An order whose status changed since the ledger last saw it (`from` is `unseen` the first
 * time).
 */
export interface UpdatedItem {
  key: string;
  orderId: PanelId;
  from: OrderStatus | 'unseen';
  to: OrderStatus;
  rawStatus: string;
}

/** An order id the ledger holds that the panel answered `not_found` for. */
export interface MissingItem {
  key: string;
  orderId: PanelId;
  /** The panel's text, such as `Incorrect order ID`. */
  message: string;
  /** The status the ledger last recorded, if any. */
  lastKnownStatus: OrderStatus | undefined;
}

/** A per-order error other than `not_found` in a `status` answer. */
export interface StatusErrorItem {
  key: string;
  orderId: PanelId;
  errorClass: string;
  message: string;
}

/** A charge that differs from the expected price by more than the tolerance. */
export interface ChargeMismatchItem {
  key: string;
  orderId: PanelId;
  expected: Money;
  charged: Money;
  /** `charged − expected`. */
  difference: Money;
  expectedCurrency: string | undefined;
  currency: string | undefined;
}

/** A refund implied by a `Partial`, `Canceled` or `Refunded` status, learned in this run. */
export interface RefundItem {
  key: string;
  orderId: PanelId;
  status: OrderStatus;
  /** The refund, exact; `undefined` when the panel's answer does not allow computing it. */
  refund: Money | undefined;
  charge: Money | undefined;
  remains: number | undefined;
  currency: string | undefined;
  /** How it was computed: a share of the units, or the whole price of a package. */
  basis: 'units' | 'package' | 'unknown';
}

/** An order pending or running for longer than `stuckAfterMs` since its intent was recorded. */
export interface StuckItem {
  key: string;
  orderId: PanelId;
  status: OrderStatus;
  createdAt: number;
  ageMs: number;
}

/** An `unknown` intent settled by this run. */
export interface UnknownResolvedItem {
  key: string;
  /** Which step settled it. */
  how: 'replay' | 'scan' | 'grace_expired';
  /** The intent's state afterwards (`rejected` when a replay was refused by the panel). */
  state: 'placed' | 'not_placed' | 'rejected' | 'unknown';
  orderId: PanelId | undefined;
  evidence: Evidence[];
}

/** An `unknown` intent this run could not settle, and what would settle it. */
export interface UnknownOpenItem {
  key: string;
  /** A sentence saying what is needed. */
  needed: string;
  /** `wait`: a later run settles it on its own; `human`: a person must look. */
  action: 'wait' | 'human';
  /** For `wait`: when the grace window ends (epoch ms). */
  waitUntil: number | undefined;
  /** The highest order id known to predate the intent, when there is one. */
  lowerBoundId: PanelId | undefined;
  evidence: Evidence[];
}

/** One order found by a scan, with what the panel said of it. */
export interface ScanCandidate {
  orderId: PanelId;
  charge: Money | undefined;
  status: OrderStatus;
  currency: string | undefined;
}

/** Unknown intents and candidate orders that cannot be paired without guessing. */
export interface AmbiguousItem {
  /** The unknown intents involved (pending intents still being sent are listed in `detail`). */
  keys: string[];
  candidates: ScanCandidate[];
  /** Why it is ambiguous, in a sentence. */
  detail: string;
}

/** An order of ours found by a scan that no entry claims and none was adopted for. */
export type OrphanItem = ScanCandidate;

/** Money in one currency, over every placed entry of the ledger. */
export interface CurrencyTotals {
  /** The currency code; `unknown` when neither the panel nor the intent said. */
  currency: string;
  /** Sum of the panel's charges (the expected charge where the panel has not said). */
  charged: Money;
  refunded: Money;
  /** `charged − refunded`. */
  net: Money;
  orders: number;
}

/** The balance check, when a starting balance was given. */
export interface BalanceCheck {
  currency: string;
  starting: Money;
  now: Money;
  /** `now − starting`. */
  change: Money;
  /** What the ledger explains: `−(charged − refunded)` in this currency. */
  explained: Money;
  /** `change − explained`: zero when everything adds up. */
  difference: Money;
  /** Whether `difference` is within the charge tolerance. */
  addsUp: boolean;
}

/** Money over the ledger, per currency, and the balance check. */
export interface MoneyReport {
  currencies: CurrencyTotals[];
  balance: BalanceCheck | undefined;
}

/** Exact sizes of every section (the lists themselves are capped at `maxReportItems`). */
export interface ReconcileCounts {
  entriesSeen: number;
  /** Placed entries whose state was asked for. */
  polled: number;
  /** Placed entries skipped because their last known status is final. */
  terminalSkipped: number;
  /** `status` calls made (pass 1, scans, drip-feed parents, replayed orders). */
  statusCalls: number;
  scanCalls: number;
  scannedIds: number;
  /** `status` calls that failed even after the client's retries; their ids went unread. */
  failedCalls: number;
  matched: number;
  updated: number;
  missingOnPanel: number;
  statusErrors: number;
  chargeMismatches: number;
  refunds: number;
  stuck: number;
  unknownResolved: number;
  unknownOpen: number;
  ambiguous: number;
  orphans: number;
}

/** The list sections of a report. */
export interface ReportSections {
  matched: MatchedItem[];
  updated: UpdatedItem[];
  missingOnPanel: MissingItem[];
  statusErrors: StatusErrorItem[];
  chargeMismatches: ChargeMismatchItem[];
  refunds: RefundItem[];
  stuck: StuckItem[];
  unknownResolved: UnknownResolvedItem[];
  unknownOpen: UnknownOpenItem[];
  ambiguous: AmbiguousItem[];
  orphans: OrphanItem[];
}

/**
 * What one reconciliation found and did: plain data, safe to `JSON.stringify`. Never holds the
 * API key. See docs/reconciliation.md for what a person should do about each section.
 */
export interface ReconcileReport extends ReportSections {
  /** The panel's name from its profile. */
  panel: string;
  startedAt: number;
  finishedAt: number;
  /**
   * True when something needs a person: missing orders, charge mismatches, stuck orders,
   * ambiguous or orphan orders, status errors, unknown intents that will not settle on their
   * own, a balance that does not add up, or calls that failed so part of the panel went unread.
   */
  needsAttention: boolean;
  /**
   * True when the run did nothing because another reconciler held the ledger's reconcile lock
   * (ledgers shared by several processes); that run reports instead.
   */
  isSkipped: boolean;
  counts: ReconcileCounts;
  /** True when some section lists fewer items than its count. */
  isTruncated: boolean;
  money: MoneyReport;
  /** Limits met during the run, in sentences (a scan cut short, drip-feed children unchecked). */
  notes: string[];
}
