/**
 * Places one order per row of a CSV file, with a progress bar, and can be run again after a
 * crash without ordering anything twice.
 *
 * Why a re-run is safe: each row's idempotency key is derived from the batch (the CSV file's
 * name, or --batch) and the row's own `id`, and every order is recorded in a ledger file next to
 * the CSV. Run it again and rows already placed are answered from the ledger without a request;
 * a row whose order may or may not exist (the run died while sending it, or the panel's answer
 * was lost) is listed for reconciliation instead of being sent again; the rest are placed.
 *
 * The CSV format (read by ./csv-order-rows.ts with node:readline): a header naming `id`,
 * `service`, `link` and `quantity`, commas, double quotes around a field that holds a comma.
 * `id` must be unique in the file and must not change between runs: the key is made of it.
 *
 *   id,service,link,quantity
 *   row-1,1,https://instagram.com/p/abc,100
 *
 * Against a real panel (real orders, real money):
 *   SMM_PANEL_URL=https://panel.example/api/v2 SMM_PANEL_KEY=... \
 *   npx tsx examples/bulk-orders-from-csv.ts orders.csv
 * Against a sandbox panel started in process: add --sandbox.
 * After a crash: settle unknown rows with examples/reconcile-job.ts --ledger file:<ledger>, then
 * run this again.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, extname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import {
  deriveIdempotencyKey,
  ErrorCode,
  isOrderOutcomeUnknownError,
  isPanelRejectedError,
  isSmmPanelError,
  openFileLedger,
  PanelClient,
} from 'smm-panel-client';
import { type CsvOrderRow, readOrderRows } from './csv-order-rows.js';

/** What to order and from where. */
export interface BulkOrdersOptions {
  /** The CSV file. */
  csvPath: string;
  /** The panel's API URL. */
  url: string;
  /** The panel API key. Never printed. */
  apiKey: string;
  /** Names the batch in every key. Default: the CSV file's name without its extension. */
  batchId?: string;
  /** The ledger file. Default: `<csv path>.ledger.jsonl`, next to the CSV. */
  ledgerPath?: string;
  /** Shows a progress bar on stderr. Default: when stderr is a terminal. */
  progress?: boolean;
  /** Stops after the row being sent (never mid-order). Default: none. */
  signal?: AbortSignal;
  /** Prints a line. Default: `console.log`. */
  log?: (line: string) => void;
}

/** A row that did not end placed, and why. */
export interface RowNote {
  id: string;
  line: number;
  idempotencyKey: string;
  reason: string;
}

/** What a run did. */
export interface BulkOrdersSummary {
  rows: number;
  /** Placed by this run. */
  placed: number;
  /** Placed by an earlier run: answered from the ledger, nothing sent. */
  replayed: number;
  /** May or may not exist: reconcile, then run again. */
  unknown: RowNote[];
  /** Refused by the panel (now or in an earlier run), or invalid: fix the row under a new id. */
  rejected: RowNote[];
  /** Not placed, nothing bought (panel down, rate limited): running again retries them. */
  failed: RowNote[];
  /** Rows not tried because the run stopped early. */
  notAttempted: number;
}

/**
 * Places every row. Resolves with the summary; rejects when the file is unreadable or invalid
 * (nothing is ordered then), or when another run holds the ledger.
 */
