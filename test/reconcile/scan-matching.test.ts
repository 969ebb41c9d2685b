import { describe, expect, it } from 'vitest';
import type { OrderState } from '../../src/api/results.js';
import { LowerBoundTracker } from '../../src/reconcile/lower-bound-tracker.js';
import { matchCandidates, type ScanHit } from '../../src/reconcile/match-candidates.js';
import { planScan } from '../../src/reconcile/scan-plan.js';
import type { UnknownIntent } from '../../src/reconcile/unknown-collector.js';

function unknown(key: string, lowerBound: bigint | undefined, charge?: string): UnknownIntent {
  return {
    key,
    createdAt: 0,
    firstAttemptAt: 0,
    lastAttemptAt: 0,
    lowerBound,
    expectedCharge: charge,
    evidence: [],
    newEvidence: [],
    isCompetitor: false,
  };
}

function hit(id: number, charge: string): ScanHit {
  const state: OrderState = {
    status: 'pending',
    rawStatus: 'Pending',
    isTerminal: false,
    charge,
    startCount: undefined,
    remains: undefined,
    currency: 'USD',
    children: undefined,
  };
  return { id: BigInt(id), orderId: String(id), state };
}

const base = { coveredFrom: 0n, unreadIds: [], chargeTolerance: '0.0001' };

describe('planning a scan', () => {
  it('scans from the top down, skipping claimed ids, and covers down to the lowest bound', () => {
    const claimed = new Set([103n, 105n]);
    const plan = planScan({
      floor: 100n,
      scanFloor: undefined,
      highestId: 105n,
      scanWindow: 2,
      maxScanIds: 100,
      isClaimed: (id) => claimed.has(id),
    });
    expect(plan.ids).toEqual([107n, 106n, 104n, 102n, 101n]);
    expect(plan).toMatchObject({ top: 107n, coveredFrom: 101n });
  });

  it('stops at maxScanIds, and says how far down it is complete', () => {
    const plan = planScan({
      floor: 0n,
      scanFloor: undefined,
      highestId: 1000n,
      scanWindow: 0,
      maxScanIds: 3,
      isClaimed: (id) => id === 997n,
    });
    expect(plan.ids).toEqual([1000n, 999n, 998n]);
    expect(plan.coveredFrom).toBe(997n);
  });
});

describe('matching unknown intents with scanned orders', () => {
  it('adopts one candidate with the expected charge above the lower bound', () => {
    const result = matchCandidates({
      ...base,
      unknowns: [unknown('u', 100n, '0.18')],
      hits: [hit(99, '0.18'), hit(101, '0.27'), hit(104, '0.18')],
    });
    expect(result.verdicts.get('u')).toMatchObject({ kind: 'adopt', hit: { orderId: '104' } });
    // Order 99 is below the bound and 101 has another price: nobody could own them.
    expect(result.orphans.map((h) => h.orderId)).toEqual(['99', '101']);
  });

  it('accepts a charge within the tolerance, and not beyond it', () => {
    const within = matchCandidates({
      ...base,
      unknowns: [unknown('u', 1n, '0.18')],
      hits: [hit(5, '0.18009')],
    });
    expect(within.verdicts.get('u')?.kind).toBe('adopt');
    const beyond = matchCandidates({
      ...base,
      unknowns: [unknown('u', 1n, '0.18')],
      hits: [hit(5, '0.1802')],
    });
    expect(beyond.verdicts.get('u')?.kind).toBe('no_candidate');
  });

  it('never guesses between two intents of one price, nor between two candidates', () => {
    const shared = matchCandidates({
      ...base,
      unknowns: [unknown('a', 100n, '0.45'), unknown('b', 100n, '0.45')],
      hits: [hit(101, '0.45'), hit(102, '0.45')],
    });
    expect(shared.verdicts.get('a')).toEqual({ kind: 'ambiguous', group: 0 });
    expect(shared.verdicts.get('b')).toEqual({ kind: 'ambiguous', group: 0 });
    expect(shared.groups[0]?.keys).toEqual(['a', 'b']);

    const one = matchCandidates({
      ...base,
      unknowns: [unknown('a', 100n, '0.45'), unknown('b', 100n, '0.45')],
      hits: [hit(101, '0.45')],
    });
    expect(one.verdicts.get('a')?.kind).toBe('ambiguous');
    expect(one.orphans).toEqual([]);
  });

  it('lets a pending intent still being sent block an adoption', () => {
    const competitor = { ...unknown('p', 100n, '0.45'), isCompetitor: true };
    const result = matchCandidates({
      ...base,
      unknowns: [unknown('a', 100n, '0.45'), competitor],
      hits: [hit(101, '0.45')],
    });
    expect(result.verdicts.get('a')).toMatchObject({ kind: 'competing', competitors: ['p'] });
    expect(result.verdicts.has('p')).toBe(false);
  });

  it('does not adopt when part of the range was not scanned or could not be read', () => {
    const budget = matchCandidates({
      ...base,
      coveredFrom: 150n,
      unknowns: [unknown('a', 100n, '0.45')],
      hits: [hit(160, '0.45')],
    });
    expect(budget.verdicts.get('a')).toMatchObject({ kind: 'incomplete', reason: 'budget' });
    const unread = matchCandidates({
      ...base,
      unreadIds: [120n],
      unknowns: [unknown('a', 100n, '0.45')],
      hits: [],
    });
    expect(unread.verdicts.get('a')).toMatchObject({ kind: 'incomplete', reason: 'unread' });
  });

  it('does not adopt for an intent without an expected charge', () => {
    const result = matchCandidates({
      ...base,
      unknowns: [unknown('a', 100n)],
      hits: [hit(101, '0.45')],
    });
    expect(result.verdicts.get('a')?.kind).toBe('no_expected_charge');
  });
});

describe('lower bounds', () => {
  it('counts only orders answered before the intent started, allowing for clock skew', () => {
    const tracker = new LowerBoundTracker({ clockSkewMs: 100 });
    tracker.observe(10n, 1_000);
    tracker.observe(12n, 2_000);
    // An intent recorded before order 12 was answered: 12 may be newer than its order.
    expect(tracker.lowerBoundFor(1_950)).toBe(10n);
    expect(tracker.lowerBoundFor(2_100)).toBe(12n);
    expect(tracker.lowerBoundFor(1_050)).toBeUndefined();
  });

  it('folds old orders into one maximum as the ledger moves on', () => {
    const tracker = new LowerBoundTracker({ clockSkewMs: 0, maxWindow: 2 });
    tracker.observe(5n, 10);
    tracker.observe(7n, 20);
    tracker.observe(6n, 30);
    tracker.advance(25);
    expect(tracker.recentIdsAbove(undefined)).toEqual([6n]);
    expect(tracker.lowerBoundFor(26)).toBe(7n);
  });
});
