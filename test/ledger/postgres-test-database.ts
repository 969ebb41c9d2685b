import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe } from 'vitest';

/**
 * The PostgreSQL server the tests use, from `DATABASE_URL`. Outside CI, without it, the
 * PostgreSQL suites skip with a one-line reason; in CI they must run, so a missing URL fails
 * the run here, loudly, instead of passing by skipping.
 */
export const DATABASE_URL = process.env.DATABASE_URL || undefined;

const isCi = process.env.CI !== undefined && !['', '0', 'false'].includes(process.env.CI);
if (DATABASE_URL === undefined && isCi) {
  throw new Error('CI is set but DATABASE_URL is not: the PostgreSQL tests must run in CI');
}

/** `describe`, skipped with the reason in its name when there is no database. */
export function describePostgres(name: string, body: () => void): void {
  if (DATABASE_URL === undefined) {
    describe.skip(`${name} (skipped: DATABASE_URL not set)`, body);
  } else {
    describe(name, body);
  }
}

/** A schema name of its own for one test run, so parallel and repeated runs never meet. */
export function uniqueSchemaName(purpose: string): string {
  return `smm_test_${purpose}_${process.pid}_${randomBytes(4).toString('hex')}`;
}

/** A pool for setting up and dropping test schemas; the caller ends it. */
export function adminPool(): pg.Pool {
  const pool = new pg.Pool({ connectionString: DATABASE_URL, max: 2 });
  pool.on('error', () => undefined);
  return pool;
}

/** Drops a test schema and everything in it. */
export async function dropSchema(pool: pg.Pool, schema: string): Promise<void> {
  await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
}
