/**
 * `npm run bench`: every benchmark row, side by side, in one run against one sandbox panel on
 * loopback, and one table on stdout (progress on stderr). See docs/benchmarks.md.
 *
 *   npm run bench                       # the full run (about 2.5 minutes)
 *   npm run bench -- --quick            # short rounds, to check that it runs
 *   npm run bench -- --only status,add --rounds 8 --concurrency 16
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PanelId } from '../src/api/results.js';
import type { PanelClient } from '../src/client/panel-client.js';
import { type BenchOptions, readBenchOptions } from './perf/bench-options.js';
import type { BenchRow } from './perf/bench-row.js';
import { type CeilingResult, measureCeiling } from './perf/ceiling.js';
import { formatCeiling, formatRows } from './perf/format-table.js';
import { loadSdk } from './perf/load-sdk.js';
import { loggerRow } from './perf/logger-row.js';
import { machineSummary } from './perf/machine.js';
import {
  addFileRows,
  addMemoryRows,
  addRemoteRows,
  BENCH_ORDER,
  type NetworkContext,
  statusManyParsedRows,
  statusManyRows,
  statusOneRows,
} from './perf/network-rows.js';
import { catalogueBody, type ParseCase, parseRows } from './perf/parse-rows.js';
import { createRawSender } from './perf/raw-undici.js';
import { writeResults } from './perf/results-file.js';
import { startSandboxProcess } from './perf/sandbox-process.js';

const STATUS_BATCH = 100;
const CATALOGUE_SIZE = 5000;
/** How long the sandbox holds each `add` answer in the remote-panel rows (ms). */
const REMOTE_DELAY_MS = 20;

function progress(line: string): void {
  process.stderr.write(`  ${line}\n`);
}

async function placeSeedOrders(client: PanelClient, count: number): Promise<PanelId[]> {
  const ids: PanelId[] = [];
  for (let i = 0; i < count; i++) {
    const link = `https://bench.example/seed/${i}`;
    ids.push((await client.order({ ...BENCH_ORDER, link })).orderId);
  }
  return ids;
}

