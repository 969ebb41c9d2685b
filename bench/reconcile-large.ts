/**
 * Time and memory to reconcile large ledgers against the sandbox panel, one JSON line per size.
 *
 *   npx tsx bench/reconcile-large.ts                 # 100000 and 1000000 entries
 *   npx tsx bench/reconcile-large.ts 100000          # one size
 *   node --expose-gc --import tsx bench/reconcile-large.ts 100000 1000000
 *
 * Each size gets a fresh in-process sandbox and memory ledger, filled through their APIs (an
 * order per entry created in the sandbox state, and two lost orders near the end so the scan
 * runs too). Only the reconcile is timed. Memory is sampled every 20 ms and at each progress
 * report: `rss*` is the whole process (sandbox and ledger included), `heap*` the JS heap; the
 * `Before` figures are taken after filling, so `Peak − Before` is what the run itself costs.
 * The 1,000,000 case takes minutes, most of it filling.
 */
import { PanelClient } from '../src/client/panel-client.js';
import { Reconciler } from '../src/reconcile/reconciler.js';
import { startSandboxPanel } from '../src/sandbox/index.js';
import { fillLargeLedger } from '../test/reconcile/large-ledger.js';

const MB = 1024 * 1024;

async function benchOne(entries: number): Promise<Record<string, unknown>> {
  const start = 1_700_000_000_000;
  const panel = await startSandboxPanel({
    clock: () => start,
    pendingMs: 0,
    deliveryMs: 0,
    duplicateLinkRule: false,
    startingBalance: '100000000',
  });
  try {
    const fillStarted = performance.now();
    const filled = await fillLargeLedger(panel, entries, {
      lostAt: [entries - 400, entries - 30],
      startMs: start,
    });
    const fillMs = performance.now() - fillStarted;
    (globalThis as { gc?: () => void }).gc?.();

    const before = process.memoryUsage();
    let rssPeak = before.rss;
    let heapPeak = before.heapUsed;
    const sample = (): void => {
      const now = process.memoryUsage();
      rssPeak = Math.max(rssPeak, now.rss);
      heapPeak = Math.max(heapPeak, now.heapUsed);
    };
    const sampler = setInterval(sample, 20);

    const client = new PanelClient({
      profile: { url: panel.url, apiKey: panel.apiKey },
      ledger: filled.ledger,
    });
    const reconciler = new Reconciler({
      client,
      ledger: filled.ledger,
      now: () => start + entries * 1_000 + 3_600_000,
      onProgress: sample,
    });
    const started = performance.now();
    const report = await reconciler.reconcile();
    const reconcileMs = performance.now() - started;
    clearInterval(sampler);
    sample();
    await client.close();

    return {
      entries,
      reconcileMs: Math.round(reconcileMs),
      fillMs: Math.round(fillMs),
      statusCalls: report.counts.statusCalls,
      scanCalls: report.counts.scanCalls,
      unknownResolved: report.counts.unknownResolved,
      rssBeforeMb: round(before.rss / MB),
      rssPeakMb: round(rssPeak / MB),
      heapBeforeMb: round(before.heapUsed / MB),
      heapPeakMb: round(heapPeak / MB),
      heapGrowthMb: round((heapPeak - before.heapUsed) / MB),
    };
  } finally {
    await panel.close();
  }
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

async function main(): Promise<void> {
  const sizes = process.argv.slice(2).map(Number);
  for (const entries of sizes.length > 0 ? sizes : [100_000, 1_000_000]) {
    if (!Number.isSafeInteger(entries) || entries < 1000) {
      throw new Error(`sizes must be whole numbers of at least 1000, got ${entries}`);
    }
    console.log(JSON.stringify(await benchOne(entries)));
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
