import { LedgerError } from '../errors/order-errors.js';
import { cloneEntry } from './clone-entry.js';
import type { LedgerEntry, LedgerPage, ListOptions } from './ledger.js';

/** Paging defaults of every in-process ledger index. */
export const LIST_DEFAULTS = Object.freeze({
  /** Page size when `limit` is omitted: 500. */
  limit: 500,
  /** Largest page: 10 000 entries; larger limits are clamped. */
  maxLimit: 10_000,
});

const CURSOR_PREFIX = 'seq:';

/**
 * The in-memory state of a ledger: entries by key, and their keys in sequence order so a
 * cursor resumes with a binary search instead of a scan from the start.
 *
 * Entries stored here are never changed in place (the reducer returns new ones), and nothing
 * leaves without a copy, so callers cannot alias the ledger's state.
 */
export class EntryIndex {
  readonly #entries = new Map<string, LedgerEntry>();
  readonly #keys: string[] = [];
  readonly #sequences: number[] = [];

  /** The sequence the next new entry gets. */
  get nextSequence(): number {
    return (this.#sequences.at(-1) ?? 0) + 1;
  }

  get size(): number {
    return this.#entries.size;
  }

  /** The stored entry itself (not a copy): for the reducer, which never changes it. */
  peek(key: string): LedgerEntry | undefined {
    return this.#entries.get(key);
  }

  /** Stores a new or changed entry. A new entry must come after every stored one. */
  put(entry: LedgerEntry): void {
    const stored = this.#entries.get(entry.key);
    if (stored === undefined) {
      const last = this.#sequences.at(-1);
      if (last !== undefined && entry.sequence <= last) {
        throw new LedgerError(
          `Ledger entry ${entry.key} has sequence ${entry.sequence}, not after ${last}`,
        );
      }
      this.#keys.push(entry.key);
      this.#sequences.push(entry.sequence);
    } else if (stored.sequence !== entry.sequence) {
      throw new LedgerError(`Ledger entry ${entry.key} cannot change its sequence`);
    }
    this.#entries.set(entry.key, entry);
  }

  /** Every stored entry in sequence order (not copies): for snapshots. */
  *entries(): IterableIterator<LedgerEntry> {
    for (const key of this.#keys) yield this.#entries.get(key) as LedgerEntry;
  }

  /** One page of copies, in sequence order. */
  page(options: ListOptions = {}): LedgerPage {
    const limit = pageLimit(options.limit);
    const after = options.cursor === undefined ? 0 : decodeCursor(options.cursor);
    const states = options.states === undefined ? undefined : new Set(options.states);
    const matches = (entry: LedgerEntry): boolean =>
      states === undefined || states.has(entry.state);

    const entries: LedgerEntry[] = [];
    let position = this.#firstAfter(after);
    for (; position < this.#keys.length && entries.length < limit; position += 1) {
      const entry = this.#entryAt(position);
      if (matches(entry)) entries.push(cloneEntry(entry));
    }

    // Look ahead for one more match, so the last page says so instead of handing out a cursor
    // that leads to an empty page. The scan stops at the first match, where the next page
    // would start anyway.
    let hasMore = false;
    for (; position < this.#keys.length && !hasMore; position += 1) {
      hasMore = matches(this.#entryAt(position));
    }

    const last = entries.at(-1);
    const nextCursor = hasMore && last !== undefined ? encodeCursor(last.sequence) : undefined;
    return { entries, nextCursor };
  }

  #entryAt(position: number): LedgerEntry {
    return this.#entries.get(this.#keys[position] as string) as LedgerEntry;
  }

  /** The position of the first entry whose sequence is greater than `sequence`. */
  #firstAfter(sequence: number): number {
    let low = 0;
    let high = this.#sequences.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((this.#sequences[middle] as number) <= sequence) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}

function pageLimit(limit: number | undefined): number {
  if (limit === undefined) return LIST_DEFAULTS.limit;
  if (!Number.isInteger(limit) || limit < 1) {
    throw new LedgerError(`list: limit must be a positive integer, got ${String(limit)}`);
  }
  return Math.min(limit, LIST_DEFAULTS.maxLimit);
}

/** Cursors are opaque to callers: base64url of the last returned sequence. */
export function encodeCursor(sequence: number): string {
  return Buffer.from(`${CURSOR_PREFIX}${sequence}`, 'utf8').toString('base64url');
}

/** The sequence a cursor encodes; `LedgerError` for anything this module did not make. */
export function decodeCursor(cursor: string): number {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const digits = text.startsWith(CURSOR_PREFIX) ? text.slice(CURSOR_PREFIX.length) : '';
  if (!/^\d{1,15}$/.test(digits) || encodeCursor(Number(digits)) !== cursor) {
    throw new LedgerError('list: the cursor is malformed (pass back a nextCursor unchanged)');
  }
  return Number(digits);
}
