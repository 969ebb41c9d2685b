import { LedgerError } from '../../errors/order-errors.js';
import type { IntentState, LedgerEntry } from '../ledger.js';
import type { LedgerEvent } from '../ledger-event.js';
import { ledgerEventSchema } from '../ledger-event-schema.js';

/**
 * One ledger entry as a SQL row. The whole entry, except its sequence, is the JSON `body`: it
 * is what is read back. The other columns copy the fields that queries filter, sort or look
 * up by (state, lease, order id), plus the key's fingerprint and times for people reading the
 * table; they are rewritten from the entry on every write, so they cannot drift from it.
 */
export interface EntryRow {
  key: string;
  fingerprint: string;
  panel: string;
  state: IntentState;
  leaseOwner: string | null;
  /** Epoch ms. */
  leaseExpiresAt: number | null;
  /** The panel's order id, exact text (ids are never stored as floating-point numbers). */
  orderId: string | null;
  createdAt: number;
  updatedAt: number;
  /** JSON of the entry without `sequence` (the row's own column). */
  body: string;
}

/** The row that stores `entry`. */
export function rowOf(entry: LedgerEntry): EntryRow {
  const { sequence: _sequence, ...rest } = entry;
  return {
    key: entry.key,
    fingerprint: entry.fingerprint,
    panel: entry.panel,
    state: entry.state,
    leaseOwner: entry.lease?.owner ?? null,
    leaseExpiresAt: entry.lease?.expiresAt ?? null,
    orderId: entry.orderId ?? null,
    createdAt: entry.createdAt,
    updatedAt: entry.updatedAt,
    body: JSON.stringify(rest),
  };
}

/**
 * The entry a row stores, checked against the same schema the file ledger replays with, so a
 * row edited by hand into something the ledger cannot use is reported, not half-used. Parsing
 * also makes a fresh copy: nothing returned aliases anything kept.
 */
export function entryOf(sequence: number | string | bigint, body: string): LedgerEntry {
  let decoded: unknown;
  try {
    decoded = JSON.parse(body);
  } catch (error) {
    throw new LedgerError(`Ledger row ${String(sequence)} holds a body that is not JSON`, {
      cause: error,
    });
  }
  const parsed = ledgerEventSchema.safeParse({
    type: 'entry',
    entry: { ...(decoded as object), sequence: Number(sequence) },
  });
  if (!parsed.success || parsed.data.type !== 'entry') {
    const issue = parsed.error?.issues[0];
    const where = issue === undefined ? '' : ` (${issue.path.join('.')}: ${issue.message})`;
    throw new LedgerError(`Ledger row ${String(sequence)} is not a valid entry${where}`);
  }
  return parsed.data.entry;
}

/**
 * Checks a change against the event schema before anything is written: a value a durable
 * store cannot keep faithfully (a number as a param, NaN, a field of the wrong type) is refused
 * with `LedgerError`. Parsing also copies the caller's objects and drops unknown fields.
 */
export function checkEvent<T extends LedgerEvent>(event: T): T {
  const parsed = ledgerEventSchema.safeParse(event);
  if (!parsed.success) {
    const key = event.type === 'entry' ? event.entry.key : event.key;
    const issue = parsed.error.issues[0];
    const where = issue === undefined ? '' : `${issue.path.join('.')}: ${issue.message}`;
    throw new LedgerError(`Ledger change for ${String(key)} is malformed (${where})`);
  }
  return parsed.data as T;
}
