import type { Ledger } from '../ledger/ledger.js';
import type { EventHub } from './event-hub.js';

/**
 * Wraps a ledger so that every write emits a `ledgerWrite` event once it is durable. Reads
 * pass straight through. With no listener, the wrapper adds one map lookup per write.
 */
export function observeLedger(ledger: Ledger, events: EventHub): Ledger {
  const emit = events.emit.bind(events);
  return {
    async claim(intent, options) {
      const result = await ledger.claim(intent, options);
      emit('ledgerWrite', {
        operation: 'claim',
        idempotencyKey: intent.key,
        state: result.entry.state,
      });
      return result;
    },
    async recordAttempt(key, owner, attempt) {
      await ledger.recordAttempt(key, owner, attempt);
      emit('ledgerWrite', { operation: 'attempt', idempotencyKey: key });
    },
    async settle(key, owner, settlement, now) {
      const entry = await ledger.settle(key, owner, settlement, now);
      emit('ledgerWrite', { operation: 'settle', idempotencyKey: key, state: entry.state });
      return entry;
    },
    async release(key, owner) {
      await ledger.release(key, owner);
      emit('ledgerWrite', { operation: 'release', idempotencyKey: key });
    },
    async resolve(key, resolution, now) {
      const entry = await ledger.resolve(key, resolution, now);
      emit('ledgerWrite', { operation: 'resolve', idempotencyKey: key, state: entry.state });
      return entry;
    },
    async addEvidence(key, evidence) {
      await ledger.addEvidence(key, evidence);
      emit('ledgerWrite', { operation: 'evidence', idempotencyKey: key });
    },
    async updatePanelState(key, state, refund) {
      await ledger.updatePanelState(key, state, refund);
      emit('ledgerWrite', { operation: 'panel_state', idempotencyKey: key });
    },
    get: (key) => ledger.get(key),
    list: (options) => ledger.list(options),
    close: () => ledger.close(),
    ...(ledger.acquireReconcileLock === undefined
      ? {}
      : {
          acquireReconcileLock: () => ledger.acquireReconcileLock?.() ?? Promise.resolve(undefined),
        }),
  };
}
