import type { Decimal } from '../money.js';

/** Who placed an order: us through the API, us outside any client, or a simulated other user. */
export type OrderOrigin = 'api' | 'orphan' | 'other_user';

/** A status the sandbox answers with for an order. */
export type SandboxOrderStatus =
  | 'Pending'
  | 'In progress'
  | 'Active'
  | 'Completed'
  | 'Partial'
  | 'Canceled';

/** One order as the sandbox keeps it. Progress is not stored: it follows from the clock. */
export interface OrderRecord {
  readonly id: number;
  readonly origin: OrderOrigin;
  readonly serviceId: number;
  /** The link, or the username of a Subscriptions order. */
  readonly target: string;
  /** Units in total (runs × per run for drip-feed). */
  readonly quantity: number;
  readonly perRunQuantity: number;
  readonly runs: number | undefined;
  readonly intervalMinutes: number | undefined;
  readonly rate: Decimal;
  readonly charge: Decimal;
  readonly isPackage: boolean;
  readonly isSubscription: boolean;
  /** The request's fields other than `key` and `action`, for inspection. */
  readonly fields: Readonly<Record<string, string>>;
  readonly idempotencyKey: string | undefined;
  readonly createdAt: number;
  readonly pendingMs: number;
  readonly deliveryMs: number;
  readonly cancelDelayMs: number;
  /** The count the target had before delivery, answered once the order started. */
  readonly startCount: number;
  /** Units delivered by the end: `quantity`, or fewer for an order planned to end Partial. */
  readonly deliverTarget: number;
  /** Set when a cancel was accepted: progress freezes then, `Canceled` follows later. */
  cancel: { requestedAt: number; effectiveAt: number } | undefined;
  /** Set by the inspection API to force a status; it overrides the clock. */
  forced: { status: SandboxOrderStatus; remains: number } | undefined;
  /** What was refunded to the balance so far. */
  refunded: Decimal;
  /** Ids of the drip-feed child orders created so far, one per run started. */
  readonly children: number[];
}

/** One refill request. */
export interface RefillRecord {
  readonly id: number;
  readonly orderId: number;
  readonly createdAt: number;
  readonly durationMs: number;
}