export async function runBulkOrders(options: BulkOrdersOptions): Promise<BulkOrdersSummary> {
  const log = options.log ?? console.log;
  const rows = await readOrderRows(options.csvPath);
  const batchId = options.batchId ?? basename(options.csvPath, extname(options.csvPath));
  const ledger = await openFileLedger({
    path: options.ledgerPath ?? `${options.csvPath}.ledger.jsonl`,
  });
  // A fixed worker id per batch: a run that dies holding a row's lease is followed by a run
  // with the same id, which takes the lease back at once instead of waiting for it to expire.
  // Safe because the ledger file's lock already keeps a second run of the batch out.
  const client = new PanelClient({
    profile: { url: options.url, apiKey: options.apiKey },
    ledger,
    workerId: `bulk-csv:${batchId}`,
  });
  const summary: BulkOrdersSummary = {
    rows: rows.length,
    placed: 0,
    replayed: 0,
    unknown: [],
    rejected: [],
    failed: [],
    notAttempted: 0,
  };
  const bar = openProgressBar(options.progress ?? process.stderr.isTTY === true, rows.length);
  try {
    // With the catalogue loaded, each order records its expected charge: the reconciler needs
    // it to recognise an order whose answer was lost.
    await client.services().catch(() => log('catalogue not loaded; no expected charges'));
    for (const [index, row] of rows.entries()) {
      if (options.signal?.aborted) {
        summary.notAttempted = rows.length - index;
        break;
      }
      const idempotencyKey = deriveIdempotencyKey(`bulk-csv/${batchId}`, row.id);
      const stop = await placeRow(client, row, idempotencyKey, summary);
      bar?.increment(1, counters(summary));
      if (stop !== undefined) {
        log(`stopping: ${stop}`);
        summary.notAttempted = rows.length - index - 1;
        break;
      }
    }
  } finally {
    bar?.stop();
    await client.close();
    await ledger.close();
  }
  log(formatSummary(summary, ledger.path));
  return summary;
}

/** Places one row and records how it ended; returns a reason to stop the whole run, if any. */
async function placeRow(
  client: PanelClient,
  row: CsvOrderRow,
  idempotencyKey: string,
  summary: BulkOrdersSummary,
): Promise<string | undefined> {
  const note = (reason: string): RowNote => ({
    id: row.id,
    line: row.line,
    idempotencyKey,
    reason,
  });
  try {
    const input = { service: row.service, link: row.link, quantity: row.quantity };
    const result = await client.order(input, { idempotencyKey });
    if (result.isReplay) summary.replayed += 1;
    else summary.placed += 1;
  } catch (error) {
    if (isOrderOutcomeUnknownError(error)) {
      summary.unknown.push(note('outcome unknown: reconcile before running again'));
    } else if (isPanelRejectedError(error)) {
      summary.rejected.push(note(`${error.errorClass}: ${error.panelMessage}`));
      // Every following row would fail the same way, and each try costs a request.
      if (error.errorClass === 'auth' || error.errorClass === 'funds') return error.panelMessage;
    } else if (isSmmPanelError(error) && rowProblemCodes.has(error.code)) {
      summary.rejected.push(note(error.message));
    } else {
      summary.failed.push(note(error instanceof Error ? error.message : String(error)));
    }
  }
  return undefined;
}

// Errors that belong to the row itself: sending it again as it is cannot help.
const rowProblemCodes: ReadonlySet<string> = new Set([
  ErrorCode.InvalidInput,
  ErrorCode.IntentRejected,
  ErrorCode.IdempotencyConflict,
]);

function openProgressBar(isShown: boolean, total: number): cliProgress.SingleBar | undefined {
  if (!isShown) return undefined;
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format:
        'orders [{bar}] {value}/{total} | placed {placed}, already placed {replayed}, ' +
        'unknown {unknown}, rejected {rejected}, failed {failed}',
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0, counters({ placed: 0, replayed: 0, unknown: [], rejected: [], failed: [] }));
  return bar;
}

function counters(s: Omit<BulkOrdersSummary, 'rows' | 'notAttempted'>) {
  const { placed, replayed } = s;
  return {
    placed,
    replayed,
    unknown: s.unknown.length,
    rejected: s.rejected.length,
    failed: s.failed.length,
  };
}

