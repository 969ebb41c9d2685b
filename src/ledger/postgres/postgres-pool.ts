import type PgModule from 'pg';
import type { Pool } from 'pg';
import { defaultExport, loadOptionalPeer } from '../sql/load-optional-peer.js';

/** Loads the optional peer dependency pg, or throws `LedgerError` saying to install it. */
export async function loadPg(): Promise<typeof PgModule> {
  return defaultExport(await loadOptionalPeer('pg', 'PostgreSQL', () => import('pg')));
}

/** Settings of a pool the ledger opens from a URL. */
export interface OwnedPoolSettings {
  connectionString: string;
  maxConnections: number;
}

/**
 * Opens a pool the ledger owns (and ends on close). Each session asks for
 * `synchronous_commit = on`, so a commit has reached the server's disk before the call
 * resolves even when the server's default was relaxed; a pool the caller passes keeps the
 * caller's settings.
 */
export async function openOwnedPool(settings: OwnedPoolSettings): Promise<Pool> {
  const pg = await loadPg();
  const pool = new pg.Pool({
    connectionString: settings.connectionString,
    max: settings.maxConnections,
    options: '-c synchronous_commit=on',
  });
  // An idle connection dropped by the server emits 'error' on the pool; unheard, it would end
  // the process. The failure shows on the next query instead, as a LedgerError.
  pool.on('error', () => undefined);
  return pool;
}
