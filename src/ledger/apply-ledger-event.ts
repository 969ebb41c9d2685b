import { LedgerError } from '../errors/order-errors.js';
import {
  cloneAttempt,
  cloneEntry,
  cloneEvidence,
  cloneIntent,
  clonePanelState,
} from './clone-entry.js';
import type { AttemptRecord, LedgerEntry } from './ledger.js';
import type { LedgerEvent } from './ledger-event.js';

/**
 * Applies one event to the entry it names and returns the new entry; the input is never
 * changed. Throws `LedgerError` when the event does not fit the entry (missing entry, wrong
 * owner, wrong state), so a live call is refused before anything is written, and a replayed
 * file whose events do not follow each other is reported as corrupt.
 *
 * `recordAttempt`, `addEvidence` and `updatePanelState` take no clock, so `updatedAt` moves to
 * the time their record carries (attempt end or start, evidence `at`, panel `seenAt`), never
 * backwards. `release` takes no clock either and leaves `updatedAt` alone.
 *
 * The new entry shares nothing with the event (what it takes from the event is copied), but it
 * may share unchanged records with the input entry: a change copies the entry's top level and
 * only the list it changes. That is safe because no stored entry is ever changed in place
 * (this function never writes to its input, and every ledger copies an entry before handing
 * it out), and it spares copying every attempt and piece of evidence on every change.
 */
export function applyLedgerEvent(entry: LedgerEntry | undefined, event: LedgerEvent): LedgerEntry {
  if (event.type === 'entry') {
    if (entry !== undefined) throw refuse(event.entry.key, 'appears twice in a snapshot');
    return cloneEntry(event.entry);
  }

  if (event.type === 'claim' && event.intent !== undefined) {
    if (entry !== undefined) throw refuse(event.key, 'is already recorded');
    if (event.sequence === undefined || event.intent.key !== event.key) {
      throw refuse(event.key, 'has a claim without a sequence or with another key');
    }
    return {
      ...cloneIntent(event.intent),
      state: 'pending',
      attempts: [],
      lease: { owner: event.owner, expiresAt: event.leaseExpiresAt },
      evidence: [],
      createdAt: event.at,
      updatedAt: event.at,
      sequence: event.sequence,
    };
  }

  if (entry === undefined) throw refuse(event.key, 'is not in the ledger');
  // A shallow copy: lists and records below it are replaced, never written to (see above).
  const next: LedgerEntry = { ...entry };

  switch (event.type) {
    case 'claim':
      if (next.state === 'placed' || next.state === 'rejected') {
        throw refuse(event.key, `cannot be claimed again from state ${next.state}`);
      }
      next.state = 'pending';
      next.lease = { owner: event.owner, expiresAt: event.leaseExpiresAt };
      next.updatedAt = event.at;
      return next;

    case 'attempt':
      requireLeaseHolder(next, event.owner, 'record an attempt');
      mergeAttempt(next, event.attempt);
      touch(next, event.attempt.endedAt ?? event.attempt.startedAt);
      return next;

    case 'settle': {
      requirePending(next, 'settled');
      requireLeaseHolder(next, event.owner, 'settle');
      const settlement = event.settlement;
      next.state = settlement.state;
      delete next.lease;
      if (settlement.state === 'placed') {
        next.orderId = settlement.orderId;
        delete next.rejection;
      } else if (settlement.state === 'rejected') {
        next.rejection = { errorClass: settlement.errorClass, message: settlement.message };
        delete next.orderId;
      } else {
        next.unknownReason = settlement.reason;
        delete next.orderId;
      }
      next.updatedAt = event.at;
      return next;
    }

    case 'release':
      requirePending(next, 'released');
      requireLeaseHolder(next, event.owner, 'release');
      delete next.lease;
      return next;

    case 'resolve':
      if (next.state !== 'unknown') {
        throw refuse(event.key, `can only be resolved from unknown, not ${next.state}`);
      }
      next.state = event.resolution.state;
      if (event.resolution.state === 'placed') next.orderId = event.resolution.orderId;
      next.evidence = [...next.evidence, cloneEvidence(event.resolution.evidence)];
      next.updatedAt = event.at;
      return next;

    case 'evidence':
      next.evidence = [...next.evidence, cloneEvidence(event.evidence)];
      touch(next, event.evidence.at);
      return next;

    case 'panel_state':
      if (next.state !== 'placed') {
        throw refuse(event.key, `has no panel state to update while ${next.state}`);
      }
      next.panelState = clonePanelState(event.panelState);
      // A later read that implies no refund does not take back one already recorded.
      if (event.refund !== undefined) next.refund = event.refund;
      touch(next, event.panelState.seenAt);
      return next;
  }
}

function mergeAttempt(entry: LedgerEntry, attempt: AttemptRecord): void {
  const index = entry.attempts.findIndex((recorded) => recorded.attempt === attempt.attempt);
  if (index === -1) {
    const last = entry.attempts.at(-1);
    if (last !== undefined && attempt.attempt <= last.attempt) {
      throw refuse(
        entry.key,
        `got attempt ${attempt.attempt} after attempt ${last.attempt}: numbers must increase`,
      );
    }
    entry.attempts = [...entry.attempts, cloneAttempt(attempt)];
    return;
  }

  const recorded = entry.attempts[index] as AttemptRecord;
  const merged: AttemptRecord = { ...recorded };
  for (const [field, value] of Object.entries(cloneAttempt(attempt))) {
    if (value !== undefined) (merged as unknown as Record<string, unknown>)[field] = value;
  }
  // The start time was made durable before the request left; a completion cannot move it.
  merged.startedAt = recorded.startedAt;
  const attempts = [...entry.attempts];
  attempts[index] = merged;
  entry.attempts = attempts;
}

function requirePending(entry: LedgerEntry, verb: string): void {
  if (entry.state !== 'pending') {
    throw refuse(entry.key, `cannot be ${verb}: it is ${entry.state}, not pending`);
  }
}

function requireLeaseHolder(entry: LedgerEntry, owner: string, action: string): void {
  if (entry.lease?.owner !== owner) {
    const holder = entry.lease === undefined ? 'nobody' : 'another owner';
    throw refuse(entry.key, `cannot ${action} for ${owner}: the lease is held by ${holder}`);
  }
}

function touch(entry: LedgerEntry, at: number): void {
  if (at > entry.updatedAt) entry.updatedAt = at;
}

function refuse(key: string, problem: string): LedgerError {
  return new LedgerError(`Ledger entry ${key} ${problem}`);
}
