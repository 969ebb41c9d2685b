import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../src/errors/codes.js';
import { EntryIndex } from '../../src/ledger/entry-index.js';
import { EventLedger } from '../../src/ledger/event-ledger.js';
import type { LedgerEvent } from '../../src/ledger/ledger-event.js';
import { claimAs, intentFor, OWNER_A } from './conformance-helpers.js';

describe('EventLedger', () => {
  it('hands each change to the sink before applying it, in call order', async () => {
    const written: LedgerEvent[] = [];
    const ledger = new EventLedger(new EntryIndex(), {
      append: async (event) => {
        written.push(event);
      },
      close: async () => {},
    });

    await Promise.all([
      ledger.claim(intentFor('k1'), claimAs(OWNER_A)),
      ledger.claim(intentFor('k2'), claimAs(OWNER_A)),
      ledger.release('k1', OWNER_A),
    ]);

    expect(written.map((event) => event.type)).toEqual(['claim', 'claim', 'release']);
  });

  it('applies nothing when the sink fails, and reports a LedgerError with the cause', async () => {
    const diskFull = Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
    const ledger = new EventLedger(new EntryIndex(), {
      append: async () => {
        throw diskFull;
      },
      close: async () => {},
    });

    await expect(ledger.claim(intentFor('k1'), claimAs(OWNER_A))).rejects.toMatchObject({
      code: ErrorCode.LedgerFailed,
      cause: diskFull,
    });
    expect(await ledger.get('k1')).toBeUndefined();
  });

  it('writes nothing for a refused change', async () => {
    const written: LedgerEvent[] = [];
    const ledger = new EventLedger(new EntryIndex(), {
      append: async (event) => {
        written.push(event);
      },
      close: async () => {},
    });

    await expect(ledger.release('missing', OWNER_A)).rejects.toMatchObject({
      code: ErrorCode.LedgerFailed,
    });
    expect(written).toEqual([]);
  });
});
