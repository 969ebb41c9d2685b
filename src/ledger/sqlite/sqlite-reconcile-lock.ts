import { randomUUID } from 'node:crypto';
import type BetterSqlite3 from 'better-sqlite3';
import type { ReconcileLock } from '../ledger.js';
import { SQLITE_TABLES } from './sqlite-schema.js';

const L = SQLITE_TABLES.reconcileLock;

/** What {@link acquireSqliteReconcileLock} needs. */
export interface SqliteReconcileLockOptions {
  db: BetterSqlite3.Database;
  /** How long the lock lasts without renewal (ms); renewed every third of it while held. */
  ttlMs: number;
  now: () => number;
}

/**
 * Takes the reconcile lock of one SQLite ledger: a single row naming its holder and when the
 * hold expires. SQLite has no lock that dies with its process, so the row is a lease: the
 * holder renews it on a timer while it runs, and a holder killed mid-run blocks others for at
 * most `ttlMs`. Resolves `undefined` when another live holder has it.
 */
export function acquireSqliteReconcileLock(
  options: SqliteReconcileLockOptions,
): ReconcileLock | undefined {
  const { db, ttlMs, now } = options;
  const owner = randomUUID();
  const isTaken = db
    .transaction(() => {
      const held = db.prepare(`SELECT owner, expires_at FROM ${L} WHERE id = 1`).get() as
        | { owner: string; expires_at: number }
        | undefined;
      if (held !== undefined && now() < held.expires_at) return false;
      db.prepare(
        `INSERT INTO ${L} (id, owner, expires_at) VALUES (1, ?, ?)
         ON CONFLICT (id) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at`,
      ).run(owner, now() + ttlMs);
      return true;
    })
    .immediate();
  if (!isTaken) return undefined;

  const renew = setInterval(
    () => {
      try {
        db.prepare(`UPDATE ${L} SET expires_at = ? WHERE id = 1 AND owner = ?`).run(
          now() + ttlMs,
          owner,
        );
      } catch {
        // A failed renewal (database closed, busy past the timeout) only shortens the hold:
        // the lease then expires on its own, which is what a dead holder's does too.
      }
    },
    Math.max(1, Math.floor(ttlMs / 3)),
  );
  renew.unref();

  let released: Promise<void> | undefined;
  return {
    release: () => {
      released ??= (async () => {
        clearInterval(renew);
        if (db.open) db.prepare(`DELETE FROM ${L} WHERE id = 1 AND owner = ?`).run(owner);
      })();
      return released;
    },
  };
}
