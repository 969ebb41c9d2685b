import type { ClaimOptions, ClaimResult, LedgerEntry, OrderIntent } from './ledger.js';
import type { ClaimEvent } from './ledger-event.js';

/** What a claim found, and the event to record when it takes the lease. */
export interface ClaimDecision {
  kind: ClaimResult['kind'];
  /** Present only for `claimed`: the lease to record before answering. */
  event?: ClaimEvent;
}

/**
 * Decides a claim from the entry already recorded under the key (if any). Pure: the clock is
 * `options.now`, and `nextSequence` is the sequence a new entry would get.
 *
 * The fingerprint is compared before the state, so a reused key with other parameters is
 * refused even when its first order was placed. `unknown` and `not_placed` are claimed again
 * only when the caller asks (`allowReplayUnknown`, `allowResendNotPlaced`). A lease is live
 * while `now < expiresAt`.
 * Taking over an expired lease is reported as plain `claimed`: the ledger cannot know whether
 * the previous owner crashed before or after sending; the order path must inspect the
 * attempts (one without `endedAt` may have reached the panel).
 */
export function decideClaim(
  entry: LedgerEntry | undefined,
  intent: OrderIntent,
  options: ClaimOptions,
  nextSequence: number,
): ClaimDecision {
  const lease = (): ClaimEvent => ({
    type: 'claim',
    key: intent.key,
    owner: options.owner,
    leaseExpiresAt: options.now + options.leaseMs,
    at: options.now,
  });

  if (entry === undefined) {
    return {
      kind: 'claimed',
      event: { ...lease(), intent: pickIntent(intent), sequence: nextSequence },
    };
  }
  if (entry.fingerprint !== intent.fingerprint) return { kind: 'conflict' };

  switch (entry.state) {
    case 'placed':
    case 'rejected':
      return { kind: entry.state };
    case 'unknown':
      // Only for a panel that deduplicates by key: the resend returns the first order.
      return options.allowReplayUnknown === true
        ? { kind: 'claimed', event: lease() }
        : { kind: 'unknown' };
    case 'not_placed':
      return options.allowResendNotPlaced === true
        ? { kind: 'claimed', event: lease() }
        : { kind: 'not_placed' };
    case 'pending': {
      const held = entry.lease;
      const isLiveForOther =
        held !== undefined && held.owner !== options.owner && options.now < held.expiresAt;
      return isLiveForOther ? { kind: 'locked' } : { kind: 'claimed', event: lease() };
    }
  }
}

/**
 * Copies only the fields of an intent, so a caller's extra properties (whatever they hold)
 * never reach storage, and later changes to the caller's object do not either.
 */
export function pickIntent(intent: OrderIntent): OrderIntent {
  const picked: OrderIntent = {
    key: intent.key,
    fingerprint: intent.fingerprint,
    panel: intent.panel,
    params: { ...intent.params },
  };
  if (intent.expectedCharge !== undefined) picked.expectedCharge = intent.expectedCharge;
  if (intent.currency !== undefined) picked.currency = intent.currency;
  return picked;
}
