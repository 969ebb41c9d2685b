import type { Money, PanelId } from '../api/results.js';
import type { Evidence, LedgerEntry } from '../ledger/ledger.js';
import { maxId, numericId } from './internal/numeric-id.js';
import { LOWER_BOUND_LIMITS, LowerBoundTracker } from './lower-bound-tracker.js';

/** Limits of {@link UnknownCollector}, so a huge ledger costs bounded memory. */
export const COLLECTOR_LIMITS = Object.freeze({
  /** Most claimed ids kept for a scan; past it the oldest are dropped and the floor rises. */
  maxClaimedIds: 200_000,
  /** Most finished drip-feed orders whose child ids are checked during a scan. */
  maxDripfeedParents: 10_000,
  /** Most pending intents re-read before a candidate is adopted. */
  maxPendingKeys: 10_000,
});

/** An intent whose order may exist, as the scan needs it. */
export interface UnknownIntent {
  key: string;
  createdAt: number;
  /** When it was recorded, or its first attempt started if that is earlier (clock skew). */
  firstAttemptAt: number;
  /** When its last attempt ended, or started, or the entry last changed. */
  lastAttemptAt: number;
  /** The highest order id that certainly existed before its first attempt. */
  lowerBound: bigint | undefined;
  expectedCharge: Money | undefined;
  /** Evidence already in the ledger. */
  evidence: Evidence[];
  /** Evidence found in this run, not yet written. */
  newEvidence: Evidence[];
  /**
   * True for a `pending` intent with attempts: it may own an order as well, so it competes
   * for candidates, but this run does not settle it.
   */
  isCompetitor: boolean;
}

/**
 * Gathers, while the ledger is paged once in order, what resolving `unknown` intents needs:
 * the intents with their lower-bound ids, the highest order id, the ids entries claim above
 * the lowest bound, duplicate-link hints, drip-feed parents and pending intents. Only the
 * unknown intents themselves grow with the ledger; everything else is capped.
 */
export class UnknownCollector {
  readonly unknowns: UnknownIntent[] = [];
  highestId: bigint | undefined;
  /** An order id that is not a number was seen: the panel's ids are not one sequence. */
  opaqueId: PanelId | undefined;
  /** Ids at or below this are not tracked as claimed (they cannot be scanned). */
  scanFloor: bigint | undefined;
  readonly dripfeedParents: PanelId[] = [];
  hasDripfeedOverflow = false;
  readonly pendingKeys: string[] = [];

  readonly #tracker: LowerBoundTracker;
  readonly #claimed = new Set<bigint>();
  readonly #children = new Set<bigint>();
  /** Lowest lower bound of a real unknown; `null` until one is seen, `undefined` for none. */
  #claimFloor: bigint | undefined | null = null;
  readonly #byTarget = new Map<string, UnknownIntent[]>();

