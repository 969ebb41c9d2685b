/**
 * A scheduled reconcile job: compares the ledger with the panel, settles orders whose outcome
 * was unknown, prints the human summary, and exits with a code a scheduler can alert on.
 *
 * Run once and exit (cron, a Kubernetes CronJob, a CI schedule):
 *   SMM_PANEL_URL=https://panel.example/api/v2 SMM_PANEL_KEY=... \
 *   npx tsx examples/reconcile-job.ts --ledger file:./smm-panel-ledger.jsonl
 * Or stay up and run every interval (a worker process):
 *   ... npx tsx examples/reconcile-job.ts --ledger sqlite:./orders-ledger.sqlite --watch 5m
 *
 * Ledger locations, as the CLI takes them: `file:<path>` (JSON lines), `sqlite:<path>`
 * (needs better-sqlite3), or a `postgres://` / `postgresql://` URL (needs pg; `--schema` and
 * `--table` say where the ledger is, default `public.smm_ledger`).
 *
 * Exit codes: 0 clean; 1 the run failed; 2 a person must look (missing or stuck orders, charge
 * mismatches, ambiguous matches, orphans, money that does not add up); 3 orders whose outcome
 * is still unknown and that a later run will settle once their grace window has passed.
 */
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import {
  formatReconcileSummary,
  type Ledger,
  openFileLedger,
  PanelClient,
  type ReconcileReport,
  Reconciler,
  type ReconcilerOptions,
} from 'smm-panel-client';
import { openPostgresLedger, type PostgresLedgerLocation } from 'smm-panel-client/postgres';
import { openSqliteLedger } from 'smm-panel-client/sqlite';

/** What the job's exit code means. */
export const RECONCILE_JOB_EXIT_CODES = Object.freeze({
  clean: 0,
  error: 1,
  needsAttention: 2,
  /** Unknown orders left that a later run settles on its own: not clean, not yet a person's. */
  unknownOpen: 3,
});

/** What the job needs: the panel, the ledger, and how often to run. */
export interface ReconcileJobOptions extends PostgresLedgerLocation {
  /** The panel's API URL. */
  url: string;
  /** The panel API key. Never printed. */
  apiKey: string;
  /** The ledger location: `file:<path>`, `sqlite:<path>` or a `postgres://` URL. */
  ledger: string;
  /** Run again this long after each run ends (ms). Default: run once. */
  watchIntervalMs?: number;
  /** Stops a `watch` loop (and the run in progress). Default: none. */
  signal?: AbortSignal;
  /** Reconciler settings: `graceMs`, `startingBalance`, `stuckAfterMs`... Default: its own. */
  reconciler?: Omit<ReconcilerOptions, 'client' | 'ledger' | 'signal'>;
  /** Prints a block of text. Default: `console.log`. */
  print?: (text: string) => void;
}

/**
 * Runs the job and resolves with its exit code (the last run's, in watch mode). Rejects only
 * when the ledger cannot be opened or the options are wrong; a failed run resolves 1.
 */
export async function runReconcileJob(options: ReconcileJobOptions): Promise<number> {
  const print = options.print ?? console.log;
  const ledger = await openLedgerAt(options.ledger, options);
  const client = new PanelClient({ profile: { url: options.url, apiKey: options.apiKey }, ledger });
  let lock: { release(): Promise<void> } | undefined;
  try {
    // A ledger shared by several processes has a reconcile lock: two jobs started by
    // overlapping schedules would otherwise both scan and settle the same unknown orders.
    if (ledger.acquireReconcileLock !== undefined) {
      lock = await ledger.acquireReconcileLock();
      if (lock === undefined) {
        print('another reconciler holds this ledger; nothing to do this time');
        return RECONCILE_JOB_EXIT_CODES.clean;
      }
    }
    const reconciler = new Reconciler({ ...options.reconciler, client, ledger });
    if (options.watchIntervalMs === undefined) {
      return await runOnce(reconciler, print);
    }
    return await watch(reconciler, options.watchIntervalMs, options.signal, print);
  } finally {
    await lock?.release();
    await client.close();
    await ledger.close();
  }
}

/** The exit code for one report. */
export function exitCodeFor(report: ReconcileReport): number {
  if (report.needsAttention) return RECONCILE_JOB_EXIT_CODES.needsAttention;
  if (report.counts.unknownOpen > 0) return RECONCILE_JOB_EXIT_CODES.unknownOpen;
  return RECONCILE_JOB_EXIT_CODES.clean;
}

async function runOnce(reconciler: Reconciler, print: (text: string) => void): Promise<number> {
  try {
    const report = await reconciler.reconcile();
    print(formatReconcileSummary(report));
    return exitCodeFor(report);
  } catch (error) {
    print(`reconcile failed: ${describe(error)}`);
    return RECONCILE_JOB_EXIT_CODES.error;
  }
}

