import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openFileLedger } from '../../src/ledger/file-ledger.js';
import type { Ledger } from '../../src/ledger/ledger.js';
import { describeLedgerConformance } from './conformance.js';

describeLedgerConformance('file ledger', async () => {
  const directory = await mkdtemp(join(tmpdir(), 'smm-ledger-'));
  const path = join(directory, 'ledger.jsonl');
  const opened: Ledger[] = [await openFileLedger({ path })];
  return {
    ledger: opened[0] as Ledger,
    reopen: async () => {
      const again = await openFileLedger({ path });
      opened.push(again);
      return again;
    },
    cleanup: async () => {
      for (const ledger of opened) await ledger.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
});
