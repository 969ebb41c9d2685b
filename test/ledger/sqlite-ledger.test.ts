import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Ledger } from '../../src/ledger/ledger.js';
import { openSqliteLedger } from '../../src/sqlite.js';
import { describeLedgerConformance } from './conformance.js';

describeLedgerConformance('sqlite ledger', async () => {
  const directory = await mkdtemp(join(tmpdir(), 'smm-sqlite-'));
  const path = join(directory, 'ledger.db');
  const opened: Ledger[] = [await openSqliteLedger({ path })];
  return {
    ledger: opened[0] as Ledger,
    reopen: async () => {
      const again = await openSqliteLedger({ path });
      opened.push(again);
      return again;
    },
    cleanup: async () => {
      for (const ledger of opened) await ledger.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
});
