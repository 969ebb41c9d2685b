import { describe, expect, it } from 'vitest';
import { createMemoryLedger, MemoryLedger } from '../../src/ledger/memory-ledger.js';
import { describeLedgerConformance } from './conformance.js';

describeLedgerConformance('memory ledger', async () => {
  const ledger = createMemoryLedger();
  return { ledger, cleanup: () => ledger.close() };
});

describe('createMemoryLedger', () => {
  it('makes independent ledgers that share nothing', async () => {
    const first = createMemoryLedger();
    const second = createMemoryLedger();
    const intent = { key: 'k1', fingerprint: 'f', panel: 'p', params: {} };

    await first.claim(intent, { owner: 'a', leaseMs: 1_000, now: 0 });

    expect(first).toBeInstanceOf(MemoryLedger);
    expect(await second.get('k1')).toBeUndefined();
    expect((await second.claim(intent, { owner: 'b', leaseMs: 1_000, now: 0 })).kind).toBe(
      'claimed',
    );
  });
});
