import type { Money, OrderState, PanelId } from '../api/results.js';
import { isWithin, toDecimal } from './internal/decimal.js';
import type { UnknownIntent } from './unknown-collector.js';

/** An order of ours a scan found that no entry claims. */
export interface ScanHit {
  id: bigint;
  orderId: PanelId;
  /** The panel's answer for it. */
  state: OrderState;
}

/** What the scan means for one intent to settle. */
export type UnknownVerdict =
  /** Exactly one candidate, claimed by no other intent, range fully scanned: adopt it. */
  | { kind: 'adopt'; hit: ScanHit }
  /** Several candidates, or one shared with other intents: never guessed. */
  | { kind: 'ambiguous'; group: number }
  /** A pending intent still being sent may own the candidate: wait for it to settle. */
  | { kind: 'competing'; competitors: string[]; hits: ScanHit[] }
  /** Candidates exist but the intent has no expected charge to compare. */
  | { kind: 'no_expected_charge'; hits: ScanHit[] }
  /** The whole range was scanned and nothing matched. */
  | { kind: 'no_candidate' }
  /** Part of the range was not scanned: ids that could not be read, the budget, or no bound. */
  | { kind: 'incomplete'; reason: Gap; hits: ScanHit[] };

/** Why an intent's range was not fully scanned. */
export type Gap = 'unread' | 'budget' | 'no_bound';

/** Intents and candidates that form one ambiguous knot. */
export interface AmbiguousGroup {
  keys: string[];
  hits: ScanHit[];
}

/** What {@link matchCandidates} needs. */
export interface MatchInput {
  /** Intents to settle and pending competitors. */
  unknowns: readonly UnknownIntent[];
  /** Unclaimed orders of ours found by the scan. */
  hits: readonly ScanHit[];
  /** From {@link ScanPlan.coveredFrom}. */
  coveredFrom: bigint;
  /** Ids whose answer was neither a state nor `not_found`: their owner is unknown. */
  unreadIds: readonly bigint[];
  chargeTolerance: Money;
}

/** Verdicts per intent key, ambiguous groups, and hits no intent could own (orphans). */
export interface MatchResult {
  verdicts: Map<string, UnknownVerdict>;
  groups: AmbiguousGroup[];
  orphans: ScanHit[];
}

/**
 * Pairs unknown intents with scanned orders, refusing to guess.
 *
 * A hit is a candidate of intent U when its id is above U's lower bound and its charge equals
 * U's expected charge within the tolerance (a hit without a charge cannot be excluded). Intents
 * and hits linked by candidacy form groups; only a group of exactly one intent and one hit,
 * with U's whole range scanned, is adopted.
 */
export function matchCandidates(input: MatchInput): MatchResult {
  const tolerance = toDecimal(input.chargeTolerance);
  const candidates = new Map<string, ScanHit[]>();
  const parent = new Map<string, string>();
  const find = (node: string): string => {
    let root = node;
    while (parent.get(root) !== root) root = parent.get(root) as string;
    parent.set(node, root);
    return root;
  };
  const union = (a: string, b: string): void => {
    parent.set(find(a), find(b));
  };

  for (const unknown of input.unknowns) {
    const node = `k:${unknown.key}`;
    parent.set(node, node);
    const own = input.hits.filter((hit) => isCandidate(unknown, hit, tolerance));
    candidates.set(unknown.key, own);
    for (const hit of own) {
      const hitNode = `h:${hit.orderId}`;
      if (!parent.has(hitNode)) parent.set(hitNode, hitNode);
      union(node, hitNode);
    }
  }

  const members = new Map<string, { unknowns: UnknownIntent[]; hits: Set<ScanHit> }>();
  for (const unknown of input.unknowns) {
    const root = find(`k:${unknown.key}`);
    const group = members.get(root) ?? { unknowns: [], hits: new Set<ScanHit>() };
    group.unknowns.push(unknown);
    for (const hit of candidates.get(unknown.key) ?? []) group.hits.add(hit);
    members.set(root, group);
  }

  const verdicts = new Map<string, UnknownVerdict>();
  const groups: AmbiguousGroup[] = [];
  for (const { unknowns, hits } of members.values()) {
    const settleable = unknowns.filter((unknown) => !unknown.isCompetitor);
    const competitors = unknowns.filter((unknown) => unknown.isCompetitor).map((u) => u.key);
    const hitList = [...hits];
    let groupIndex: number | undefined;
    for (const unknown of settleable) {
      const gap = gapOf(unknown, input.coveredFrom, input.unreadIds);
      let verdict: UnknownVerdict;
      if (hitList.length === 0) {
        verdict =
          gap === undefined
            ? { kind: 'no_candidate' }
            : { kind: 'incomplete', reason: gap, hits: [] };
      } else if (competitors.length > 0)
        verdict = { kind: 'competing', competitors, hits: hitList };
      else if (unknown.expectedCharge === undefined) {
        verdict = { kind: 'no_expected_charge', hits: hitList };
      } else if (settleable.length > 1 || hitList.length > 1) {
        if (groupIndex === undefined) {
          groupIndex = groups.length;
          groups.push({ keys: settleable.map((u) => u.key), hits: hitList });
        }
        verdict = { kind: 'ambiguous', group: groupIndex };
      } else if (gap !== undefined) verdict = { kind: 'incomplete', reason: gap, hits: hitList };
      else verdict = { kind: 'adopt', hit: hitList[0] as ScanHit };
      verdicts.set(unknown.key, verdict);
    }
  }

  const linked = new Set<ScanHit>();
  for (const own of candidates.values()) for (const hit of own) linked.add(hit);
  const orphans = input.hits.filter((hit) => !linked.has(hit));
  return { verdicts, groups, orphans };
}

function isCandidate(
  unknown: UnknownIntent,
  hit: ScanHit,
  tolerance: ReturnType<typeof toDecimal>,
): boolean {
  if (unknown.lowerBound !== undefined && hit.id <= unknown.lowerBound) return false;
  const expected = toDecimal(unknown.expectedCharge);
  const charge = toDecimal(hit.state.charge);
  if (expected === undefined || charge === undefined || tolerance === undefined) return true;
  return isWithin(charge, expected, tolerance);
}

/** Why not every id that could hold the intent's order was scanned and answered, if so. */
function gapOf(
  unknown: UnknownIntent,
  coveredFrom: bigint,
  unreadIds: readonly bigint[],
): Gap | undefined {
  const lowest = unknown.lowerBound === undefined ? 0n : unknown.lowerBound + 1n;
  if (unreadIds.some((id) => id >= lowest)) return 'unread';
  if (lowest >= coveredFrom) return undefined;
  return unknown.lowerBound === undefined ? 'no_bound' : 'budget';
}