  /** `clockSkewMs`: see {@link LOWER_BOUND_LIMITS}. */
  constructor(options: { clockSkewMs?: number } = {}) {
    this.#tracker = new LowerBoundTracker(
      options.clockSkewMs === undefined ? {} : { clockSkewMs: options.clockSkewMs },
    );
  }

  /** Looks at one entry; call in ledger order. */
  observe(entry: LedgerEntry): void {
    this.#tracker.advance(entry.createdAt);
    if (entry.state === 'unknown') this.#addUnknown(entry, false);
    else if (entry.state === 'pending') this.#observePending(entry);
    else if (entry.state === 'rejected') this.#observeRejected(entry);
    if (entry.orderId === undefined) return;

    const id = numericId(entry.orderId);
    if (id === undefined) {
      this.opaqueId ??= entry.orderId;
      return;
    }
    this.highestId = maxId(this.highestId, id);
    this.#tracker.observe(id, knownAt(entry));
    this.claim(id);
  }

  /** Marks an id as belonging to an entry (or a drip-feed child of one). */
  claim(id: bigint): void {
    if (this.#claimFloor === null) return; // no unknown yet: the tracker keeps recent ids
    if (this.#claimFloor !== undefined && id <= this.#claimFloor) return;
    this.#claimed.add(id);
    if (this.#claimed.size > COLLECTOR_LIMITS.maxClaimedIds) this.#raiseFloor();
  }

  /**
   * Marks a child order of one of our drip-feed orders. Kept apart from entry ids, because
   * children show up in answers in any order, before the first unknown intent is even seen.
   */
  claimChild(id: bigint): void {
    if (this.#children.size < COLLECTOR_LIMITS.maxClaimedIds) this.#children.add(id);
    else this.hasDripfeedOverflow = true;
  }

  /** Whether an entry (or a known drip-feed child) claims this id. */
  isClaimed(id: bigint): boolean {
    return this.#claimed.has(id) || this.#children.has(id);
  }

  /** The unknown intents that may be settled (not the pending competitors). */
  settleable(): UnknownIntent[] {
    return this.unknowns.filter((unknown) => !unknown.isCompetitor);
  }

  #addUnknown(entry: LedgerEntry, isCompetitor: boolean): void {
    const firstAttemptAt = Math.min(
      entry.createdAt,
      ...entry.attempts.map((attempt) => attempt.startedAt),
    );
    const last = entry.attempts.at(-1);
    const unknown: UnknownIntent = {
      key: entry.key,
      createdAt: entry.createdAt,
      firstAttemptAt,
      lastAttemptAt: last?.endedAt ?? last?.startedAt ?? entry.updatedAt,
      lowerBound: this.#tracker.lowerBoundFor(firstAttemptAt),
      expectedCharge: entry.expectedCharge,
      evidence: entry.evidence,
      newEvidence: [],
      isCompetitor,
    };
    this.unknowns.push(unknown);
    if (!isCompetitor) {
      this.#lowerClaimFloor(unknown.lowerBound);
      const target = targetOf(entry);
      if (target !== undefined) {
        const list = this.#byTarget.get(target) ?? [];
        list.push(unknown);
        this.#byTarget.set(target, list);
      }
    }
  }

  #observePending(entry: LedgerEntry): void {
    if (this.pendingKeys.length < COLLECTOR_LIMITS.maxPendingKeys) this.pendingKeys.push(entry.key);
    // Without an attempt nothing left; with one, an order may exist that nobody claims yet.
    if (entry.attempts.length > 0) this.#addUnknown(entry, true);
  }

  #observeRejected(entry: LedgerEntry): void {
    if (entry.rejection?.errorClass !== 'duplicate_link') return;
    const target = targetOf(entry);
    const earlier = target === undefined ? undefined : this.#byTarget.get(target);
    for (const unknown of earlier ?? []) {
      if (unknown.createdAt > entry.createdAt) continue;
      unknown.newEvidence.push({
        at: entry.updatedAt,
        kind: 'duplicate_link_hint',
        detail:
          `Intent ${entry.key}, recorded later for the same service and link, was refused ` +
          `("${entry.rejection.message}"): the panel then had an active order for this link, ` +
          'which may be this intent’s. A hint, not proof.',
      });
    }
  }

  /**
   * Remembers a finished drip-feed order that is not polled: a scan asks for it again to learn
   * its child order ids, which would otherwise look like orders nobody claims.
   */
  rememberDripfeedParent(orderId: PanelId): void {
    if (this.dripfeedParents.length < COLLECTOR_LIMITS.maxDripfeedParents) {
      this.dripfeedParents.push(orderId);
    } else {
      this.hasDripfeedOverflow = true;
    }
  }

  /** A new unknown may reach lower: claim the recent ids between its bound and the old floor. */
  #lowerClaimFloor(bound: bigint | undefined): void {
    const previous = this.#claimFloor;
    if (
      previous !== null &&
      (previous === undefined || (bound !== undefined && bound >= previous))
    ) {
      return;
    }
    this.#claimFloor = bound;
    for (const id of this.#tracker.recentIdsAbove(bound)) {
      if (previous === null || previous === undefined || id <= previous) this.#claimed.add(id);
    }
    if (this.scanFloor !== undefined) this.#claimFloor = maxId(this.#claimFloor, this.scanFloor);
  }

  /** Too many claimed ids: forget the lower half; nothing at or below the new floor is scanned. */
  #raiseFloor(): void {
    const sorted = [...this.#claimed].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const drop = sorted.slice(0, Math.floor(sorted.length / 2));
    for (const id of drop) this.#claimed.delete(id);
    this.scanFloor = drop.at(-1);
    this.#claimFloor = maxId(this.#claimFloor ?? undefined, this.scanFloor);
  }
}

/** When a placed entry's order was known to exist: the answer that carried its id. */
function knownAt(entry: LedgerEntry): number {
  const placing = entry.attempts.find((attempt) => attempt.orderId === entry.orderId);
  const last = entry.attempts.at(-1);
  return placing?.endedAt ?? last?.endedAt ?? entry.updatedAt;
}

/** Service and link (or username), the pair the duplicate-link rule is about. */
function targetOf(entry: LedgerEntry): string | undefined {
  const target = entry.params.link ?? entry.params.username;
  const service = entry.params.service;
  return target === undefined || service === undefined ? undefined : `${service}\n${target}`;
}
