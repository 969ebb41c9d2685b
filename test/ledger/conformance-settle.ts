import { describe, expect, it } from 'vitest';
import {
  type ConformanceContext,
  claimAs,
  claimNew,
  driveTo,
  expectLedgerError,
  intentFor,
  LEASE_MS,
  OWNER_A,
  OWNER_B,
  T0,
} from './conformance-helpers.js';

export function describeSettleAndAttempts(context: ConformanceContext): void {
  describe('settle', () => {
    it('settles placed with the order id and clears the lease', async () => {
      await claimNew(context.ledger, 'k1');

      const settled = await context.ledger.settle(
        'k1',
        OWNER_A,
        { state: 'placed', orderId: '9007199254740993' },
        T0 + 50,
      );

      expect(settled).toMatchObject({ state: 'placed', orderId: '9007199254740993' });
      expect(settled.lease).toBeUndefined();
      expect(settled.updatedAt).toBe(T0 + 50);
      expect(await context.ledger.get('k1')).toEqual(settled);
    });

    it("settles rejected with the panel's error class and message", async () => {
      await claimNew(context.ledger, 'k1');

      const settled = await context.ledger.settle(
        'k1',
        OWNER_A,
        { state: 'rejected', errorClass: 'validation', message: 'Incorrect service ID' },
        T0 + 50,
      );

      expect(settled.state).toBe('rejected');
      expect(settled.rejection).toEqual({
        errorClass: 'validation',
        message: 'Incorrect service ID',
      });
      expect(settled.orderId).toBeUndefined();
      expect(settled.lease).toBeUndefined();
    });

    it('settles unknown and keeps the reason', async () => {
      await claimNew(context.ledger, 'k1');

      const settled = await context.ledger.settle(
        'k1',
        OWNER_A,
        { state: 'unknown', reason: 'timeout after the request was written' },
        T0 + 50,
      );

      expect(settled.state).toBe('unknown');
      expect(settled.unknownReason).toBe('timeout after the request was written');
      expect(settled.lease).toBeUndefined();
    });

    it('refuses to settle for an owner that does not hold the lease, changing nothing', async () => {
      await claimNew(context.ledger, 'k1');
      const before = await context.ledger.get('k1');

      await expectLedgerError(
        context.ledger.settle('k1', OWNER_B, { state: 'placed', orderId: '1' }, T0 + 1),
      );
      expect(await context.ledger.get('k1')).toEqual(before);
    });

    it('refuses to settle for the previous owner once another took the lease over', async () => {
      await claimNew(context.ledger, 'k1');
      await context.ledger.claim(intentFor('k1'), claimAs(OWNER_B, T0 + LEASE_MS + 1));

      await expectLedgerError(
        context.ledger.settle('k1', OWNER_A, { state: 'placed', orderId: '1' }, T0 + LEASE_MS + 2),
      );
      expect((await context.ledger.get('k1'))?.state).toBe('pending');
    });

    it('lets the owner settle after its lease expired when nobody took it over', async () => {
      await claimNew(context.ledger, 'k1');

      const settled = await context.ledger.settle(
        'k1',
        OWNER_A,
        { state: 'placed', orderId: '77' },
        T0 + 10 * LEASE_MS,
      );

      expect(settled.state).toBe('placed');
    });

    it('refuses to settle an entry that is not pending', async () => {
      await driveTo(context.ledger, 'k1', 'placed');
      await driveTo(context.ledger, 'k2', 'unknown');

      await expectLedgerError(
        context.ledger.settle('k1', OWNER_A, { state: 'placed', orderId: '2' }, T0 + 9),
      );
      await expectLedgerError(
        context.ledger.settle('k2', OWNER_A, { state: 'placed', orderId: '2' }, T0 + 9),
      );
      expect((await context.ledger.get('k1'))?.orderId).toBe('order-k1');
    });

    it('refuses to settle a key that is not in the ledger', async () => {
      await expectLedgerError(
        context.ledger.settle('missing', OWNER_A, { state: 'placed', orderId: '2' }, T0),
      );
    });
  });

  describe('release', () => {
    it('refuses a release by an owner that does not hold the lease', async () => {
      await claimNew(context.ledger, 'k1');

      await expectLedgerError(context.ledger.release('k1', OWNER_B));
      expect((await context.ledger.get('k1'))?.lease?.owner).toBe(OWNER_A);
    });

    it('refuses to release a settled entry', async () => {
      await driveTo(context.ledger, 'k1', 'placed');

      await expectLedgerError(context.ledger.release('k1', OWNER_A));
    });
  });

  describe('attempts', () => {
    it('appends attempts in order and completes one by its number, keeping its start', async () => {
      await claimNew(context.ledger, 'k1');
      await context.ledger.recordAttempt('k1', OWNER_A, { attempt: 1, startedAt: T0 + 1 });
      await context.ledger.recordAttempt('k1', OWNER_A, {
        attempt: 1,
        startedAt: T0 + 999,
        endedAt: T0 + 2,
        sendState: 'not_sent',
        errorCode: 'SMM_CONNECT_FAILED',
      });
      await context.ledger.recordAttempt('k1', OWNER_A, { attempt: 2, startedAt: T0 + 3 });
      await context.ledger.recordAttempt('k1', OWNER_A, {
        attempt: 2,
        startedAt: T0 + 3,
        endedAt: T0 + 4,
        sendState: 'answered',
        httpStatus: 200,
        orderId: '42',
        excerpt: '{"order":42}',
      });

      const entry = await context.ledger.get('k1');
      expect(entry?.attempts).toEqual([
        {
          attempt: 1,
          startedAt: T0 + 1,
          endedAt: T0 + 2,
          sendState: 'not_sent',
          errorCode: 'SMM_CONNECT_FAILED',
        },
        {
          attempt: 2,
          startedAt: T0 + 3,
          endedAt: T0 + 4,
          sendState: 'answered',
          httpStatus: 200,
          orderId: '42',
          excerpt: '{"order":42}',
        },
      ]);
      expect(entry?.updatedAt).toBe(T0 + 4);
    });

    it('refuses an attempt from an owner that does not hold the lease', async () => {
      await claimNew(context.ledger, 'k1');

      await expectLedgerError(
        context.ledger.recordAttempt('k1', OWNER_B, { attempt: 1, startedAt: T0 + 1 }),
      );
      expect((await context.ledger.get('k1'))?.attempts).toEqual([]);
    });

    it('refuses an attempt once the entry is settled', async () => {
      await driveTo(context.ledger, 'k1', 'placed');

      await expectLedgerError(
        context.ledger.recordAttempt('k1', OWNER_A, { attempt: 2, startedAt: T0 + 5 }),
      );
    });

    it('refuses a new attempt whose number does not increase', async () => {
      await claimNew(context.ledger, 'k1');
      await context.ledger.recordAttempt('k1', OWNER_A, { attempt: 2, startedAt: T0 + 1 });

      await expectLedgerError(
        context.ledger.recordAttempt('k1', OWNER_A, { attempt: 1, startedAt: T0 + 2 }),
      );
      await expectLedgerError(
        context.ledger.recordAttempt('k1', OWNER_A, { attempt: 0, startedAt: T0 + 2 }),
      );
      expect((await context.ledger.get('k1'))?.attempts).toHaveLength(1);
    });
  });
}
