/**
 * Everything the benchmarks take from the SDK and the sandbox, in one entry that
 * `load-sdk.ts` bundles the way `npm run build` bundles `dist/` (tsup, no name-keeping
 * helpers), so the figures are those of the code users run.
 */
export { decodeAnswer } from '../../src/api/decode-answer.js';
export { PanelClient } from '../../src/client/panel-client.js';
export { openFileLedger } from '../../src/ledger/file-ledger.js';
export { createMemoryLedger } from '../../src/ledger/memory-ledger.js';
export { EventHub } from '../../src/observe/event-hub.js';
export { attachLogging } from '../../src/observe/sdk-logger.js';
