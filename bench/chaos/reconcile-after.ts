import type { Ledger, PanelClient } from 'smm-panel-client';
import { Reconciler } from '../../src/reconcile/reconciler.js';

/** What reconciling changed, for the chaos line. */
export interface ReconcileFigures {
  runs: number;
  resolvedByScan: number;
  resolvedByReplay: number;
  resolvedNotPlaced: number;
  ambiguous: number;
  orphans: number;
  /** Unknown intents still open after the last run, each with its evidence. */
  openUnknowns: { key: string; needed: string; lowerBoundId: string | null; evidence: string[] }[];
}

/**
 * Reconciles twice: once at once (lost answers are adopted by the scan), and once after the
 * grace window (requests that never reached the panel become `not_placed`).
 */
export async function reconcileAfterPlacing(
  client: PanelClient,
  ledger: Ledger,
  options: { graceMs: number; startingBalance: string },
): Promise<ReconcileFigures> {
  const reconciler = new Reconciler({
    client,
    ledger,
    graceMs: options.graceMs,
    // One process wrote the whole ledger, on one clock: there is no skew between writers.
    clockSkewMs: 0,
    maxScanIds: 20_000,
    scanWindow: 500,
    startingBalance: { amount: options.startingBalance },
  });
  const first = await reconciler.reconcile();
  await new Promise((resolve) => setTimeout(resolve, options.graceMs + 100));
  const second = await reconciler.reconcile();

  const resolved = [...first.unknownResolved, ...second.unknownResolved];
  return {
    runs: 2,
    resolvedByScan: resolved.filter((item) => item.how === 'scan').length,
    resolvedByReplay: resolved.filter((item) => item.how === 'replay').length,
    resolvedNotPlaced: resolved.filter((item) => item.how === 'grace_expired').length,
    ambiguous: second.counts.ambiguous,
    orphans: second.counts.orphans,
    openUnknowns: second.unknownOpen.map((item) => ({
      key: item.key,
      needed: item.needed,
      lowerBoundId: item.lowerBoundId ?? null,
      evidence: item.evidence.map((e) => `${e.kind}: ${e.detail}`),
    })),
  };
}
