import { expect } from 'vitest';
import { ErrorCode } from '../../src/errors/codes.js';
import type {
  ClaimOptions,
  IntentState,
  Ledger,
  LedgerEntry,
  OrderIntent,
  Settlement,
} from '../../src/ledger/ledger.js';

/** What a conformance run gets from the adapter under test, fresh for every test. */
export interface LedgerHarness {
  ledger: Ledger;
  /**
   * Opens the same storage again, after the test closed `ledger`. Given by durable adapters
   * only. The test closes the ledger it returns.
   */
  reopen?: () => Promise<Ledger>;
  /** Removes the storage. Must tolerate `ledger` being closed already. */
  cleanup: () => Promise<void>;
}

/** Opens a fresh, empty ledger. */
export type OpenLedgerHarness = () => Promise<LedgerHarness>;

/** The current harness; set before each test by the conformance suite. */
export interface ConformanceContext {
  readonly harness: LedgerHarness;
  readonly ledger: Ledger;
}

/** A fixed epoch time: every test passes its clock explicitly, nothing sleeps. */
export const T0 = 1_700_000_000_000;
export const LEASE_MS = 30_000;
export const OWNER_A = 'worker-a';
export const OWNER_B = 'worker-b';

export function intentFor(key: string, fingerprint = `fp-${key}`): OrderIntent {
  return {
    key,
    fingerprint,
    panel: 'test-panel',
    params: { service: '1', link: `https://example.com/p/${key}`, quantity: '100' },
    expectedCharge: '0.27',
    currency: 'USD',
  };
}

export function claimAs(owner: string, now = T0, extra?: Partial<ClaimOptions>): ClaimOptions {
  return { owner, leaseMs: LEASE_MS, now, ...extra };
}

/** Claims `key` as {@link OWNER_A} at {@link T0} and expects it to be new. */
export async function claimNew(ledger: Ledger, key: string, now = T0): Promise<LedgerEntry> {
  const result = await ledger.claim(intentFor(key), claimAs(OWNER_A, now));
  expect(result.kind).toBe('claimed');
  return result.entry;
}

/** Records `key` and brings it to `state` the way the order path and reconciler would. */
export async function driveTo(ledger: Ledger, key: string, state: IntentState): Promise<void> {
  await claimNew(ledger, key);
  await ledger.recordAttempt(key, OWNER_A, { attempt: 1, startedAt: T0 + 1 });
  if (state === 'pending') return;

  if (state === 'placed') {
    await ledger.settle(key, OWNER_A, { state: 'placed', orderId: `order-${key}` }, T0 + 2);
  } else if (state === 'rejected') {
    const rejection: Settlement = {
      state: 'rejected',
      errorClass: 'funds',
      message: 'Not enough funds',
    };
    await ledger.settle(key, OWNER_A, rejection, T0 + 2);
  } else {
    await ledger.settle(key, OWNER_A, { state: 'unknown', reason: 'timeout' }, T0 + 2);
    if (state === 'not_placed') {
      const evidence = { at: T0 + 3, kind: 'grace_expired', detail: 'No order appeared' };
      await ledger.resolve(key, { state: 'not_placed', evidence }, T0 + 3);
    }
  }
}

/** Asserts that `promise` rejects with the ledger's stable error code. */
export async function expectLedgerError(promise: Promise<unknown>): Promise<void> {
  await expect(promise).rejects.toMatchObject({ code: ErrorCode.LedgerFailed });
}

/** Every entry, by paging with `limit`. */
export async function listAll(ledger: Ledger, limit = 100): Promise<LedgerEntry[]> {
  const all: LedgerEntry[] = [];
  let cursor: string | undefined;
  do {
    const page = await ledger.list(cursor === undefined ? { limit } : { limit, cursor });
    all.push(...page.entries);
    cursor = page.nextCursor;
  } while (cursor !== undefined);
  return all;
}
