import type { Money, OrderStatus, PanelId } from '../api/results.js';
import type { PanelErrorClass } from '../errors/error-class.js';
import type { SendState } from '../errors/send-state.js';

/**
 * Where an order intent stands.
 *
 * `pending` (claimed, not settled) → `placed` | `rejected` | `unknown`;
 * `unknown` → `placed` | `not_placed` only through reconciliation.
 * A claim can turn `unknown` (with `allowReplayUnknown`) or `not_placed` (with
 * `allowResendNotPlaced`) back into `pending`; `placed` and `rejected` are final.
 */
export type IntentState = 'pending' | 'placed' | 'rejected' | 'unknown' | 'not_placed';

/** What a caller wants bought, recorded before the first byte leaves. Never the API key. */
export interface OrderIntent {
  /** The idempotency key: unique per ledger. */
  key: string;
  /** Fingerprint of the canonical order parameters (see `idempotency/`). */
  fingerprint: string;
  /** Which panel: the profile's name, or its URL without credentials. */
  panel: string;
  /** The order's form fields as sent, without `key` and `action`. */
  params: Readonly<Record<string, string>>;
  /** `rate × quantity / 1000` (or the flat rate) when the service's rate is known. */
  expectedCharge?: Money;
  /** The currency of `expectedCharge`, when known. */
  currency?: string;
}

/** One try at sending an intent. Appended; never rewritten except to add its result. */
export interface AttemptRecord {
  /** 1 for the first attempt. */
  attempt: number;
  /** When the attempt started (epoch ms). Recorded durably before the request leaves. */
  startedAt: number;
  /** When the attempt ended (epoch ms); absent while it is in flight or if the worker died. */
  endedAt?: number;
  /** How far the request got; absent while in flight. */
  sendState?: SendState;
  /** HTTP status of the answer, when there was one. */
  httpStatus?: number;
  /** The SDK error code, when the attempt failed. */
  errorCode?: string;
  /** The panel error family, when the panel answered `{"error": ...}`. */
  errorClass?: PanelErrorClass;
  /** A short redacted excerpt of the answer (at most 200 characters). */
  excerpt?: string;
  /** The order id, when this attempt placed the order. */
  orderId?: PanelId;
}

/** A fact that helped settle an `unknown` intent, kept for people to audit. */
export interface Evidence {
  /** When it was found (epoch ms). */
  at: number;
  /** What kind of fact: `replay`, `duplicate_link_hint`, `scan_candidate`, `grace_expired`... */
  kind: string;
  /** A sentence a person can read. */
  detail: string;
  /** Order ids involved, if any. */
  orderIds?: PanelId[];
}

/** The panel's last known view of a placed order. */
export interface PanelOrderState {
  status: OrderStatus;
  rawStatus: string;
  charge?: Money;
  remains?: number;
  startCount?: number;
  currency?: string;
  /** When the panel reported this (epoch ms). */
  seenAt: number;
}

/**
 * A lease: while it lasts, only its owner may send or settle the intent.
 *
 * A lease is live while `now < expiresAt`; at `expiresAt` it has expired and another owner may
 * take the intent over.
 */
export interface Lease {
  owner: string;
  /** Epoch ms. */
  expiresAt: number;
}

/** One intent and everything known about it. */
export interface LedgerEntry extends OrderIntent {
  state: IntentState;
  /** The panel's order id, once known. */
  orderId?: PanelId;
  /** Why the panel refused it (`rejected`). */
  rejection?: { errorClass: PanelErrorClass; message: string };
  /**
   * Why the order path could not tell whether the order exists (settled as `unknown`). Kept
   * after reconciliation, for audit.
   */
  unknownReason?: string;
  attempts: AttemptRecord[];
  lease?: Lease;
  panelState?: PanelOrderState;
  /** Money the panel gave back (Partial, Canceled), as an exact decimal string. */
  refund?: Money;
  evidence: Evidence[];
  createdAt: number;
  updatedAt: number;
  /** Insertion order, strictly increasing per ledger; what cursors page by. */
  sequence: number;
}

/** What {@link Ledger.claim} found. */
export type ClaimResult =
  /** New intent, or a pending one whose lease expired: the caller now holds the lease. */
  | { kind: 'claimed'; entry: LedgerEntry }
  /** Already placed: return it, send nothing. */
  | { kind: 'placed'; entry: LedgerEntry }
  /** Already refused by the panel: send nothing. */
  | { kind: 'rejected'; entry: LedgerEntry }
  /** May or may not exist: reconcile first. */
  | { kind: 'unknown'; entry: LedgerEntry }
  /** Same key, other parameters. */
  | { kind: 'conflict'; entry: LedgerEntry }
  /** Another live owner holds the lease. */
  | { kind: 'locked'; entry: LedgerEntry }
  /** Reconciled as never placed, and the caller did not ask to send it again. */
  | { kind: 'not_placed'; entry: LedgerEntry };

/** Options of {@link Ledger.claim}. */
export interface ClaimOptions {
  /** Who is claiming: unique per worker (process, invocation). */
  owner: string;
  /** How long the lease lasts (ms). */
  leaseMs: number;
  /** The current time (epoch ms), from the client's clock. */
  now: number;
  /**
   * Whether a `not_placed` entry may be claimed again, turning it back into `pending` with its
   * attempts and evidence kept. Default false: the claim answers `not_placed`.
   */
  allowResendNotPlaced?: boolean;
  /**
   * Whether an `unknown` entry may be claimed again, turning it back into `pending`. Only the
   * order path of a panel that deduplicates by key sets this: resending with the same key
   * then returns the first order instead of buying a second. Default false: the claim
   * answers `unknown`.
   */
  allowReplayUnknown?: boolean;
}

