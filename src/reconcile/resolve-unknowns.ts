import type { PanelId } from '../api/results.js';
import { chunk } from '../internal/chunk.js';
import { numericId } from './internal/numeric-id.js';
import { applyAnswers } from './ledger-pass.js';
import { matchCandidates } from './match-candidates.js';
import { replayUnknowns } from './replay-unknowns.js';
import { copyEvidence } from './report-builder.js';
import type { RunContext } from './run-context.js';
import { scanForOrders } from './scan-orders.js';
import { settleVerdicts } from './settle-verdicts.js';
import type { UnknownIntent } from './unknown-collector.js';

/**
 * Settles `unknown` intents after the ledger pass, in order: duplicate-link hints are written
 * as evidence; a panel that deduplicates gets a replay under the same key; the rest are looked
 * for by a scan of the ids above their lower bounds; what the scan leaves without a candidate
 * becomes `not_placed` once the grace window has passed.
 */
export async function resolveUnknowns(run: RunContext): Promise<void> {
  const { collector, options } = run;
  let unknowns = collector.settleable();
  if (unknowns.length === 0) return;

  for (const unknown of unknowns) {
    for (const evidence of unknown.newEvidence) {
      if (await run.addEvidence(unknown.key, unknown.evidence, evidence)) {
        unknown.evidence = [...unknown.evidence, evidence];
      }
    }
  }

  if (options.client.profile.hasServerIdempotency) {
    run.progress('replay');
    const replay = await replayUnknowns(run, unknowns);
    unknowns = replay.remaining;
    await readReplayedOrders(run, replay.placed);
  }
  if (unknowns.length === 0) return;

  if (collector.opaqueId !== undefined) {
    openAll(
      run,
      unknowns,
      `This panel's order ids are not numbers (such as ${collector.opaqueId}), so the ids above ` +
        'the last known order cannot be scanned. Look for an order with this intent’s price in ' +
        'the panel’s order history, then settle it by hand.',
    );
    return;
  }
  const highestId = collector.highestId;
  if (highestId === undefined) {
    openAll(
      run,
      unknowns,
      'No order id is known yet, so there is nothing to scan from. Once one order is placed, a ' +
        'later run can scan; or check the panel’s order history by hand.',
    );
    return;
  }

  // Only bounded intents set how far down to scan: an intent with no bound cannot be proven
  // either way, and must not spend the whole budget on ids down to zero.
  const bounds = unknowns
    .map((unknown) => unknown.lowerBound)
    .filter((bound): bound is bigint => bound !== undefined);
  if (bounds.length === 0) {
    openAll(run, unknowns, NO_BOUND);
    return;
  }
  let floor = bounds[0] as bigint;
  for (const bound of bounds) if (bound < floor) floor = bound;
  run.progress('scan');
  const outcome = await scanForOrders(run, highestId, floor);
  const competitors = collector.unknowns.filter((unknown) => unknown.isCompetitor);
  const match = matchCandidates({
    unknowns: [...unknowns, ...competitors],
    hits: outcome.hits,
    coveredFrom: outcome.plan.coveredFrom,
    unreadIds: outcome.unreadIds,
    chargeTolerance: options.chargeTolerance,
  });
  run.progress('resolve');
  await settleVerdicts(run, unknowns, match, outcome);
}

/** Reads the state of orders a replay returned, so money and status are known at once. */
async function readReplayedOrders(
  run: RunContext,
  placed: readonly { key: string; orderId: PanelId }[],
): Promise<void> {
  for (const item of placed) {
    const id = numericId(item.orderId);
    if (id !== undefined) run.collector.claim(id);
  }
  for (const batch of chunk(placed, run.batchSize)) {
    const answers = await run.tryStatus(
      batch.map((item) => item.orderId),
      'pass',
    );
    const entries = [];
    for (const item of batch) {
      const entry = await run.options.ledger.get(item.key);
      if (entry !== undefined) entries.push(entry);
    }
    await applyAnswers(run, entries, answers);
  }
}

const NO_BOUND =
  'No order of ours is known to have existed before this intent (the first order of the ledger, ' +
  'or orders placed within the clock-skew allowance of each other), so no scan can cover every ' +
  'place its order could be. Check the panel’s order history by hand.';

function openAll(run: RunContext, unknowns: readonly UnknownIntent[], needed: string): void {
  for (const unknown of unknowns) {
    run.report.add('unknownOpen', {
      key: unknown.key,
      needed,
      action: 'human',
      waitUntil: undefined,
      lowerBoundId: unknown.lowerBound?.toString(),
      evidence: copyEvidence(unknown.evidence),
    });
  }
}
