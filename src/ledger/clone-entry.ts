import type {
  AttemptRecord,
  Evidence,
  LedgerEntry,
  OrderIntent,
  PanelOrderState,
} from './ledger.js';

// Hand-written copies of the ledger's records, in place of `structuredClone`. The shapes are
// known and small (flat records, arrays of flat records, a record of strings), and a
// structured clone of an entry cost about as much as the rest of a ledger change put together:
// it walks the object generically and allocates its own bookkeeping. Top-level spreads keep
// any field these functions do not name, so a field added to a record later is still copied
// (by reference, which is right for the strings and numbers every record holds today). The
// records below an entry are copied field by field, which also drops fields the ledger does
// not know when they come from a caller.

/** A deep copy of an entry: nothing in the result is shared with `entry`. */
export function cloneEntry(entry: LedgerEntry): LedgerEntry {
  const copy: LedgerEntry = {
    ...entry,
    params: { ...entry.params },
    attempts: entry.attempts.map(cloneAttempt),
    evidence: entry.evidence.map(cloneEvidence),
  };
  if (entry.lease !== undefined) copy.lease = { ...entry.lease };
  if (entry.rejection !== undefined) copy.rejection = { ...entry.rejection };
  if (entry.panelState !== undefined) copy.panelState = clonePanelState(entry.panelState);
  return copy;
}

/** A copy of an intent's known fields, its params copied too. */
export function cloneIntent(intent: OrderIntent): OrderIntent {
  const copy: OrderIntent = {
    key: intent.key,
    fingerprint: intent.fingerprint,
    panel: intent.panel,
    params: { ...intent.params },
  };
  if (intent.expectedCharge !== undefined) copy.expectedCharge = intent.expectedCharge;
  if (intent.currency !== undefined) copy.currency = intent.currency;
  return copy;
}

/**
 * A copy of an attempt record with only the fields the ledger knows: a record handed in by a
 * caller may carry anything else (the memory ledger does not run the schema, which strips).
 */
export function cloneAttempt(attempt: AttemptRecord): AttemptRecord {
  const copy: AttemptRecord = { attempt: attempt.attempt, startedAt: attempt.startedAt };
  if (attempt.endedAt !== undefined) copy.endedAt = attempt.endedAt;
  if (attempt.sendState !== undefined) copy.sendState = attempt.sendState;
  if (attempt.httpStatus !== undefined) copy.httpStatus = attempt.httpStatus;
  if (attempt.errorCode !== undefined) copy.errorCode = attempt.errorCode;
  if (attempt.errorClass !== undefined) copy.errorClass = attempt.errorClass;
  if (attempt.excerpt !== undefined) copy.excerpt = attempt.excerpt;
  if (attempt.orderId !== undefined) copy.orderId = attempt.orderId;
  return copy;
}

/** A copy of an evidence record with only its known fields, its order ids copied too. */
export function cloneEvidence(evidence: Evidence): Evidence {
  const copy: Evidence = { at: evidence.at, kind: evidence.kind, detail: evidence.detail };
  if (evidence.orderIds !== undefined) copy.orderIds = [...evidence.orderIds];
  return copy;
}

/** A copy of a panel state with only its known fields. */
export function clonePanelState(state: PanelOrderState): PanelOrderState {
  const copy: PanelOrderState = {
    status: state.status,
    rawStatus: state.rawStatus,
    seenAt: state.seenAt,
  };
  if (state.charge !== undefined) copy.charge = state.charge;
  if (state.remains !== undefined) copy.remains = state.remains;
  if (state.startCount !== undefined) copy.startCount = state.startCount;
  if (state.currency !== undefined) copy.currency = state.currency;
  return copy;
}
