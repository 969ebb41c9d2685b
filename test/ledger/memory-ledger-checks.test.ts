import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../src/errors/codes.js';
import type { AttemptRecord, PanelOrderState } from '../../src/ledger/ledger.js';
import { createMemoryLedger } from '../../src/ledger/memory-ledger.js';
import { claimAs, intentFor, OWNER_A, T0 } from './conformance-helpers.js';

const refused = { code: ErrorCode.LedgerFailed };

describe('the memory ledger without the event schema', () => {
  it('refuses an attempt whose fields have the wrong types, recording nothing', async () => {
    const ledger = createMemoryLedger();
    await ledger.claim(intentFor('k1'), claimAs(OWNER_A));
    const bad = [
      { attempt: 1, startedAt: T0, endedAt: Number.NaN },
      { attempt: 1, startedAt: T0, sendState: 'sent' },
      { attempt: 1, startedAt: T0, httpStatus: 200.5 },
      { attempt: 1, startedAt: T0, errorClass: 'nope' },
      { attempt: 1, startedAt: T0, orderId: 17 },
    ];
    for (const attempt of bad) {
      await expect(
        ledger.recordAttempt('k1', OWNER_A, attempt as unknown as AttemptRecord),
      ).rejects.toMatchObject(refused);
    }
    expect((await ledger.get('k1'))?.attempts).toEqual([]);
  });

  it('refuses a settlement, evidence or panel state the schema would refuse', async () => {
    const ledger = createMemoryLedger();
    await ledger.claim(intentFor('k1'), claimAs(OWNER_A));
    await expect(
      ledger.settle('k1', OWNER_A, { state: 'placed', orderId: 5 as unknown as string }, T0),
    ).rejects.toMatchObject(refused);
    await expect(
      ledger.addEvidence('k1', { at: T0, kind: 'x', detail: 'y', orderIds: [1 as never] }),
    ).rejects.toMatchObject(refused);
    await ledger.settle('k1', OWNER_A, { state: 'placed', orderId: '5' }, T0 + 1);
    const state = { status: 'done', rawStatus: 'Done', seenAt: T0 + 2 };
    await expect(
      ledger.updatePanelState('k1', state as unknown as PanelOrderState),
    ).rejects.toMatchObject(refused);
    const entry = await ledger.get('k1');
    expect(entry?.evidence).toEqual([]);
    expect(entry?.panelState).toBeUndefined();
  });

  it('keeps only the fields the ledger knows from what a caller passes in', async () => {
    const ledger = createMemoryLedger();
    const intent = { ...intentFor('k1'), extra: { secret: 'x' } };
    await ledger.claim(intent, claimAs(OWNER_A));
    const attempt = { attempt: 1, startedAt: T0 + 1, extra: ['kept?'] };
    await ledger.recordAttempt('k1', OWNER_A, attempt);

    const entry = await ledger.get('k1');
    expect(entry).not.toHaveProperty('extra');
    expect(entry?.attempts[0]).toEqual({ attempt: 1, startedAt: T0 + 1 });
  });
});