/** The end-of-run summary, with what to do about each row left over. */
export function formatSummary(s: BulkOrdersSummary, ledgerPath: string): string {
  const lines = [
    `${s.rows} rows: ${s.placed} placed now, ${s.replayed} placed before, ${s.unknown.length} ` +
      `unknown, ${s.rejected.length} rejected, ${s.failed.length} failed, ` +
      `${s.notAttempted} not attempted.`,
  ];
  const section = (title: string, notes: RowNote[]) => {
    if (notes.length === 0) return;
    lines.push(title);
    for (const n of notes)
      lines.push(`  line ${n.line}, id ${n.id} (${n.idempotencyKey}): ${n.reason}`);
  };
  section(
    `Unknown: run examples/reconcile-job.ts --ledger file:${ledgerPath}, then this again:`,
    s.unknown,
  );
  section('Rejected: fix these rows and give them new ids:', s.rejected);
  section('Failed, nothing bought: run this again to retry them:', s.failed);
  return lines.join('\n');
}

/** Exit code: 0 when every row is placed, 1 when rows are left over (see the summary). */
export function exitCodeOf(s: BulkOrdersSummary): number {
  return s.placed + s.replayed === s.rows ? 0 : 1;
}

async function runFromShell(
  csvPath: string,
  useSandbox: boolean,
  batchId: string | undefined,
): Promise<number> {
  let url = process.env.SMM_PANEL_URL as string;
  let apiKey = process.env.SMM_PANEL_KEY as string;
  let panel: { url: string; apiKey: string; close(): Promise<void> } | undefined;
  let ledgerPath: string | undefined;
  if (useSandbox) {
    const { startSandboxPanel } = await import('smm-panel-client/sandbox');
    panel = await startSandboxPanel();
    ({ url, apiKey } = panel);
    // The sandbox forgets its orders when it stops, so its runs get a ledger of their own.
    ledgerPath = join(mkdtempSync(join(tmpdir(), 'smm-bulk-csv-')), 'ledger.jsonl');
    console.log(`sandbox panel at ${url}, ledger ${ledgerPath}`);
  }
  // Ctrl-C stops after the row being sent, so no order is left half-recorded; a second one
  // ends the process at once (the next run then reports that row for reconciliation).
  const controller = new AbortController();
  process.once('SIGINT', () => {
    console.error('\nstopping after the current row (Ctrl-C again to kill)');
    controller.abort();
    process.once('SIGINT', () => process.exit(130));
  });
  try {
    const summary = await runBulkOrders({
      csvPath,
      url,
      apiKey,
      signal: controller.signal,
      ...(batchId === undefined ? {} : { batchId }),
      ...(ledgerPath === undefined ? {} : { ledgerPath }),
    });
    return exitCodeOf(summary);
  } finally {
    await panel?.close();
  }
}

function readArgs(): { csvPath?: string; batch?: string; sandbox?: boolean } | undefined {
  try {
    const { values, positionals } = parseArgs({
      allowPositionals: true,
      options: { batch: { type: 'string' }, sandbox: { type: 'boolean' } },
    });
    return positionals.length === 1 ? { ...values, csvPath: positionals[0] } : undefined;
  } catch {
    return undefined;
  }
}

// Run directly: `npx tsx examples/bulk-orders-from-csv.ts <file.csv> [--batch <id>] [--sandbox]`.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = readArgs();
  const hasPanel = Boolean(process.env.SMM_PANEL_URL && process.env.SMM_PANEL_KEY);
  if (args?.csvPath === undefined || (!args.sandbox && !hasPanel)) {
    console.error(
      'Usage: SMM_PANEL_URL=<panel api url> SMM_PANEL_KEY=<key> \\\n' +
        '  npx tsx examples/bulk-orders-from-csv.ts <orders.csv> [--batch <id>]\n' +
        '   or: npx tsx examples/bulk-orders-from-csv.ts <orders.csv> --sandbox\n' +
        'The CSV has a header naming id,service,link,quantity; the ledger is <orders.csv>.ledger.jsonl.',
    );
    process.exit(2);
  }
  runFromShell(args.csvPath, args.sandbox === true, args.batch)
    .then((code) => process.exit(code))
    .catch((error: unknown) => {
      console.error(error instanceof Error ? `${error.name}: ${error.message}` : error);
      process.exit(2);
    });
}
