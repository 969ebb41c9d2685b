import { type OrderStateItem, type PanelId, TERMINAL_ORDER_STATUSES } from '../api/results.js';
import type { LedgerEntry } from '../ledger/ledger.js';
import { compareOrderState, givesMoneyBack } from './compare-order-state.js';
import type { RefundBasis } from './implied-refund.js';
import { numericId } from './internal/numeric-id.js';
import type { RunContext } from './run-context.js';
import { StatusBatcher } from './status-batcher.js';

/** The basis passed for statuses that give nothing back (it is not read for them). */
const NO_REFUND: RefundBasis = { kind: 'units', total: 0 };

/** What an id whose `status` call failed after every retry is reported as. */
const UNREAD: OrderStateItem = {
  ok: false,
  errorClass: 'transient',
  message: 'The status call for this id failed after the client retries; not read this run',
};

/** What the panel says when it leaves an id out of a batch answer. */
const NOT_ANSWERED: OrderStateItem = {
  ok: false,
  errorClass: 'not_found',
  message: 'The panel did not answer for this id',
};

/**
 * Pass 1: pages through the whole ledger by cursor (`pageSize` entries at a time, never all
 * of it), polls every placed order whose status is not final in full batches with bounded
 * concurrency, applies what the panel says, and feeds the unknown resolution's collector.
 */
export async function runLedgerPass(run: RunContext): Promise<void> {
  const { ledger, pageSize } = run.options;
  const batcher = new StatusBatcher<LedgerEntry>({
    batchSize: run.batchSize,
    concurrency: run.options.statusConcurrency,
    idOf: (entry) => entry.orderId as PanelId,
    fetch: (ids) => run.tryStatus(ids, 'pass'),
    handle: (entries, answers) => applyAnswers(run, entries, answers),
  });

  let cursor: string | undefined;
  do {
    run.signal?.throwIfAborted();
    const page = await ledger.list({
      ...(cursor === undefined ? {} : { cursor }),
      limit: pageSize,
    });
    run.lastPageCursor = cursor;
    for (const entry of page.entries) {
      run.report.counts.entriesSeen += 1;
      run.collector.observe(entry);
      if (entry.state !== 'placed' || entry.orderId === undefined) continue;
      const status = entry.panelState?.status;
      if (status !== undefined && TERMINAL_ORDER_STATUSES.has(status)) {
        run.report.counts.terminalSkipped += 1;
        run.money.add(entry);
        if (entry.params.runs !== undefined) run.collector.rememberDripfeedParent(entry.orderId);
        continue;
      }
      run.report.counts.polled += 1;
      await batcher.add(entry);
    }
    run.progress('ledger');
    cursor = page.nextCursor;
  } while (cursor !== undefined);

  await batcher.flush();
  run.progress('ledger');
}

/** Applies one batch of answers to the ledger, the report and the money tally. */
export async function applyAnswers(
  run: RunContext,
  entries: readonly LedgerEntry[],
  answers: Map<PanelId, OrderStateItem> | undefined,
): Promise<void> {
  const { report } = run;
  // Writes are queued together: the ledger applies them in order, one at a time, anyway.
  const writes: Promise<void>[] = [];
  for (const entry of entries) {
    const orderId = entry.orderId as PanelId;
    const item = answers === undefined ? UNREAD : (answers.get(orderId) ?? NOT_ANSWERED);
    const basis = item.ok && givesMoneyBack(item.status) ? await run.refundBasis(entry) : NO_REFUND;
    const comparison = compareOrderState(entry, item, {
      now: run.startedAt,
      chargeTolerance: run.options.chargeTolerance,
      stuckAfterMs: run.options.stuckAfterMs,
      basis,
    });

    if (comparison.kind === 'missing') {
      const lastKnownStatus = entry.panelState?.status;
      report.add('missingOnPanel', {
        key: entry.key,
        orderId,
        message: comparison.message,
        lastKnownStatus,
      });
      run.money.add(entry);
      continue;
    }
    if (comparison.kind === 'error') {
      const { errorClass, message } = comparison;
      report.add('statusErrors', { key: entry.key, orderId, errorClass, message });
      run.money.add(entry);
      continue;
    }

    const { panelState, refund } = comparison;
    const newRefund = comparison.isNewRefund ? refund?.amount : undefined;
    if (comparison.hasChanged) writes.push(run.applyState(entry, panelState, newRefund));
    else run.money.add(entry);

    if (comparison.previousStatus !== panelState.status) {
      report.add('updated', {
        key: entry.key,
        orderId,
        from: comparison.previousStatus,
        to: panelState.status,
        rawStatus: panelState.rawStatus,
      });
    } else {
      report.add('matched', { key: entry.key, orderId, status: panelState.status });
    }
    if (refund !== undefined && (comparison.isNewRefund || refund.amount === undefined)) {
      report.add('refunds', {
        key: entry.key,
        orderId,
        status: panelState.status,
        refund: refund.amount,
        charge: panelState.charge,
        remains: panelState.remains,
        currency: panelState.currency,
        basis: refund.basis,
      });
    }
    if (comparison.mismatch !== undefined) {
      report.add('chargeMismatches', {
        key: entry.key,
        orderId,
        ...comparison.mismatch,
        expectedCurrency: entry.currency,
        currency: panelState.currency,
      });
    }
    if (comparison.isStuck) {
      const ageMs = run.startedAt - entry.createdAt;
      report.add('stuck', {
        key: entry.key,
        orderId,
        status: panelState.status,
        createdAt: entry.createdAt,
        ageMs,
      });
    }
    // Child orders of a drip-feed belong to it: a scan must not take them for lost orders.
    if (item.ok) {
      for (const child of item.children ?? []) {
        const id = numericId(child);
        if (id !== undefined) run.collector.claimChild(id);
      }
    }
  }
  await Promise.all(writes);
}
