import type { Money } from '../api/results.js';
import type {
  AttemptRecord,
  Evidence,
  LedgerEntry,
  OrderIntent,
  PanelOrderState,
  Resolution,
  Settlement,
} from './ledger.js';

/**
 * One change to the ledger, as a fact. Every mutation of every adapter is one event; the file
 * ledger writes each as one JSON line and replays them on open, and all adapters apply them
 * with the same reducer (`applyLedgerEvent`), so replayed state cannot drift from live state.
 */
export type LedgerEvent =
  | ClaimEvent
  | AttemptEvent
  | SettleEvent
  | ReleaseEvent
  | ResolveEvent
  | EvidenceEvent
  | PanelStateEvent
  | EntryEvent;

/**
 * An owner took the lease. With `intent` and `sequence` the key is new; without them an
 * existing `pending` (expired, released or re-entered), `unknown` (replayed to a panel that
 * deduplicates by key) or `not_placed` (resent) intent is taken again.
 */
export interface ClaimEvent {
  type: 'claim';
  key: string;
  owner: string;
  leaseExpiresAt: number;
  /** The claim's `now` (epoch ms). */
  at: number;
  intent?: OrderIntent;
  sequence?: number;
}

/** An attempt appended, or completed when its number is already recorded. */
export interface AttemptEvent {
  type: 'attempt';
  key: string;
  owner: string;
  attempt: AttemptRecord;
}

/** The order path ended a pending intent. */
export interface SettleEvent {
  type: 'settle';
  key: string;
  owner: string;
  settlement: Settlement;
  at: number;
}

/** The owner gave its lease up without settling. */
export interface ReleaseEvent {
  type: 'release';
  key: string;
  owner: string;
}

/** The reconciler ended an `unknown` intent. */
export interface ResolveEvent {
  type: 'resolve';
  key: string;
  resolution: Resolution;
  at: number;
}

/** Evidence appended, state unchanged. */
export interface EvidenceEvent {
  type: 'evidence';
  key: string;
  evidence: Evidence;
}

/** The panel's latest view of a placed order. */
export interface PanelStateEvent {
  type: 'panel_state';
  key: string;
  panelState: PanelOrderState;
  refund?: Money;
}

/** A whole entry, as written by a snapshot (compaction). */
export interface EntryEvent {
  type: 'entry';
  entry: LedgerEntry;
}
