import type { Money, OrderState, OrderStateItem, OrderStatus } from '../api/results.js';
import type { LedgerEntry, PanelOrderState } from '../ledger/ledger.js';
import { type ImpliedRefund, impliedRefund, type RefundBasis } from './implied-refund.js';
import { formatDecimal, isWithin, toDecimal } from './internal/decimal.js';

/** Statuses that mean the order has not finished running. */
const RUNNING: ReadonlySet<OrderStatus> = new Set(['pending', 'in_progress', 'processing']);

/** Statuses whose charge is not compared with the price: part of it went back. */
const REFUNDING: ReadonlySet<OrderStatus> = new Set(['partial', 'canceled', 'refunded']);

/** Whether a status gives money back, so its refund (and refund basis) matters. */
export function givesMoneyBack(status: OrderStatus): boolean {
  return REFUNDING.has(status);
}

/** What the comparison needs besides the entry and the answer. */
export interface CompareContext {
  now: number;
  chargeTolerance: Money;
  stuckAfterMs: number;
  /** How the order's price splits, for the refund; only read when the status gives money back. */
  basis: RefundBasis;
}

/** What one `status` answer means for one ledger entry. */
export type StateComparison =
  | {
      kind: 'state';
      panelState: PanelOrderState;
      /** Whether anything but `seenAt` differs from the stored state (worth a ledger write). */
      hasChanged: boolean;
      previousStatus: OrderStatus | 'unseen';
      /** The implied refund when the status gives money back; `undefined` otherwise. */
      refund: ImpliedRefund | undefined;
      /** Whether the refund differs from the stored one (new or corrected). */
      isNewRefund: boolean;
      mismatch: { expected: Money; charged: Money; difference: Money } | undefined;
      isStuck: boolean;
    }
  | { kind: 'missing'; message: string }
  | { kind: 'error'; errorClass: string; message: string };

/**
 * Compares one placed entry with the panel's answer for its order id. Pure: the caller writes
 * what it decides to the ledger and the report.
 */
export function compareOrderState(
  entry: LedgerEntry,
  item: OrderStateItem,
  context: CompareContext,
): StateComparison {
  if (!item.ok) {
    return item.errorClass === 'not_found'
      ? { kind: 'missing', message: item.message }
      : { kind: 'error', errorClass: item.errorClass, message: item.message };
  }

  const panelState = toPanelState(item, context.now);
  const previous = entry.panelState;
  const refund = REFUNDING.has(item.status)
    ? impliedRefund(item.status, item.charge, item.remains, context.basis)
    : undefined;
  const isNewRefund =
    refund?.amount !== undefined &&
    (entry.refund === undefined || !sameMoney(entry.refund, refund.amount));

  return {
    kind: 'state',
    panelState,
    hasChanged: previous === undefined || !sameState(previous, panelState) || isNewRefund,
    previousStatus: previous?.status ?? 'unseen',
    refund,
    isNewRefund,
    mismatch: chargeMismatch(entry, item, context.chargeTolerance),
    isStuck: RUNNING.has(item.status) && context.now - entry.createdAt > context.stuckAfterMs,
  };
}

/** The ledger's record of a panel answer. */
export function toPanelState(item: OrderState, seenAt: number): PanelOrderState {
  const state: PanelOrderState = { status: item.status, rawStatus: item.rawStatus, seenAt };
  if (item.charge !== undefined) state.charge = item.charge;
  if (item.remains !== undefined) state.remains = item.remains;
  if (item.startCount !== undefined) state.startCount = item.startCount;
  if (item.currency !== undefined) state.currency = item.currency;
  return state;
}

function chargeMismatch(
  entry: LedgerEntry,
  item: OrderState,
  tolerance: Money,
): { expected: Money; charged: Money; difference: Money } | undefined {
  if (REFUNDING.has(item.status)) return undefined;
  const expected = toDecimal(entry.expectedCharge);
  const charged = toDecimal(item.charge);
  const allowed = toDecimal(tolerance);
  if (expected === undefined || charged === undefined || allowed === undefined) return undefined;
  const currencyDiffers =
    entry.currency !== undefined &&
    item.currency !== undefined &&
    entry.currency.toUpperCase() !== item.currency.toUpperCase();
  if (!currencyDiffers && isWithin(charged, expected, allowed)) return undefined;
  return {
    expected: formatDecimal(expected),
    charged: formatDecimal(charged),
    difference: formatDecimal(charged.minus(expected)),
  };
}

function sameState(a: PanelOrderState, b: PanelOrderState): boolean {
  return (
    a.status === b.status &&
    a.rawStatus === b.rawStatus &&
    a.remains === b.remains &&
    a.startCount === b.startCount &&
    a.currency === b.currency &&
    (a.charge === b.charge ||
      (a.charge !== undefined && b.charge !== undefined && sameMoney(a.charge, b.charge)))
  );
}

function sameMoney(a: Money, b: Money): boolean {
  const x = toDecimal(a);
  const y = toDecimal(b);
  return x !== undefined && y !== undefined && x.eq(y);
}
