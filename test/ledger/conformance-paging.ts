import { describe, expect, it } from 'vitest';
import type { IntentState, Ledger } from '../../src/ledger/ledger.js';
import {
  type ConformanceContext,
  claimAs,
  claimNew,
  driveTo,
  expectLedgerError,
  intentFor,
  listAll,
  OWNER_A,
  OWNER_B,
  T0,
} from './conformance-helpers.js';

const CYCLE: IntentState[] = ['pending', 'placed', 'rejected', 'unknown', 'not_placed'];

async function claimMany(ledger: Ledger, count: number): Promise<string[]> {
  const keys: string[] = [];
  for (let index = 0; index < count; index += 1) {
    const key = `key-${String(index).padStart(3, '0')}`;
    await claimNew(ledger, key, T0 + index);
    keys.push(key);
  }
  return keys;
}

export function describePaging(context: ConformanceContext): void {
  describe('list', () => {
    it('walks 50 entries with limit 7 in insertion order, each exactly once', async () => {
      const keys = await claimMany(context.ledger, 50);
      // Settle some in the middle: a change must not move an entry in the order.
      await context.ledger.settle('key-010', OWNER_A, { state: 'placed', orderId: '1' }, T0 + 99);

      const seen: string[] = [];
      const sizes: number[] = [];
      let cursor: string | undefined;
      do {
        const page = await context.ledger.list(
          cursor === undefined ? { limit: 7 } : { limit: 7, cursor },
        );
        sizes.push(page.entries.length);
        seen.push(...page.entries.map((entry) => entry.key));
        cursor = page.nextCursor;
      } while (cursor !== undefined);

      expect(seen).toEqual(keys);
      expect(sizes).toEqual([7, 7, 7, 7, 7, 7, 7, 1]);
    });

    it('never returns a page larger than the limit, and the last page has no cursor', async () => {
      await claimMany(context.ledger, 12);

      const first = await context.ledger.list({ limit: 5 });
      const exact = await context.ledger.list({ limit: 12 });
      const wide = await context.ledger.list({ limit: 100 });

      expect(first.entries).toHaveLength(5);
      expect(first.nextCursor).toBeTypeOf('string');
      expect(exact.entries).toHaveLength(12);
      expect(exact.nextCursor).toBeUndefined();
      expect(wide.entries).toHaveLength(12);
      expect(wide.nextCursor).toBeUndefined();
    });

    it('filters by state while paging', async () => {
      for (let index = 0; index < 20; index += 1) {
        await driveTo(
          context.ledger,
          `k${String(index).padStart(2, '0')}`,
          CYCLE[index % 5] as IntentState,
        );
      }

      const collected: string[] = [];
      let cursor: string | undefined;
      do {
        const options = { limit: 3, states: ['unknown', 'placed'] as IntentState[] };
        const page = await context.ledger.list(
          cursor === undefined ? options : { ...options, cursor },
        );
        expect(page.entries.length).toBeLessThanOrEqual(3);
        for (const entry of page.entries) expect(['unknown', 'placed']).toContain(entry.state);
        collected.push(...page.entries.map((entry) => entry.key));
        cursor = page.nextCursor;
      } while (cursor !== undefined);

      expect(collected).toEqual(['k01', 'k03', 'k06', 'k08', 'k11', 'k13', 'k16', 'k18']);
    });

    it('lists an empty ledger as one empty page without a cursor', async () => {
      expect(await context.ledger.list()).toEqual({ entries: [], nextCursor: undefined });
      expect(await context.ledger.list({ states: ['placed'] })).toEqual({
        entries: [],
        nextCursor: undefined,
      });
    });

    it('refuses a malformed cursor and a limit below 1', async () => {
      await claimMany(context.ledger, 2);

      await expectLedgerError(context.ledger.list({ cursor: 'not a cursor' }));
      await expectLedgerError(context.ledger.list({ limit: 0 }));
      await expectLedgerError(context.ledger.list({ limit: 1.5 }));
    });
  });
}

export function describeDurability(context: ConformanceContext): void {
  describe('durability', () => {
    it('keeps every entry, field and lease across close and reopen', async (test) => {
      const reopen = context.harness.reopen;
      if (reopen === undefined) {
        test.skip();
        return;
      }
      for (const [index, state] of CYCLE.entries())
        await driveTo(context.ledger, `k${index}`, state);
      await context.ledger.recordAttempt('k0', OWNER_A, {
        attempt: 1,
        startedAt: T0 + 1,
        endedAt: T0 + 5,
        sendState: 'maybe_sent',
        errorCode: 'SMM_TIMEOUT',
      });
      await context.ledger.updatePanelState(
        'k1',
        {
          status: 'canceled',
          rawStatus: 'Canceled',
          charge: '0',
          seenAt: T0 + 40,
        },
        '0.27',
      );
      await context.ledger.addEvidence('k3', {
        at: T0 + 41,
        kind: 'scan_candidate',
        detail: 'none',
      });
      await context.ledger.release('k0', OWNER_A);
      await context.ledger.claim(intentFor('k0'), claimAs(OWNER_B, T0 + 50));
      const before = await listAll(context.ledger, 2);

      await context.ledger.close();
      const reopened = await reopen();
      try {
        expect(await listAll(reopened, 3)).toEqual(before);
        const locked = await reopened.claim(intentFor('k0'), claimAs(OWNER_A, T0 + 51));
        expect(locked.kind).toBe('locked');
        const fresh = await reopened.claim(intentFor('k9'), claimAs(OWNER_A, T0 + 52));
        const last = before.at(-1)?.sequence ?? 0;
        expect(fresh.entry.sequence).toBeGreaterThan(last);
      } finally {
        await reopened.close();
      }
    });
  });
}
