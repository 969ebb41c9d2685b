export {
  type CompareContext,
  compareOrderState,
  type StateComparison,
} from './compare-order-state.js';
export {
  formatReconcileSummary,
  SUMMARY_DEFAULTS,
  type SummaryOptions,
} from './format-reconcile-summary.js';
export {
  type ImpliedRefund,
  impliedRefund,
  type RefundBasis,
  refundBasisOf,
} from './implied-refund.js';
export {
  RECONCILE_LOOP_DEFAULTS,
  type ReconcileLoop,
  type ReconcileLoopOptions,
} from './reconcile-loop.js';
export type {
  AmbiguousItem,
  BalanceCheck,
  ChargeMismatchItem,
  CurrencyTotals,
  MatchedItem,
  MissingItem,
  MoneyReport,
  OrphanItem,
  ReconcileCounts,
  ReconcileReport,
  RefundItem,
  ReportSections,
  ScanCandidate,
  StatusErrorItem,
  StuckItem,
  UnknownOpenItem,
  UnknownResolvedItem,
  UpdatedItem,
} from './reconcile-report.js';
export { Reconciler } from './reconciler.js';
export {
  RECONCILER_DEFAULTS,
  type ReconcileProgress,
  type ReconcilerClient,
  type ReconcilerOptions,
  type StartingBalance,
} from './reconciler-options.js';