async function watch(
  reconciler: Reconciler,
  intervalMs: number,
  signal: AbortSignal | undefined,
  print: (text: string) => void,
): Promise<number> {
  let code: number = RECONCILE_JOB_EXIT_CODES.clean;
  const loop = reconciler.startReconcileLoop({
    intervalMs,
    ...(signal === undefined ? {} : { signal }),
    onReport: (report) => {
      print(formatReconcileSummary(report));
      code = exitCodeFor(report);
    },
    // A failed run (panel down for a while) must not end a long-lived worker: say so, go on.
    onError: (error) => {
      print(`reconcile failed: ${describe(error)}`);
      code = RECONCILE_JOB_EXIT_CODES.error;
    },
  });
  await loop.done;
  return code;
}

/** Opens a ledger from a location string, as the CLI's `--ledger` takes it. */
export async function openLedgerAt(
  location: string,
  postgres: PostgresLedgerLocation = {},
): Promise<Ledger> {
  if (location.startsWith('file:')) return openFileLedger({ path: location.slice(5) });
  if (location.startsWith('sqlite:')) return openSqliteLedger({ path: location.slice(7) });
  if (/^postgres(ql)?:\/\//.test(location)) {
    const { schema, table } = postgres;
    return openPostgresLedger({
      connectionString: location,
      // One connection for the reconcile lock, one for the work.
      maxConnections: 2,
      ...(schema === undefined ? {} : { schema }),
      ...(table === undefined ? {} : { table }),
    });
  }
  throw new Error(
    `unsupported ledger location "${location.split(':')[0]}:..." ` +
      '(use file:<path>, sqlite:<path> or a postgres:// URL)',
  );
}

// The URL may hold a database password and is never echoed; SDK errors never hold the API key.
function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/** `30s`, `5m`, `1h` or a number of milliseconds. */
function parseInterval(text: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text.trim());
  const unit = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 }[match?.[2] ?? 'ms'] ?? 1;
  const ms = match === null ? Number.NaN : Math.round(Number(match[1]) * unit);
  if (!Number.isFinite(ms) || ms < 1_000) throw new Error('--watch must be at least 1s (30s, 5m)');
  return ms;
}

function readFlags() {
  try {
    return parseArgs({
      options: {
        ledger: { type: 'string' },
        watch: { type: 'string' },
        'grace-ms': { type: 'string' },
        'starting-balance': { type: 'string' },
        schema: { type: 'string' },
        table: { type: 'string' },
        help: { type: 'boolean' },
      },
    }).values;
  } catch {
    return undefined;
  }
}

const USAGE = `Usage: SMM_PANEL_URL=<panel api url> SMM_PANEL_KEY=<key> \\
  npx tsx examples/reconcile-job.ts --ledger <location> [--watch 5m] [--grace-ms N]
    [--starting-balance 100.00] [--schema public --table smm_ledger]
  <location>: file:<path> | sqlite:<path> | postgres://user@host/db
  exit: 0 clean, 1 failed, 2 needs a person, 3 unknown orders still waiting`;

// Run directly: once, or with --watch until SIGINT/SIGTERM.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const values = readFlags();
  const { SMM_PANEL_URL: url, SMM_PANEL_KEY: apiKey } = process.env;
  if (values === undefined || values.help || !url || !apiKey || !values.ledger) {
    // Exit 1, not the usual 2 for usage: 2 means "needs attention" to whatever watches this job.
    console.error(USAGE);
    process.exit(RECONCILE_JOB_EXIT_CODES.error);
  }
  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort());
  process.once('SIGTERM', () => controller.abort());
  const reconciler: ReconcileJobOptions['reconciler'] = {};
  if (values['grace-ms'] !== undefined) reconciler.graceMs = Number(values['grace-ms']);
  if (values['starting-balance'] !== undefined) {
    reconciler.startingBalance = { amount: values['starting-balance'] };
  }
  Promise.resolve()
    .then(() =>
      runReconcileJob({
        url,
        apiKey,
        ledger: values.ledger as string,
        reconciler,
        signal: controller.signal,
        ...(values.watch === undefined ? {} : { watchIntervalMs: parseInterval(values.watch) }),
        ...(values.schema === undefined ? {} : { schema: values.schema }),
        ...(values.table === undefined ? {} : { table: values.table }),
      }),
    )
    .then((code) => process.exit(code))
    .catch((error: unknown) => {
      console.error(describe(error));
      process.exit(RECONCILE_JOB_EXIT_CODES.error);
    });
}
