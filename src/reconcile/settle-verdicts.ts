import type { Evidence } from '../ledger/ledger.js';
import { compareOrderState } from './compare-order-state.js';
import type { MatchResult, ScanHit, UnknownVerdict } from './match-candidates.js';
import type { ScanCandidate } from './reconcile-report.js';
import { copyEvidence } from './report-builder.js';
import type { RunContext } from './run-context.js';
import type { ScanOutcome } from './scan-orders.js';
import type { UnknownIntent } from './unknown-collector.js';

/**
 * Acts on what the scan means for each intent: adopts a unique candidate, reports ambiguous
 * knots with all their evidence, settles `not_placed` after the grace window, and says for
 * every other intent what would settle it. Orders no intent could own are orphans.
 */
export async function settleVerdicts(
  run: RunContext,
  unknowns: readonly UnknownIntent[],
  match: MatchResult,
  outcome: ScanOutcome,
): Promise<void> {
  const range = describeRange(outcome);
  const reported = new Set<number>();
  for (const unknown of unknowns) {
    run.signal?.throwIfAborted();
    const verdict = match.verdicts.get(unknown.key) ?? ({ kind: 'no_candidate' } as const);
    if (verdict.kind === 'adopt') await adopt(run, unknown, verdict.hit, range);
    else if (verdict.kind === 'no_candidate') await settleEmpty(run, unknown, range);
    else if (verdict.kind === 'ambiguous') {
      const group = match.groups[verdict.group];
      if (group === undefined) continue;
      const ids = group.hits.map((hit) => hit.orderId).join(', ');
      const evidence: Evidence = {
        at: run.options.now(),
        kind: 'scan_ambiguous',
        detail:
          `Orders ${ids} could each be this intent's (intents competing: ` +
          `${group.keys.join(', ')}); none was adopted.`,
        orderIds: group.hits.map((hit) => hit.orderId),
      };
      if (await run.addEvidence(unknown.key, unknown.evidence, evidence)) {
        unknown.evidence = [...unknown.evidence, evidence];
      }
      if (!reported.has(verdict.group)) {
        reported.add(verdict.group);
        run.report.add('ambiguous', {
          keys: group.keys,
          candidates: group.hits.map(toCandidate),
          detail:
            `${group.keys.length} unknown intent(s) and ${group.hits.length} candidate order(s) ` +
            `with matching charges in ${range}: pairing them would be a guess.`,
        });
      }
    } else open(run, unknown, verdict, range);
  }
  for (const hit of match.orphans) run.report.add('orphans', toCandidate(hit));
}

async function adopt(
  run: RunContext,
  unknown: UnknownIntent,
  hit: ScanHit,
  range: string,
): Promise<void> {
  const { ledger } = run.options;
  // Another worker or reconciler may have settled it meanwhile: resolve only an unknown.
  const current = await ledger.get(unknown.key);
  if (current?.state !== 'unknown') {
    run.report.note(`Intent ${unknown.key} changed during the run; it was not adopted.`);
    return;
  }
  const evidence: Evidence = {
    at: run.options.now(),
    kind: 'scan_candidate',
    detail:
      `Order ${hit.orderId} answered "${hit.state.rawStatus}" with charge ` +
      `${hit.state.charge ?? 'unknown'} (expected ${unknown.expectedCharge}); it is above ` +
      `${unknown.lowerBound ?? 'no bound'} (the highest order id known before this intent), no ` +
      `entry claims it, and no other unknown intent could own it. Scanned ${range}.`,
    orderIds: [hit.orderId],
  };
  const resolved = await ledger.resolve(
    unknown.key,
    { state: 'placed', orderId: hit.orderId, evidence },
    evidence.at,
  );
  run.collector.claim(hit.id);
  const comparison = compareOrderState(
    resolved,
    { ok: true, ...hit.state },
    {
      now: run.startedAt,
      chargeTolerance: run.options.chargeTolerance,
      stuckAfterMs: run.options.stuckAfterMs,
      basis: await run.refundBasis(resolved),
    },
  );
  if (comparison.kind === 'state') {
    const refund = comparison.isNewRefund ? comparison.refund?.amount : undefined;
    await run.applyState(resolved, comparison.panelState, refund);
  }
  run.report.add('unknownResolved', {
    key: unknown.key,
    how: 'scan',
    state: 'placed',
    orderId: hit.orderId,
    evidence: copyEvidence([...unknown.evidence, evidence]),
  });
}

