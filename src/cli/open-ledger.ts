import { InvalidOptionsError } from '../errors/input-errors.js';
import { openFileLedger } from '../ledger/file-ledger.js';
import type { Ledger } from '../ledger/ledger.js';
import { createMemoryLedger } from '../ledger/memory-ledger.js';

/** The ledger the CLI uses when `--ledger` is not given. */
export const DEFAULT_CLI_LEDGER = 'file:./smm-panel-ledger.jsonl';

/**
 * Opens a ledger from a location string: `memory`, or `file:<path>` (a JSON-lines file).
 */
export async function openLedgerAt(location: string): Promise<Ledger> {
  if (location === 'memory') return createMemoryLedger();
  if (location.startsWith('file:')) {
    const path = location.slice('file:'.length);
    if (path === '') throw new InvalidOptionsError('--ledger', 'file: needs a path');
    return openFileLedger({ path });
  }
  throw new InvalidOptionsError(
    '--ledger',
    `unsupported location "${location}" (use memory or file:<path>)`,
  );
}
