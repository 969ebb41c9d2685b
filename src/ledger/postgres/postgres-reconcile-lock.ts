import type { Pool } from 'pg';
import type { ReconcileLock } from '../ledger.js';
import type { PostgresNames } from './postgres-names.js';
import { ADVISORY_LOCK_CLASS } from './postgres-schema.js';

/**
 * Takes the reconcile lock of one PostgreSQL ledger: a session advisory lock
 * (`pg_try_advisory_lock`) on a connection taken from the pool and held until `release()`.
 * The server frees it by itself when that connection ends, so a reconciler that dies never
 * blocks the next one. Resolves `undefined` at once when another session holds it.
 *
 * The held connection counts against the pool's size for the whole run: a pool of one
 * connection would leave the reconciler none for its ledger calls.
 */
export async function acquirePostgresReconcileLock(
  pool: Pool,
  names: PostgresNames,
): Promise<ReconcileLock | undefined> {
  const key = [ADVISORY_LOCK_CLASS, `reconcile:${names.lockName}`];
  const client = await pool.connect();
  try {
    const result = await client.query<{ locked: boolean }>(
      'SELECT pg_try_advisory_lock($1::int, hashtext($2)) AS locked',
      key,
    );
    if (result.rows[0]?.locked !== true) {
      client.release();
      return undefined;
    }
  } catch (error) {
    client.release(error as Error);
    throw error;
  }

  let released: Promise<void> | undefined;
  return {
    release: () => {
      released ??= client.query('SELECT pg_advisory_unlock($1::int, hashtext($2))', key).then(
        () => client.release(),
        // Destroying the connection frees the lock as surely as unlocking does.
        (error: Error) => client.release(error),
      );
      return released;
    },
  };
}