/** How an intent ends, as the order path records it. */
export type Settlement =
  | { state: 'placed'; orderId: PanelId }
  | { state: 'rejected'; errorClass: PanelErrorClass; message: string }
  | { state: 'unknown'; reason: string };

/** How the reconciler ends an `unknown` intent. */
export type Resolution =
  | { state: 'placed'; orderId: PanelId; evidence: Evidence }
  | { state: 'not_placed'; evidence: Evidence };

/**
 * A held reconcile lock, from {@link Ledger.acquireReconcileLock}. While it is held, no other
 * reconciler of the same ledger (in any process) gets one.
 */
export interface ReconcileLock {
  /** Gives the lock up. Calling it again does nothing. */
  release(): Promise<void>;
}

/** A page of entries in insertion order. */
export interface LedgerPage {
  entries: LedgerEntry[];
  /** Pass to the next `list` call; `undefined` when there is nothing after this page. */
  nextCursor: string | undefined;
}

/** Options of {@link Ledger.list}. */
export interface ListOptions {
  /**
   * Where the previous page ended (an opaque `nextCursor`); omit for the first page. A malformed
   * cursor throws `LedgerError`.
   */
  cursor?: string;
  /** Page size, a positive integer (default 500; at most 10 000, larger values are clamped). */
  limit?: number;
  /** Only entries in these states. */
  states?: readonly IntentState[];
}

/**
 * The durable record of every order intent, attempt and outcome: the client-side twin of a
 * server's idempotency table. Every method resolves only once its write is durable (for the
 * adapter's meaning of durable, documented on each adapter).
 */
export interface Ledger {
  /**
   * Records the intent if new, or reports what is known of the key.
   *
   * For an existing key the fingerprint is compared first, whatever the state (`conflict`).
   * A `pending` intent is `locked` while another owner's lease is live, `claimed` again by the
   * same owner (re-entrant, the lease renewed), and `claimed` by anyone once its lease has
   * expired or was released. `unknown` and `not_placed` are `claimed` (back to `pending`,
   * attempts and evidence kept) only with `allowReplayUnknown` and `allowResendNotPlaced`.
   *
   * Beware the takeover: an expired lease may hide a worker that crashed after sending. The
   * ledger cannot tell; the caller must look at `entry.attempts` and treat an attempt without
   * `endedAt` (its outcome never recorded) as possibly delivered before sending anything.
   */
  claim(intent: OrderIntent, options: ClaimOptions): Promise<ClaimResult>;
  /**
   * Appends an attempt (before sending) or completes it (after), by its number.
   *
   * Throws `LedgerError` unless `owner` holds the entry's lease (live or expired, but not taken
   * over or released), and when a new attempt's number is not greater than every recorded one.
   * Completing merges the given fields into the recorded attempt.
   */
  recordAttempt(key: string, owner: string, attempt: AttemptRecord): Promise<void>;
  /**
   * Ends a pending intent held by `owner`, releasing the lease. Throws `LedgerError` when the
   * intent is not `pending` or `owner` does not hold its lease (an expired lease not yet taken
   * over still counts as held).
   */
  settle(key: string, owner: string, settlement: Settlement, now: number): Promise<LedgerEntry>;
  /**
   * Gives up a lease without settling (the intent stays pending, claimable at once). Throws
   * `LedgerError` when the intent is not `pending` or `owner` does not hold its lease.
   */
  release(key: string, owner: string): Promise<void>;
  /** Ends an `unknown` intent (reconciler only). Throws `LedgerError` from any other state. */
  resolve(key: string, resolution: Resolution, now: number): Promise<LedgerEntry>;
  /** Appends evidence without changing the state. */
  addEvidence(key: string, evidence: Evidence): Promise<void>;
  /**
   * Stores the panel's latest view of a placed order, and the refund it implies. Throws
   * `LedgerError` unless the entry is `placed`. Without `refund`, an earlier refund is kept.
   */
  updatePanelState(key: string, state: PanelOrderState, refund?: Money): Promise<void>;
  /** One entry, or undefined. */
  get(key: string): Promise<LedgerEntry | undefined>;
  /** Entries in insertion order, one page at a time: never the whole ledger at once. */
  list(options?: ListOptions): Promise<LedgerPage>;
  /**
   * Optional: takes this ledger's reconcile lock, so that only one reconciler runs per ledger
   * at a time, across processes and machines. Resolves `undefined` when another reconciler
   * holds it: skip this run rather than wait. The caller releases the lock when its run ends
   * (in a `finally`). Adapters that several processes share implement it (PostgreSQL: a
   * session advisory lock on a connection held for the run; SQLite: a lease row that expires
   * if its holder dies); an adapter without it belongs to one process, and its caller needs no
   * lock. Closing the ledger releases a lock still held.
   */
  acquireReconcileLock?(): Promise<ReconcileLock | undefined>;
  /**
   * Flushes and releases resources. Changes already called for complete first; any call after
   * it throws `LedgerError`; calling `close` again does nothing.
   */
  close(): Promise<void>;
}
