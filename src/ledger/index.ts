export {
  FILE_LEDGER_DEFAULTS,
  type FileLedger,
  type FileLedgerOptions,
  openFileLedger,
} from './file-ledger.js';
export type {
  AttemptRecord,
  ClaimOptions,
  ClaimResult,
  Evidence,
  IntentState,
  Lease,
  Ledger,
  LedgerEntry,
  LedgerPage,
  ListOptions,
  OrderIntent,
  PanelOrderState,
  Resolution,
  Settlement,
} from './ledger.js';
export { createMemoryLedger, MemoryLedger } from './memory-ledger.js';
