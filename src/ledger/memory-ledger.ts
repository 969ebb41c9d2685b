import { EntryIndex } from './entry-index.js';
import { EventLedger } from './event-ledger.js';
import type { Ledger } from './ledger.js';

/*
 * What an in-memory ledger risks: it lives only as long as the process. A crash or a restart
 * forgets every intent, so
 * - an order whose outcome was `unknown` can no longer be reconciled: the ledger does not
 *   remember that it may exist, and nobody looks for it;
 * - a retry after the restart with the same idempotency key finds no entry, is claimed as new
 *   and sent again: if the first request reached the panel, the order is paid twice;
 * - two processes never see each other's leases.
 * Use it for tests and short scripts; a service that orders for real wants the file, SQLite or
 * PostgreSQL ledger.
 */

/**
 * A ledger held in this process's memory: every method resolves at once, nothing survives the
 * process. Entries are copied in and out, so mutating a returned entry never changes the
 * ledger. See the comment at the top of this file for what that costs after a crash.
 */
export class MemoryLedger extends EventLedger {
  constructor() {
    super(new EntryIndex(), { append: async () => {}, close: async () => {} });
  }
}

/** Creates an empty {@link MemoryLedger}. Nothing is durable: a restart forgets everything. */
export function createMemoryLedger(): Ledger {
  return new MemoryLedger();
}
