import { IdempotencyConflictError, IntentLockedError } from '../errors/order-errors.js';
import type { Ledger } from '../ledger/ledger.js';

interface Hold {
  fingerprint: string;
  /** When the lease this call takes will end (epoch ms), for the refusal's message. */
  expiresAt: number;
}

// Keys being sent right now in this process, per ledger. The ledger's lease tells workers
// apart, but all calls of one worker share its owner id, and a lease is granted again to the
// owner that holds it (so a restarted worker with a fixed id takes back its own intents at
// once). Two concurrent calls of one process with one key would then both be "claimed" and
// both send. This registry refuses the second before it reaches the ledger. It is keyed by the
// ledger object, so two clients sharing one ledger share it too.
const HELD = new WeakMap<Ledger, Map<string, Hold>>();

/**
 * Marks `key` as being sent through `ledger` by this process, synchronously, so that a second
 * call started before the first settles is refused at once, with nothing sent:
 * `IdempotencyConflictError` when its parameters differ, `IntentLockedError` otherwise.
 * Returns the function that lets the key go; call it when the call ends, however it ends.
 */
export function holdKey(ledger: Ledger, key: string, hold: Hold): () => void {
  let keys = HELD.get(ledger);
  if (keys === undefined) {
    keys = new Map();
    HELD.set(ledger, keys);
  }
  const current = keys.get(key);
  if (current !== undefined) {
    if (current.fingerprint !== hold.fingerprint) throw new IdempotencyConflictError(key);
    throw new IntentLockedError(key, current.expiresAt);
  }
  const held = keys;
  held.set(key, hold);
  return () => {
    held.delete(key);
  };
}
