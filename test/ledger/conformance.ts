import { afterEach, beforeEach, describe } from 'vitest';
import type { Ledger } from '../../src/ledger/ledger.js';
import { describeClaims } from './conformance-claims.js';
import type {
  ConformanceContext,
  LedgerHarness,
  OpenLedgerHarness,
} from './conformance-helpers.js';
import { describeDurability, describePaging } from './conformance-paging.js';
import { describeRecords } from './conformance-records.js';
import { describeSettleAndAttempts } from './conformance-settle.js';

export type { LedgerHarness, OpenLedgerHarness } from './conformance-helpers.js';

/**
 * The behaviour every ledger adapter must share, as one reusable suite. Each test gets a fresh,
 * empty ledger from `open` and calls `cleanup` afterwards. Time is always passed as `now`;
 * nothing sleeps, so the suite runs the same against memory, a file, SQLite or PostgreSQL.
 * Give `reopen` (durable adapters) to also check that everything survives close and reopen.
 */
export function describeLedgerConformance(name: string, open: OpenLedgerHarness): void {
  describe(`${name} (ledger conformance)`, () => {
    let current: LedgerHarness | undefined;
    const context: ConformanceContext = {
      get harness(): LedgerHarness {
        if (current === undefined) throw new Error('No ledger: the suite has not opened one');
        return current;
      },
      get ledger(): Ledger {
        return this.harness.ledger;
      },
    };

    beforeEach(async () => {
      current = await open();
    });

    afterEach(async () => {
      const finished = current;
      current = undefined;
      await finished?.cleanup();
    });

    describeClaims(context);
    describeSettleAndAttempts(context);
    describeRecords(context);
    describePaging(context);
    describeDurability(context);
  });
}