async function main(): Promise<void> {
  const options = readBenchOptions(process.argv.slice(2));
  const started = Date.now();
  // One connection per call in flight on both sides (and for autocannon), so concurrency 64
  // means 64 requests on the wire rather than 16 and a queue.
  const connections = Math.max(...options.concurrencies);
  const loaded = await loadSdk(options.sdkSource);
  const { PanelClient, createMemoryLedger, openFileLedger } = loaded.sdk;
  const sandbox = await startSandboxProcess(loaded.childPath, loaded.childExecArgv);
  const { url, apiKey } = sandbox;
  const profile = { url, apiKey };
  // Each group that places orders gets a client with an empty memory ledger of its own, so
  // the entries (and the garbage collector's work) left by one group do not slow the next.
  const memoryClients: PanelClient[] = [];
  const freshMemoryClient = async (): Promise<PanelClient> => {
    const client = new PanelClient({
      profile,
      ledger: createMemoryLedger(),
      transportOptions: { connections },
    });
    memoryClients.push(client);
    // The catalogue lets every order record its expected charge, as a real client would.
    await client.services();
    return client;
  };
  const raw = createRawSender(url, connections);
  const rows: BenchRow[] = [];
  let ceiling: CeilingResult[] = [];
  const cleanups: (() => Promise<unknown>)[] = [
    () => Promise.all(memoryClients.map((client) => client.close())),
    () => raw.close(),
    () => sandbox.close(),
  ];

  try {
    progress(`sandbox at ${url}; seeding ${STATUS_BATCH} orders`);
    const memoryClient = await freshMemoryClient();
    const ids = await placeSeedOrders(memoryClient, STATUS_BATCH);
    const ctx: NetworkContext = {
      apiKey,
      plan: options.networkPlan,
      concurrencies: options.concurrencies,
      serverCpu: () => sandbox.cpuMicros(),
      progress,
    };
    const statusOneBody = new URLSearchParams({
      key: apiKey,
      action: 'status',
      order: ids[0] as string,
    });
    const statusManyBody = new URLSearchParams({
      key: apiKey,
      action: 'status',
      orders: ids.join(','),
    });

    if (options.groups.has('status'))
      rows.push(...(await statusOneRows(ctx, memoryClient, raw, ids)));
    if (options.groups.has('status-many')) {
      rows.push(...(await statusManyRows(ctx, memoryClient, raw, ids)));
      const high = options.concurrencies.filter((concurrency) => concurrency >= 16);
      rows.push(...(await statusManyParsedRows(ctx, memoryClient, raw, ids, high)));
    }
    if (options.groups.has('ceiling')) {
      ceiling = await measureCeiling(
        {
          url,
          requests: [
            { request: 'status, 1 order', body: statusOneBody.toString() },
            { request: `status, ${STATUS_BATCH} orders`, body: statusManyBody.toString() },
          ],
          concurrencies: options.concurrencies,
          durationSeconds: options.ceilingSeconds,
          warmupSeconds: 1,
        },
        ctx.serverCpu,
        progress,
      );
    }
    if (options.groups.has('add')) {
      rows.push(...(await addMemoryRows(ctx, await freshMemoryClient(), raw)));
    }
    if (options.groups.has('add-remote')) {
      const high = options.concurrencies.filter((concurrency) => concurrency >= 16);
      const setDelay = (delayMs: number | null) =>
        sandbox.setFaults(
          delayMs === null ? null : { action: 'add', rate: 1, kinds: [{ kind: 'delay', delayMs }] },
        );
      const client = await freshMemoryClient();
      rows.push(...(await addRemoteRows(ctx, client, raw, high, REMOTE_DELAY_MS, setDelay)));
    }
    if (options.groups.has('file')) {
      const directory = await mkdtemp(join(tmpdir(), 'smm-bench-'));
      cleanups.push(() => rm(directory, { recursive: true, force: true }));
      const fileLedger = await openFileLedger({ path: join(directory, 'ledger.jsonl') });
      cleanups.unshift(() => fileLedger.close());
      const fileClient = new PanelClient({
        profile,
        ledger: fileLedger,
        transportOptions: { connections },
      });
      cleanups.unshift(() => fileClient.close());
      await fileClient.services();
      rows.push(...(await addFileRows(ctx, fileClient, await freshMemoryClient())));
    }
    if (options.groups.has('parse')) {
      const cases: ParseCase[] = [
        { row: 'parse add', shape: 'add', body: await raw.send(addForm(apiKey)) },
        {
          row: 'parse status, 1 order',
          shape: 'status',
          body: await raw.send(Object.fromEntries(statusOneBody)),
        },
        {
          row: `parse status, ${STATUS_BATCH} orders`,
          shape: 'status_many',
          body: await raw.send(Object.fromEntries(statusManyBody)),
        },
        {
          row: `parse services (${CATALOGUE_SIZE.toLocaleString('en-US')})`,
          shape: 'services',
          body: catalogueBody(CATALOGUE_SIZE),
        },
      ];
      rows.push(...(await parseRows(loaded.sdk, cases, options.parsePlan, apiKey, progress)));
    }
    if (options.groups.has('logger')) {
      progress('disabled log call');
      rows.push(loggerRow(loaded.sdk, options.parsePlan.roundMs * 2));
    }
  } finally {
    for (const cleanup of cleanups) await cleanup();
  }

  const seconds = Math.round((Date.now() - started) / 1000);
  const machine = await machineSummary();
  const lines = [
    `smm-panel-client benchmarks: ratios first; absolute figures are this machine's.`,
    `machine: ${machine.oneLine}`,
    describePlan(options, connections, seconds),
    '',
    formatRows(rows),
  ];
  if (ceiling.length > 0) lines.push('', formatCeiling(ceiling, rows));
  process.stdout.write(`${lines.join('\n')}\n`);

  const run = {
    machine,
    options: { ...options, groups: [...options.groups] },
    connections,
    seconds,
  };
  const written = await writeResults(options.out, { run, rows, ceiling });
  if (written !== undefined) progress(`results written to ${written}`);
  const failed = rows.filter((row) => (row.errors ?? 0) > 0);
  if (failed.length > 0) {
    process.stderr.write(
      `bench: ${failed.length} rows had failed calls; their figures are not comparable\n`,
    );
    process.exitCode = 1;
  }
}

function describePlan(options: BenchOptions, connections: number, seconds: number): string {
  const { rounds, roundMs, warmupMs } = options.networkPlan;
  return [
    `plan: concurrency ${options.concurrencies.join('/')}`,
    `${rounds} alternating rounds of ${roundMs} ms per side after ${warmupMs} ms of warm-up`,
    `${connections} connections per side; ${seconds} s in all`,
  ].join(', ');
}

function addForm(apiKey: string): Record<string, string> {
  return {
    key: apiKey,
    action: 'add',
    service: String(BENCH_ORDER.service),
    link: 'https://bench.example/parse/1',
    quantity: String(BENCH_ORDER.quantity),
  };
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
