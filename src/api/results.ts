import type { PanelErrorClass } from '../errors/error-class.js';

/**
 * An amount of money as an exact decimal string (`"0.27819"`, `"95200"`), never a float.
 * Compute with a decimal library (the SDK uses big.js).
 */
export type Money = string;

/** A panel's id for an order, a service or a refill: an opaque string, never parsed. */
export type PanelId = string;

/** An order's status, normalised. The raw text is kept beside it. */
export type OrderStatus =
  | 'pending'
  | 'in_progress'
  | 'processing'
  | 'completed'
  | 'partial'
  | 'canceled'
  | 'refunded'
  | 'active'
  | 'error'
  | 'unknown';

/** Statuses after which an order never changes: no more polling. */
export const TERMINAL_ORDER_STATUSES: ReadonlySet<OrderStatus> = new Set([
  'completed',
  'partial',
  'canceled',
  'refunded',
]);

/** A refill's status, normalised. */
export type RefillStatus =
  | 'pending'
  | 'in_progress'
  | 'processing'
  | 'completed'
  | 'rejected'
  | 'error'
  | 'unknown';

/** One entry of the `services` catalogue. */
export interface Service {
  id: PanelId;
  name: string;
  /** The order type, lower case, trimmed, single spaces (`default`, `custom comments`). */
  type: string;
  /** The type exactly as the panel sent it. */
  rawType: string;
  category: string;
  /** Price per 1000 units, or the flat price of a package type. */
  rate: Money;
  /** Smallest quantity, or `undefined` when the panel did not say. */
  min: number | undefined;
  /** Largest quantity, or `undefined` when the panel did not say. */
  max: number | undefined;
  /** Whether refills are offered. A missing flag means false. */
  refill: boolean;
  /** Whether cancels are offered. A missing flag means false. */
  cancel: boolean;
  /** Whether drip-feed is offered. A missing flag means false. */
  dripfeed: boolean;
  /** The panel's description, when it sends one. */
  description: string | undefined;
}

/** The account balance. */
export interface Balance {
  balance: Money;
  /** The currency code as the panel sent it, or `undefined`. */
  currency: string | undefined;
}

/** A placed order. */
export interface PlacedOrder {
  /** The panel's order id, exact. */
  order: PanelId;
}

/** The state of one order, as the `status` action reports it. */
export interface OrderState {
  status: OrderStatus;
  /** The status text exactly as the panel sent it. */
  rawStatus: string;
  /** Whether the status is final (completed, partial, canceled, refunded). */
  isTerminal: boolean;
  /** What the panel charged, or `undefined` when it did not say. */
  charge: Money | undefined;
  /** Count before delivery started, or `undefined` when unknown (never 0 for unknown). */
  startCount: number | undefined;
  /** Units still to deliver, or `undefined` when unknown (never 0 for unknown). */
  remains: number | undefined;
  currency: string | undefined;
  /** Child order ids of a drip-feed or subscription parent, when the panel lists them. */
  children: PanelId[] | undefined;
}

/** A per-item failure inside a batch answer: data about that item, not a failed call. */
export interface ItemError {
  ok: false;
  errorClass: PanelErrorClass;
  /** The panel's text, unchanged. */
  message: string;
}

/** One item of a `status` batch. */
export type OrderStateItem = ({ ok: true } & OrderState) | ItemError;

/** One item of a `refill` batch. */
export type RefillItem = { ok: true; refill: PanelId } | ItemError;

/** One item of a `refill_status` batch. */
export type RefillStatusItem = { ok: true; status: RefillStatus; rawStatus: string } | ItemError;

/** One item of a `cancel` batch. `accepted` means the request was taken, not that it is done. */
export type CancelItem = { ok: true; accepted: true } | ItemError;

/** A batch answer, keyed by the id asked for. */
export type BatchResult<TItem> = Map<PanelId, TItem>;
