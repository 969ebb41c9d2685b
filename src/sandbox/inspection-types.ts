import type { OrderOrigin, SandboxOrderStatus } from './internal/records.js';

export type { OrderOrigin, SandboxOrderStatus };

/** One order as the inspection API shows it, at the moment of the call. */
export interface SandboxOrder {
  /** The order id, as the panel answers it (a decimal text). */
  id: string;
  /** The service id. */
  service: number;
  /** The link, or the username of a Subscriptions order. */
  link: string;
  /** Units in total (runs × per run for drip-feed). */
  quantity: number;
  /** What was charged at `add`, exact decimal string. */
  charge: string;
  /** What has been refunded so far (Partial, Canceled), exact decimal string. */
  refunded: string;
  status: SandboxOrderStatus;
  remains: number;
  startCount: number;
  /** The idempotency key the request carried, whether or not the panel honoured it. */
  idempotencyKey: string | undefined;
  /** Creation time on the sandbox clock, epoch milliseconds. */
  createdAt: number;
  /** False for the orders of simulated other users. */
  ownedByUs: boolean;
  /** `api` (placed through the API), `orphan` (created by the test), `other_user`. */
  origin: OrderOrigin;
  /** Drip-feed runs, when asked for. */
  runs: number | undefined;
  /** Drip-feed child order ids created so far. */
  children: string[];
  /** The request's fields, without `key` and `action`. */
  fields: Readonly<Record<string, string>>;
}

/** One refill request. */
export interface SandboxRefill {
  id: string;
  order: string;
  status: 'Pending' | 'In progress' | 'Completed';
  createdAt: number;
}

/** What was really bought with our key: the numbers a test compares with its own records. */
export interface SandboxPurchases {
  /** Orders created for us (through the API or as orphans); idempotent replays not counted. */
  orders: number;
  /** Sum of all charges, exact decimal string. */
  totalCharged: string;
  /** Sum of all refunds so far, exact decimal string. */
  totalRefunded: string;
  /** Orders per link (or Subscriptions username). */
  byLink: Record<string, number>;
  /** Orders per idempotency key carried (keys seen even when the panel ignores them). */
  byIdempotencyKey: Record<string, number>;
  /** `add` requests answered with an existing order because their key was replayed. */
  idempotentReplays: number;
}

/** Requests that reached the panel, faulted ones included. */
export interface SandboxRequestCounts {
  total: number;
  /** Per `action` field as sent (`(none)` when missing). */
  byAction: Record<string, number>;
}

/** Faults injected so far. */
export interface SandboxFaultCounts {
  total: number;
  byKind: Record<string, number>;
  byAction: Record<string, number>;
  /** Each injection in order, with the sandbox clock time. */
  log: readonly { action: string; kind: string; at: number }[];
}

/** An order a test creates directly, as if we had placed it outside any client. */
export interface SandboxOrphanInput {
  service: number | string;
  link?: string;
  quantity?: number;
  /** Other fields of the order type (`comments`, `runs`, `username`...). */
  fields?: Readonly<Record<string, string>>;
  idempotencyKey?: string;
}