/** No candidate anywhere in the intent's range: `not_placed` once the grace window is over. */
async function settleEmpty(run: RunContext, unknown: UnknownIntent, range: string): Promise<void> {
  const now = run.options.now();
  const waitUntil = unknown.lastAttemptAt + run.options.graceMs;
  const price = unknown.expectedCharge ?? 'any price';
  if (now <= waitUntil) {
    run.report.add('unknownOpen', {
      key: unknown.key,
      needed:
        `No order of ours at ${price} in ${range} yet. If none appears, a run after ` +
        `${new Date(waitUntil).toISOString()} settles it as not_placed.`,
      action: 'wait',
      waitUntil,
      lowerBoundId: unknown.lowerBound?.toString(),
      evidence: copyEvidence(unknown.evidence),
    });
    return;
  }
  const evidence: Evidence = {
    at: now,
    kind: 'grace_expired',
    detail:
      `No order of ours at ${price} above ${unknown.lowerBound ?? 'no bound'} in ${range}, and ` +
      `the last attempt ended ${Math.round((now - unknown.lastAttemptAt) / 1000)} s ago, beyond ` +
      `the grace window of ${Math.round(run.options.graceMs / 1000)} s.`,
  };
  const current = await run.options.ledger.get(unknown.key);
  if (current?.state !== 'unknown') {
    run.report.note(`Intent ${unknown.key} changed during the run; it was not settled.`);
    return;
  }
  await run.options.ledger.resolve(unknown.key, { state: 'not_placed', evidence }, now);
  run.report.add('unknownResolved', {
    key: unknown.key,
    how: 'grace_expired',
    state: 'not_placed',
    orderId: undefined,
    evidence: copyEvidence([...unknown.evidence, evidence]),
  });
}

type OpenVerdict = Exclude<UnknownVerdict, { kind: 'adopt' | 'no_candidate' | 'ambiguous' }>;

function open(run: RunContext, unknown: UnknownIntent, verdict: OpenVerdict, range: string): void {
  const ids = verdict.hits.map((hit) => hit.orderId).join(', ');
  let needed: string;
  let action: 'wait' | 'human' = 'human';
  if (verdict.kind === 'competing') {
    action = 'wait';
    needed =
      `Candidate order(s) ${ids} may belong to intent(s) ${verdict.competitors.join(', ')}, ` +
      'still being sent; a later run decides once they settle.';
  } else if (verdict.kind === 'no_expected_charge') {
    needed =
      `No expected charge was recorded, so candidate order(s) ${ids} cannot be compared: ` +
      'check them against the intent by hand.';
  } else if (verdict.reason === 'unread') {
    action = 'wait';
    needed =
      `Some ids in ${range} could not be read${ids === '' ? '' : ` (candidates ${ids})`}; ` +
      'a later run reads them again.';
  } else if (verdict.reason === 'no_bound') {
    needed =
      'No order id is known to predate this intent, so no scan can cover every place its ' +
      `order could be (scanned ${range}${ids === '' ? '' : `, candidates ${ids}`}). Check by hand.`;
  } else {
    needed =
      `The scan stopped at maxScanIds before reaching the ids just above ${unknown.lowerBound} ` +
      `(scanned ${range}${ids === '' ? '' : `, candidates ${ids}`}): raise maxScanIds.`;
  }
  run.report.add('unknownOpen', {
    key: unknown.key,
    needed,
    action,
    waitUntil: undefined,
    lowerBoundId: unknown.lowerBound?.toString(),
    evidence: copyEvidence(unknown.evidence),
  });
}

function describeRange(outcome: ScanOutcome): string {
  const { plan } = outcome;
  return `ids ${plan.coveredFrom}..${plan.top} (${plan.ids.length} unclaimed ids asked)`;
}

function toCandidate(hit: ScanHit): ScanCandidate {
  return {
    orderId: hit.orderId,
    charge: hit.state.charge,
    status: hit.state.status,
    currency: hit.state.currency,
  };
}
