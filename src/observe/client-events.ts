import type { PanelAction } from '../api/actions.js';
import type { SendState } from '../errors/send-state.js';
import type { IntentState } from '../ledger/ledger.js';

/** A request is about to leave. */
export interface RequestEvent {
  action: PanelAction;
  /** The attempt number within one call, from 1. */
  attempt: number;
  /** The order's key, for `add`. */
  idempotencyKey?: string;
}

/** An attempt ended: with an answer, or with an error and its send state. */
export interface ResponseEvent {
  action: PanelAction;
  attempt: number;
  idempotencyKey?: string;
  durationMs: number;
  /** The HTTP status, when the panel answered. */
  httpStatus?: number;
  /** `answered` for any answer; the error's send state otherwise. */
  sendState: SendState;
  /** The SDK error code, when the attempt failed. */
  errorCode?: string;
}

/** A failed attempt will be tried again after `delayMs`. */
export interface RetryEvent {
  action: PanelAction;
  attempt: number;
  delayMs: number;
  errorCode?: string;
  /** Why the classification allowed the retry. */
  reason: string;
}

/** A call stopped after a failed attempt. */
export interface GiveUpEvent {
  action: PanelAction;
  attempt: number;
  errorCode?: string;
  /** What stopped it: `not_retryable`, `max_attempts`, `deadline`, `budget_exhausted`... */
  stopReason: string;
}

/** An order may or may not exist; the reconciler must settle it. */
export interface OutcomeUnknownEvent {
  idempotencyKey: string;
  reason: string;
}

/** The ledger recorded something about an intent. */
export interface LedgerWriteEvent {
  operation: 'claim' | 'attempt' | 'settle' | 'release' | 'resolve' | 'evidence' | 'panel_state';
  idempotencyKey: string;
  /** The entry's state after the write, when the operation returns it. */
  state?: IntentState;
}

/** A reconcile run moved on. */
export interface ReconcileProgressEvent {
  phase: string;
  entriesSeen: number;
  statusCalls: number;
}

/** Every event the SDK emits, by name. Payloads are frozen copies: listeners only observe. */
export interface ClientEventMap {
  request: RequestEvent;
  response: ResponseEvent;
  retry: RetryEvent;
  giveUp: GiveUpEvent;
  outcomeUnknown: OutcomeUnknownEvent;
  ledgerWrite: LedgerWriteEvent;
  reconcileProgress: ReconcileProgressEvent;
}

/** The name of an event. */
export type ClientEventName = keyof ClientEventMap;

/** A listener of one event. */
export type ClientEventListener<E extends ClientEventName> = (event: ClientEventMap[E]) => void;
