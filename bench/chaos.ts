/**
 * `npm run chaos`: places N orders through a sandbox panel that fails on purpose, once with a
 * panel that deduplicates by key and once with one that does not, and prints one JSON line of
 * figures per mode, before and after reconciling. Exits non-zero on any duplicate, on any
 * unknown in the keyed mode, on any lost order after reconciling, or when more than 1% of the
 * intents are still unknown after reconciling in the unkeyed mode.
 *
 *   npm run chaos -- --intents 2000 --fault-rate 0.2 --seed 7 --concurrency 16 --mode both
 */
import { createMemoryLedger, PanelClient } from 'smm-panel-client';
import { SANDBOX_FAULT_KINDS, startSandboxPanel } from 'smm-panel-client/sandbox';
import { type ChaosMode, type ChaosOptions, readChaosOptions } from './chaos/chaos-options.js';
import { countFigures } from './chaos/count-figures.js';
import { placeIntents } from './chaos/place-intents.js';
import { reconcileAfterPlacing } from './chaos/reconcile-after.js';

const STARTING_BALANCE = '1000000';
const GRACE_MS = 2000;

async function runMode(mode: ChaosMode, options: ChaosOptions): Promise<boolean> {
  const keyed = mode === 'keyed';
  const idempotency = keyed ? ({ mode: 'header' } as const) : ({ mode: 'none' } as const);
  // A fixed key from the environment lets a test search the output for it.
  const apiKey = process.env.SMM_CHAOS_API_KEY;
  const panel = await startSandboxPanel({
    ...(apiKey === undefined ? {} : { apiKey }),
    idempotency,
    startingBalance: STARTING_BALANCE,
    seed: options.seed,
    pendingMs: 50,
    deliveryMs: 200,
  });
  panel.faults.set({
    action: ['add', 'status'],
    rate: options.faultRate,
    kinds: [...SANDBOX_FAULT_KINDS],
    seed: options.seed,
  });

  const ledger = createMemoryLedger();
  const client = new PanelClient({
    profile: { url: panel.url, apiKey: panel.apiKey, idempotency },
    ledger,
    // A panel failing one request in five is a sick panel; the budget is sized so the run
    // measures ordering safety rather than the budget stopping retries.
    retry: { deadlineMs: 8000, baseDelayMs: 20, maxDelayMs: 400, maxRetryAfterMs: 5000 },
    retryBudget: { capacity: 200, refillPerSuccess: 0.5 },
    transportOptions: { requestTimeoutMs: 1500 },
  });

  const started = Date.now();
  try {
    await client.services();
    await placeIntents(client, {
      runId: `${mode}-${options.seed}`,
      intents: options.intents,
      concurrency: options.concurrency,
      keyed,
    });
    const placing = await countFigures(ledger, panel);
    // The reconciler runs with the same faults on: its reads must survive them too.
    const reconcile = await reconcileAfterPlacing(client, ledger, {
      graceMs: GRACE_MS,
      startingBalance: STARTING_BALANCE,
    });
    panel.faults.clear();
    const after = await countFigures(ledger, panel);
    const unknownCeiling = Math.floor(options.intents / 100);
    const line = {
      mode,
      faultRate: options.faultRate,
      seed: options.seed,
      ...placing,
      faultsInjected: panel.state.faultsInjected().total,
      afterReconcile: {
        placed: after.placed,
        notPlaced: after.notPlaced,
        unknownOpen: after.unknown,
        unknownCeiling: keyed ? 0 : unknownCeiling,
        lost: after.lost,
        duplicates: after.duplicates,
        chargedByPanel: after.chargedByPanel,
        recordedInLedger: after.recordedInLedger,
        ...reconcile,
      },
      seconds: Math.round((Date.now() - started) / 100) / 10,
    };
    process.stdout.write(`${JSON.stringify(line)}\n`);
    return (
      placing.duplicates === 0 &&
      after.duplicates === 0 &&
      after.lost === 0 &&
      !(keyed && placing.unknown > 0) &&
      after.unknown <= (keyed ? 0 : unknownCeiling)
    );
  } finally {
    await client.close();
    await ledger.close();
    await panel.close();
  }
}

async function main(): Promise<void> {
  const options = readChaosOptions(process.argv.slice(2));
  let ok = true;
  for (const mode of options.modes) {
    if (!(await runMode(mode, options))) ok = false;
  }
  if (!ok) {
    process.stderr.write('chaos: FAILED (see the figures above)\n');
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`chaos: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
