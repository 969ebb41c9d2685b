import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { InvalidOptionsError } from '../../errors/input-errors.js';
import { formatReconcileSummary } from '../../reconcile/format-reconcile-summary.js';
import type { ReconcileReport } from '../../reconcile/reconcile-report.js';
import { Reconciler } from '../../reconcile/reconciler.js';
import type { ReconcileProgress, ReconcilerOptions } from '../../reconcile/reconciler-options.js';
import type { CliIo } from '../cli-io.js';
import { toJson } from '../format-table.js';
import { DEFAULT_CLI_LEDGER, ledgerTableFlags, openLedgerAt } from '../open-ledger.js';
import { reportError, runPanelCommand } from '../run-command.js';

/** Exit codes of `reconcile`, for cron jobs and CI. */
export const RECONCILE_EXIT_CODES = Object.freeze({
  /** Nothing needs attention. */
  clean: 0,
  /** The run failed (bad options, panel or ledger unreachable). */
  error: 1,
  /** The report needs a person: see its `needsAttention` sections. */
  needsAttention: 2,
});

interface ReconcileFlags {
  ledger: string;
  json?: boolean;
  watch?: string;
  grace?: string;
  startingBalance?: string;
  schema?: string;
  table?: string;
}

/**
 * `reconcile`: compares the ledger with the panel once (or every `--watch` interval), prints
 * the report, and exits 0 when clean, 1 on error, 2 when something needs attention.
 */
export function registerReconcileCommand(program: Command, io: CliIo): void {
  program
    .command('reconcile')
    .description(
      'compare the ledger with the panel: update order states, settle unknown orders, ' +
        'report drift, refunds, orphans and money (exit 0 clean, 1 error, 2 needs attention)',
    )
    .option(
      '--ledger <location>',
      'the ledger: memory, file:<path>, sqlite:<path> or postgres://...',
      DEFAULT_CLI_LEDGER,
    )
    .option('--schema <name>', 'PostgreSQL schema of the ledger tables (default: public)')
    .option('--table <name>', 'PostgreSQL table of the ledger (default: smm_ledger)')
    .option('--json', 'print the report as JSON (one document per run)')
    .option('--watch <interval>', 'run again this long after each run ends: 30s, 5m, 1h')
    .option('--grace <ms>', 'grace window before an unknown order without a trace is not_placed')
    .option('--starting-balance <amount>', 'the balance when the ledger began, to check money')
    .action((flags: ReconcileFlags) =>
      runPanelCommand(
        io,
        flags,
        async ({ client, json }) => {
          const ledger = client.ledger;
          const options: ReconcilerOptions = { client, ledger, ...reconcilerFlags(flags) };
          const intervalMs = flags.watch === undefined ? undefined : parseInterval(flags.watch);
          const progress = json ? undefined : openProgress();
          const reconciler = new Reconciler({ ...options, onProgress: progress?.update });
          try {
            if (intervalMs === undefined) {
              printReport(io, await reconciler.reconcile(), json);
              return;
            }
            await watch(io, reconciler, intervalMs, json, client.profile.apiKey);
          } finally {
            progress?.stop();
          }
        },
        {
          ledger: () =>
            openLedgerAt(String(flags.ledger), {
              ...ledgerTableFlags(flags),
              mustExist: true,
            }),
        },
      ),
    );
}

function reconcilerFlags(flags: ReconcileFlags): Partial<ReconcilerOptions> {
  const options: Partial<ReconcilerOptions> = {};
  if (flags.grace !== undefined) {
    const graceMs = Number(flags.grace);
    if (!Number.isSafeInteger(graceMs) || graceMs < 0) {
      throw new InvalidOptionsError('--grace', 'must be a whole number of milliseconds');
    }
    options.graceMs = graceMs;
  }
  if (flags.startingBalance !== undefined) {
    options.startingBalance = { amount: flags.startingBalance.trim() };
  }
  return options;
}

/** Runs until SIGINT or SIGTERM; the exit code is that of the last run. */
async function watch(
  io: CliIo,
  reconciler: Reconciler,
  intervalMs: number,
  json: boolean,
  apiKey: string,
): Promise<void> {
  const controller = new AbortController();
  const stop = (): void => controller.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    const loop = reconciler.startReconcileLoop({
      intervalMs,
      signal: controller.signal,
      onReport: (report) => printReport(io, report, json),
      onError: (error) => {
        reportError(io, error, json, apiKey);
        process.exitCode = RECONCILE_EXIT_CODES.error;
      },
    });
    await loop.done;
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
}

function printReport(io: CliIo, report: ReconcileReport, json: boolean): void {
  io.stdout(json ? toJson(report) : formatReconcileSummary(report));
  process.exitCode = report.needsAttention
    ? RECONCILE_EXIT_CODES.needsAttention
    : RECONCILE_EXIT_CODES.clean;
}

/** `30s`, `5m`, `1h`, `250ms`, or a bare number of milliseconds (at least one second). */
export function parseInterval(text: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h)?\s*$/.exec(text);
  const unit = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 }[match?.[2] ?? 'ms'] ?? 1;
  const ms = match === null ? Number.NaN : Math.round(Number(match[1]) * unit);
  if (!Number.isFinite(ms) || ms < 1_000) {
    throw new InvalidOptionsError(
      '--watch',
      'must be an interval of at least 1s, such as 30s or 5m',
    );
  }
  return ms;
}

/** A progress line on stderr, only for a person watching a terminal. */
function openProgress():
  | { update: (progress: ReconcileProgress) => void; stop: () => void }
  | undefined {
  if (process.stderr.isTTY !== true) return undefined;
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: 'reconcile [{phase}] {value} entries read, {statusCalls} status calls',
      clearOnComplete: true,
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
  let isStarted = false;
  return {
    update: (progress) => {
      const payload = { phase: progress.phase, statusCalls: progress.statusCalls };
      if (!isStarted) {
        isStarted = true;
        bar.start(0, progress.entriesSeen, payload);
      }
      bar.update(progress.entriesSeen, payload);
      if (progress.phase === 'done') {
        bar.stop();
        isStarted = false;
      }
    },
    stop: () => {
      if (isStarted) bar.stop();
    },
  };
}
