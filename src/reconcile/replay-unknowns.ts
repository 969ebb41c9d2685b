import type { PanelId } from '../api/results.js';
import type { Evidence } from '../ledger/ledger.js';
import { copyEvidence } from './report-builder.js';
import type { RunContext } from './run-context.js';
import type { UnknownIntent } from './unknown-collector.js';

/** What the replay step leaves for the next steps. */
export interface ReplayOutcome {
  /** Intents still `unknown`, for the scan. */
  remaining: UnknownIntent[];
  /** Orders the replays returned: their state is read afterwards. */
  placed: { key: string; orderId: PanelId }[];
}

/**
 * Step 1, only on a panel that deduplicates by key: sends each unknown intent again under its
 * own key. The panel returns the order the first request created, or creates it now if the
 * first request never arrived: either way the intent ends with exactly one order. What the
 * ledger says afterwards decides, whatever the call threw.
 */
export async function replayUnknowns(
  run: RunContext,
  unknowns: readonly UnknownIntent[],
): Promise<ReplayOutcome> {
  const { client, ledger } = run.options;
  const remaining: UnknownIntent[] = [];
  const placed: { key: string; orderId: PanelId }[] = [];
  if (client.resendStoredOrder === undefined || client.ledger !== ledger) {
    run.report.note(
      'The panel deduplicates by key, but replays need a client that records in the ledger ' +
        'being reconciled (and offers resendStoredOrder): unknown intents were scanned instead.',
    );
    return { remaining: [...unknowns], placed };
  }

  for (const unknown of unknowns) {
    run.signal?.throwIfAborted();
    let failure: string | undefined;
    try {
      const signal = run.signal;
      await client.resendStoredOrder(unknown.key, signal === undefined ? {} : { signal });
    } catch (error) {
      if (run.signal?.aborted) throw error;
      failure = error instanceof Error ? error.message : String(error);
    }

    const entry = await ledger.get(unknown.key);
    const at = run.options.now();
    if (entry?.state === 'placed' && entry.orderId !== undefined) {
      const evidence: Evidence = {
        at,
        kind: 'replay',
        detail:
          `Sent again under the same idempotency key; the panel, which deduplicates by key, ` +
          `answered order ${entry.orderId}.`,
        orderIds: [entry.orderId],
      };
      await ledger.addEvidence(unknown.key, evidence);
      placed.push({ key: unknown.key, orderId: entry.orderId });
      run.report.add('unknownResolved', {
        key: unknown.key,
        how: 'replay',
        state: 'placed',
        orderId: entry.orderId,
        evidence: copyEvidence([...unknown.evidence, evidence]),
      });
      continue;
    }
    if (entry?.state === 'rejected') {
      const evidence: Evidence = {
        at,
        kind: 'replay',
        detail:
          'Sent again under the same idempotency key; the panel refused it: ' +
          `"${entry.rejection?.message ?? 'no message'}".`,
      };
      await ledger.addEvidence(unknown.key, evidence);
      run.report.add('unknownResolved', {
        key: unknown.key,
        how: 'replay',
        state: 'rejected',
        orderId: undefined,
        evidence: copyEvidence([...unknown.evidence, evidence]),
      });
      continue;
    }
    if (entry?.state === 'unknown') {
      // The replay's own attempt restarts the grace window.
      const last = entry.attempts.at(-1);
      unknown.lastAttemptAt = last?.endedAt ?? last?.startedAt ?? entry.updatedAt;
      unknown.evidence = entry.evidence;
      remaining.push(unknown);
      continue;
    }
    run.report.add('unknownOpen', {
      key: unknown.key,
      needed:
        `The replay did not settle it (${failure ?? 'no answer'}); the intent is now ` +
        `${entry?.state ?? 'missing'}. On this deduplicating panel, ordering again with the same ` +
        'key is safe and settles it.',
      action: 'human',
      waitUntil: undefined,
      lowerBoundId: unknown.lowerBound?.toString(),
      evidence: copyEvidence(entry?.evidence ?? unknown.evidence),
    });
  }
  return { remaining, placed };
}
