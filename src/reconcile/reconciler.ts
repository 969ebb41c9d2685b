import { isSmmPanelError } from '../errors/guards.js';
import { runLedgerPass } from './ledger-pass.js';
import { type ReconcileLoop, type ReconcileLoopOptions, startLoop } from './reconcile-loop.js';
import type { BalanceCheck, ReconcileReport } from './reconcile-report.js';
import {
  type ReconcilerOptions,
  type ResolvedReconcilerOptions,
  resolveReconcilerOptions,
} from './reconciler-options.js';
import { resolveUnknowns } from './resolve-unknowns.js';
import { RunContext } from './run-context.js';

/**
 * Compares the ledger with the panel: brings every placed order's state up to date, settles
 * `unknown` intents (replay, hints, scan, grace window), and reports drift, refunds, orphans
 * and money. See docs/reconciliation.md.
 *
 * @example
 * const reconciler = new Reconciler({ client, ledger });
 * const report = await reconciler.reconcile();
 * if (report.needsAttention) process.stdout.write(formatReconcileSummary(report));
 */
export class Reconciler {
  readonly #options: ResolvedReconcilerOptions;

  /** Throws `InvalidOptionsError` naming the bad option. */
  constructor(options: ReconcilerOptions) {
    this.#options = resolveReconcilerOptions(options);
  }

  /**
   * One run over the whole ledger. Writes what it learns to the ledger as it goes, so a run
   * that fails or is aborted half-way keeps its progress and the next run completes it.
   */
  async reconcile(options: { signal?: AbortSignal } = {}): Promise<ReconcileReport> {
    const signals = [this.#options.signal, options.signal].filter(
      (signal): signal is AbortSignal => signal !== undefined,
    );
    const signal = signals.length > 1 ? AbortSignal.any(signals) : signals[0];
    const run = new RunContext({ ...this.#options, signal });
    signal?.throwIfAborted();

    // A ledger shared by several processes lends one reconciler at a time a lock: two runs at
    // once would scan the same ids and could both adopt. Without the lock, skip this run.
    const { ledger } = this.#options;
    const lock = ledger.acquireReconcileLock ? await ledger.acquireReconcileLock() : undefined;
    if (ledger.acquireReconcileLock !== undefined && lock === undefined) {
      run.report.note(
        'Another reconciler holds this ledger’s reconcile lock: this run was skipped.',
      );
      return this.#build(run, { isSkipped: true, balance: undefined });
    }
    try {
      await runLedgerPass(run);
      await resolveUnknowns(run);
      const balance = await readBalance(run);
      run.progress('done');
      return this.#build(run, { isSkipped: false, balance });
    } finally {
      await lock?.release();
    }
  }

  #build(
    run: RunContext,
    outcome: { isSkipped: boolean; balance: BalanceCheck | undefined },
  ): ReconcileReport {
    const { client, now } = this.#options;
    return run.report.build({
      panel: client.profile.name,
      startedAt: run.startedAt,
      finishedAt: now(),
      isSkipped: outcome.isSkipped,
      money: { currencies: run.money.totals(), balance: outcome.balance },
    });
  }

  /**
   * Runs `reconcile()` on a timer until the signal aborts or `stop()` is called; never two
   * runs at once. See {@link ReconcileLoopOptions}.
   */
  startReconcileLoop(options: ReconcileLoopOptions): ReconcileLoop {
    return startLoop((signal) => this.reconcile({ signal }), options);
  }
}

async function readBalance(run: RunContext): Promise<BalanceCheck | undefined> {
  const starting = run.options.startingBalance;
  if (starting === undefined) return undefined;
  run.progress('balance');
  const signal = run.signal;
  try {
    const now = await run.options.client.balance(signal === undefined ? {} : { signal });
    return run.money.checkBalance(starting, now, run.options.chargeTolerance);
  } catch (error) {
    if (signal?.aborted || !isSmmPanelError(error)) throw error;
    // Everything else this run learned is worth reporting; the check itself is missing.
    run.report.counts.failedCalls += 1;
    run.report.note(`The balance could not be read (${error.code}): no balance check this run.`);
    return undefined;
  }
}
