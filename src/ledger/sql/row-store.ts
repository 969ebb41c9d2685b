import type { IntentState, LedgerEntry } from '../ledger.js';

/** What a decision on an existing row wants written, and what the caller gets. */
export interface RowDecision<T> {
  /** The changed entry to write (same key and sequence), or undefined to write nothing. */
  write?: LedgerEntry;
  result: T;
}

/**
 * The storage under a {@link SqlLedger}: rows of entries in a SQL database. Every decision is
 * made by a pure callback while the row is locked inside one transaction, so the adapters
 * differ only in SQL and locking, never in the ledger's rules.
 *
 * Callbacks are synchronous on purpose: SQLite runs the whole transaction without giving the
 * event loop back, so no other call in the process can meet a half-done transaction.
 */
export interface RowStore {
  /**
   * In one transaction: inserts `fresh` unless its key exists and answers the sequence the
   * store gave it; otherwise locks the existing row, calls `decide` with its entry, writes what
   * it returns, and answers its result. A callback that throws rolls everything back.
   */
  claim<T>(
    fresh: LedgerEntry,
    decide: (current: LedgerEntry) => RowDecision<T>,
  ): Promise<{ inserted: number } | { decided: T }>;
  /**
   * In one transaction: locks the row of `key`, calls `apply` with its entry (undefined when
   * there is none) and writes the entry it returns. `apply` throws to refuse the change.
   */
  change(
    key: string,
    apply: (current: LedgerEntry | undefined) => LedgerEntry,
  ): Promise<LedgerEntry>;
  /** One entry, without locking. */
  read(key: string): Promise<LedgerEntry | undefined>;
  /** Up to `limit` entries with a sequence above `after`, in sequence order. */
  page(
    after: number,
    limit: number,
    states: readonly IntentState[] | undefined,
  ): Promise<LedgerEntry[]>;
  /** Releases what the store opened; never called twice. */
  close(): Promise<void>;
}
