import { describe, expect, it } from 'vitest';
import type { IntentState, PanelOrderState } from '../../src/ledger/ledger.js';
import {
  type ConformanceContext,
  claimAs,
  claimNew,
  driveTo,
  expectLedgerError,
  intentFor,
  OWNER_A,
  T0,
} from './conformance-helpers.js';

const PARTIAL: PanelOrderState = {
  status: 'partial',
  rawStatus: 'Partial',
  charge: '0.27819',
  remains: 40,
  startCount: 1200,
  currency: 'USD',
  seenAt: T0 + 100,
};

export function describeRecords(context: ConformanceContext): void {
  describe('resolve', () => {
    it('resolves unknown as placed, with the order id and the evidence', async () => {
      await driveTo(context.ledger, 'k1', 'unknown');
      const evidence = {
        at: T0 + 60,
        kind: 'replay',
        detail: 'Same key gave order 5',
        orderIds: ['5'],
      };

      const resolved = await context.ledger.resolve(
        'k1',
        { state: 'placed', orderId: '5', evidence },
        T0 + 60,
      );

      expect(resolved).toMatchObject({ state: 'placed', orderId: '5', updatedAt: T0 + 60 });
      expect(resolved.evidence).toEqual([evidence]);
      expect(await context.ledger.get('k1')).toEqual(resolved);
    });

    it('resolves unknown as not_placed', async () => {
      await driveTo(context.ledger, 'k1', 'unknown');
      const evidence = { at: T0 + 60, kind: 'grace_expired', detail: 'Nothing new on the panel' };

      const resolved = await context.ledger.resolve(
        'k1',
        { state: 'not_placed', evidence },
        T0 + 60,
      );

      expect(resolved.state).toBe('not_placed');
      expect(resolved.orderId).toBeUndefined();
    });

    it.each(['pending', 'placed', 'rejected', 'not_placed'] as IntentState[])(
      'refuses to resolve an entry that is %s',
      async (state) => {
        await driveTo(context.ledger, 'k1', state);
        const before = await context.ledger.get('k1');
        const evidence = { at: T0 + 60, kind: 'replay', detail: 'x' };

        await expectLedgerError(
          context.ledger.resolve('k1', { state: 'placed', orderId: '5', evidence }, T0 + 60),
        );
        expect(await context.ledger.get('k1')).toEqual(before);
      },
    );

    it('refuses to resolve a key that is not in the ledger', async () => {
      const evidence = { at: T0, kind: 'replay', detail: 'x' };
      await expectLedgerError(
        context.ledger.resolve('missing', { state: 'not_placed', evidence }, T0),
      );
    });
  });

  describe('evidence', () => {
    it('appends evidence in order without changing the state', async () => {
      await driveTo(context.ledger, 'k1', 'unknown');
      const first = {
        at: T0 + 10,
        kind: 'scan_candidate',
        detail: 'Order 8 matches',
        orderIds: ['8'],
      };
      const second = { at: T0 + 20, kind: 'duplicate_link_hint', detail: 'Panel refused the link' };

      await context.ledger.addEvidence('k1', first);
      await context.ledger.addEvidence('k1', second);

      const entry = await context.ledger.get('k1');
      expect(entry?.state).toBe('unknown');
      expect(entry?.evidence).toEqual([first, second]);
    });

    it('refuses evidence for a key that is not in the ledger', async () => {
      await expectLedgerError(
        context.ledger.addEvidence('missing', { at: T0, kind: 'replay', detail: 'x' }),
      );
    });
  });

  describe('panel state', () => {
    it('stores the panel state and the refund of a placed entry', async () => {
      await driveTo(context.ledger, 'k1', 'placed');

      await context.ledger.updatePanelState('k1', PARTIAL, '0.01112');

      const entry = await context.ledger.get('k1');
      expect(entry?.panelState).toEqual(PARTIAL);
      expect(entry?.refund).toBe('0.01112');
      expect(entry?.state).toBe('placed');
    });

    it('replaces the panel state and keeps an earlier refund when none is given', async () => {
      await driveTo(context.ledger, 'k1', 'placed');
      await context.ledger.updatePanelState('k1', PARTIAL, '0.01112');

      const later = { ...PARTIAL, rawStatus: 'partial', seenAt: T0 + 200 };
      await context.ledger.updatePanelState('k1', later);

      const entry = await context.ledger.get('k1');
      expect(entry?.panelState).toEqual(later);
      expect(entry?.refund).toBe('0.01112');
    });

    it.each(['pending', 'rejected', 'unknown', 'not_placed'] as IntentState[])(
      'refuses a panel state for an entry that is %s',
      async (state) => {
        await driveTo(context.ledger, 'k1', state);

        await expectLedgerError(context.ledger.updatePanelState('k1', PARTIAL, '0.01'));
        expect((await context.ledger.get('k1'))?.panelState).toBeUndefined();
      },
    );
  });

  describe('copies', () => {
    it('is not changed when a caller mutates an entry it was given', async () => {
      const claimed = await claimNew(context.ledger, 'k1');
      claimed.state = 'placed';
      claimed.attempts.push({ attempt: 9, startedAt: 0 });
      const fetched = await context.ledger.get('k1');
      (fetched?.params as Record<string, string>).link = 'changed';
      const page = await context.ledger.list();
      page.entries[0]?.evidence.push({ at: 0, kind: 'x', detail: 'x' });

      expect(await context.ledger.get('k1')).toMatchObject({
        state: 'pending',
        attempts: [],
        evidence: [],
        params: intentFor('k1').params,
      });
    });

    it('is not changed when a caller mutates what it passed in', async () => {
      const intent = intentFor('k1');
      await context.ledger.claim(intent, claimAs(OWNER_A));
      (intent.params as Record<string, string>).quantity = '999';
      const attempt = { attempt: 1, startedAt: T0 + 1 };
      await context.ledger.recordAttempt('k1', OWNER_A, attempt);
      attempt.startedAt = 0;
      await context.ledger.settle('k1', OWNER_A, { state: 'placed', orderId: '1' }, T0 + 2);
      const state = { ...PARTIAL };
      await context.ledger.updatePanelState('k1', state);
      state.remains = 0;
      const evidence = { at: T0 + 3, kind: 'replay', detail: 'kept' };
      await context.ledger.addEvidence('k1', evidence);
      evidence.detail = 'changed';

      const entry = await context.ledger.get('k1');
      expect(entry?.params.quantity).toBe('100');
      expect(entry?.attempts[0]?.startedAt).toBe(T0 + 1);
      expect(entry?.panelState?.remains).toBe(40);
      expect(entry?.evidence[0]?.detail).toBe('kept');
    });
  });

  describe('reads and close', () => {
    it('answers undefined for a key that is not in the ledger', async () => {
      expect(await context.ledger.get('missing')).toBeUndefined();
    });

    it('finishes changes already called for, then refuses calls, and closes twice harmlessly', async () => {
      const claiming = context.ledger.claim(intentFor('k1'), claimAs(OWNER_A));
      const closing = context.ledger.close();

      expect((await claiming).kind).toBe('claimed');
      await closing;
      await expectLedgerError(context.ledger.claim(intentFor('k2'), claimAs(OWNER_A)));
      await expectLedgerError(context.ledger.get('k1'));
      await context.ledger.close();
    });
  });
}
