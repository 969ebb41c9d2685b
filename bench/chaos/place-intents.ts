import {
  deriveIdempotencyKey,
  isIntentLockedError,
  isOrderOutcomeUnknownError,
  isPanelRejectedError,
  type PanelClient,
} from 'smm-panel-client';
import { mapWithConcurrency } from '../../src/internal/map-with-concurrency.js';

/** How the caller's loop ended for one intent. */
export type IntentOutcome = 'placed' | 'rejected' | 'unknown' | 'gave_up';

/** The order of intent `index`: a unique link and quantity, so each has its own price. */
export function intentInput(index: number) {
  return {
    service: 3,
    link: `https://example.test/chaos/${index}`,
    quantity: 100 + index,
  };
}

/** The key of intent `index`, derived as a caller would from its own business id. */
export function intentKey(runId: string, index: number): string {
  return deriveIdempotencyKey(`chaos-${runId}`, String(index));
}

/**
 * Places every intent the way a careful caller would: the same key on every call, a call
 * again after an error that left the intent claimable (not sent, rate limited), and, on a
 * panel that deduplicates by key, after an unknown outcome too (the client replays it).
 */
export async function placeIntents(
  client: PanelClient,
  options: { runId: string; intents: number; concurrency: number; keyed: boolean },
): Promise<IntentOutcome[]> {
  const indexes = Array.from({ length: options.intents }, (_, index) => index);
  return mapWithConcurrency(indexes, options.concurrency, async (index) => {
    const key = intentKey(options.runId, index);
    for (let call = 1; call <= 6; call++) {
      try {
        await client.order(intentInput(index), { idempotencyKey: key });
        return 'placed';
      } catch (error) {
        if (isPanelRejectedError(error)) return 'rejected';
        if (isOrderOutcomeUnknownError(error) && !options.keyed) return 'unknown';
        if (isIntentLockedError(error)) await new Promise((r) => setTimeout(r, 50));
      }
    }
    return options.keyed ? 'gave_up' : 'unknown';
  });
}
