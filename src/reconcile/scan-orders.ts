import type { PanelId } from '../api/results.js';
import { chunk } from '../internal/chunk.js';
import { mapWithConcurrency } from '../internal/map-with-concurrency.js';
import { numericId } from './internal/numeric-id.js';
import type { ScanHit } from './match-candidates.js';
import type { RunContext } from './run-context.js';
import { planScan, type ScanPlan } from './scan-plan.js';

/** What a scan found. */
export interface ScanOutcome {
  plan: ScanPlan;
  /** Orders of ours that no entry claims. */
  hits: ScanHit[];
  /** Ids whose answer was neither a state nor `not_found`. */
  unreadIds: bigint[];
}

/**
 * Asks the panel for the unclaimed ids between the lowest lower bound and the highest known
 * id plus the scan window, `batchSize` per call, through the client's read retries (which wait
 * out rate limits). A foreign or unused id answers `not_found`; an id that answers a state is
 * one of ours. Then drops the hits an entry turns out to claim after all.
 */
export async function scanForOrders(
  run: RunContext,
  highestId: bigint,
  floor: bigint | undefined,
): Promise<ScanOutcome> {
  const { collector, options } = run;
  const plan = planScan({
    floor,
    scanFloor: collector.scanFloor,
    highestId,
    scanWindow: options.scanWindow,
    maxScanIds: options.maxScanIds,
    isClaimed: (id) => collector.isClaimed(id),
  });

  const hits: ScanHit[] = [];
  const unreadIds: bigint[] = [];
  const batches = chunk(plan.ids, run.batchSize);
  await mapWithConcurrency(batches, options.statusConcurrency, async (batch) => {
    const answers = await run.tryStatus(batch.map(String), 'scan');
    for (const id of batch) {
      const item = answers?.get(String(id));
      if (item === undefined || (!item.ok && item.errorClass !== 'not_found')) unreadIds.push(id);
      if (item === undefined || !item.ok) continue;
      for (const child of item.children ?? []) claimChild(run, child);
      hits.push({ id, orderId: String(id), state: item });
    }
    run.progress('scan');
  });

  let unclaimed = hits.length === 0 ? hits : await dropClaimedHits(run, hits);
  if (unclaimed === undefined) {
    // Without the children of drip-feed orders, no hit can be told from a child order.
    unreadIds.push(...hits.map((hit) => hit.id));
    unclaimed = [];
  }
  unclaimed.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { plan, hits: unclaimed, unreadIds };
}

/**
 * Before anything is adopted: learns the children of finished drip-feed orders, and re-reads
 * the entries that changed during the run (pending intents, entries added after the pass), so
 * an order placed by another worker meanwhile is not taken for a lost one. `undefined` when
 * the drip-feed orders could not be read: then no hit can be trusted this run.
 */
async function dropClaimedHits(run: RunContext, hits: ScanHit[]): Promise<ScanHit[] | undefined> {
  const { collector, options } = run;
  for (const batch of chunk(collector.dripfeedParents, run.batchSize)) {
    const answers = await run.tryStatus(batch, 'pass');
    if (answers === undefined) return undefined;
    for (const item of answers.values()) {
      if (item.ok) for (const child of item.children ?? []) claimChild(run, child);
    }
  }
  if (collector.hasDripfeedOverflow) {
    run.report.note(
      'Too many drip-feed orders to check all their child orders: ' +
        'a child may be listed as an orphan.',
    );
  }

  const claimedNow = new Set<bigint>();
  const remember = (orderId: PanelId | undefined): void => {
    const id = numericId(orderId);
    if (id !== undefined) claimedNow.add(id);
  };
  for (const key of collector.pendingKeys) remember((await options.ledger.get(key))?.orderId);
  let cursor = run.lastPageCursor;
  do {
    const page = await options.ledger.list({
      ...(cursor === undefined ? {} : { cursor }),
      limit: options.pageSize,
    });
    for (const entry of page.entries) remember(entry.orderId);
    cursor = page.nextCursor;
  } while (cursor !== undefined);

  return hits.filter((hit) => !collector.isClaimed(hit.id) && !claimedNow.has(hit.id));
}

function claimChild(run: RunContext, child: PanelId): void {
  const id = numericId(child);
  if (id !== undefined) run.collector.claimChild(id);
}
