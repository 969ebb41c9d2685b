/**
 * Orders per second through the sandbox panel with each ledger adapter, as a ratio against the
 * memory ledger measured in the same run (same sandbox, same concurrency, same number of
 * orders). Rounds interleave the adapters, so a machine that slows down mid-run slows all of
 * them alike; each adapter's orders per second is the median of its rounds, and its ratio the
 * median of its per-round ratios against that round's memory figure.
 *
 *   npx tsx bench/ledger-throughput.ts                      # memory, file, SQLite
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx tsx bench/ledger-throughput.ts
 *   npx tsx bench/ledger-throughput.ts --orders 1000 --concurrency 32 --rounds 5
 *
 * Prints a table, then one line of JSON. Every order is durable in its ledger before the call
 * resolves (file: datasync per change; SQLite: WAL with synchronous FULL; PostgreSQL: a
 * synchronous commit), which is what the ratios measure.
 */
import { fork } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { PanelClient } from '../src/client/panel-client.js';
import { type BenchAdapter, benchAdapters } from './ledger-adapters.js';

interface Options {
  orders: number;
  concurrency: number;
  rounds: number;
}

const DEFAULTS: Options = Object.freeze({ orders: 500, concurrency: 16, rounds: 3 });

function readOptions(argv: readonly string[]): Options {
  const options = { ...DEFAULTS };
  for (let index = 0; index < argv.length; index += 2) {
    const name = argv[index]?.replace(/^--/, '') as keyof Options;
    const value = Number(argv[index + 1]);
    if (!(name in DEFAULTS) || !Number.isInteger(value) || value < 1) {
      throw new Error(`usage: ledger-throughput [--orders N] [--concurrency N] [--rounds N]`);
    }
    options[name] = value;
  }
  return options;
}

/** Starts the sandbox in its own process; resolves with its address and a way to stop it. */
async function startSandbox(): Promise<{ url: string; apiKey: string; stop: () => void }> {
  const child = fork(fileURLToPath(new URL('./ledger-sandbox-child.ts', import.meta.url)), {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const address = await new Promise<{ url: string; apiKey: string }>((resolve, reject) => {
    child.once('message', (message) => resolve(message as { url: string; apiKey: string }));
    child.once('exit', (code) => reject(new Error(`sandbox exited with code ${code}`)));
  });
  return { ...address, stop: () => child.send('close') };
}

let roundNumber = 0;

/** Places `orders` orders with `concurrency` in flight through one adapter; orders per second. */
async function measure(
  adapter: BenchAdapter,
  panel: { url: string; apiKey: string },
  options: Options,
): Promise<number> {
  const { ledger, dispose } = await adapter.open();
  const client = new PanelClient({ profile: { url: panel.url, apiKey: panel.apiKey }, ledger });
  roundNumber += 1;
  const prefix = `r${roundNumber}-${adapter.name}`;
  try {
    let next = 0;
    const lane = async (): Promise<void> => {
      for (let n = next++; n < options.orders; n = next++) {
        const link = `https://bench.example/${prefix}/${n}`;
        await client.order(
          { service: 1, link, quantity: 100 },
          { idempotencyKey: `${prefix}-${n}` },
        );
      }
    };
    const started = performance.now();
    await Promise.all(Array.from({ length: options.concurrency }, lane));
    return (options.orders / (performance.now() - started)) * 1000;
  } finally {
    await client.close();
    await dispose();
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

async function main(): Promise<void> {
  const options = readOptions(process.argv.slice(2));
  const databaseUrl = process.env.DATABASE_URL || undefined;
  const adapters = benchAdapters(databaseUrl);
  const panel = await startSandbox();
  try {
    // One short memory round first: JIT, connection pool and sandbox warm before any figure.
    await measure(adapters[0] as BenchAdapter, panel, { ...options, orders: 100 });
    const samples = new Map<string, number[]>(adapters.map((adapter) => [adapter.name, []]));
    for (let round = 0; round < options.rounds; round += 1) {
      for (const adapter of adapters) {
        const perSecond = await measure(adapter, panel, options);
        samples.get(adapter.name)?.push(perSecond);
        process.stderr.write(`  round ${round + 1} ${adapter.name}: ${perSecond.toFixed(0)}/s\n`);
      }
    }
    report(options, samples, databaseUrl !== undefined);
  } finally {
    panel.stop();
  }
}

function report(options: Options, samples: Map<string, number[]>, hasPostgres: boolean): void {
  const memory = samples.get('memory') ?? [];
  const rows = [...samples].map(([name, values]) => {
    // The ratio of each round against the memory round just before it, then the median: a
    // machine that speeds up or slows down during the run moves both sides of each ratio.
    const ratios = values.map((value, index) => value / (memory[index] as number));
    return { adapter: name, ordersPerSecond: Math.round(median(values)), ratio: median(ratios) };
  });
  const lines = [
    `ledger throughput: ${options.orders} orders, concurrency ${options.concurrency}, ` +
      `median of ${options.rounds} rounds, sandbox in its own process on loopback`,
    `${'adapter'.padEnd(10)}${'orders/s'.padStart(10)}${'vs memory'.padStart(12)}`,
    ...rows.map(
      (row) =>
        `${row.adapter.padEnd(10)}${String(row.ordersPerSecond).padStart(10)}` +
        `${row.ratio.toFixed(2).padStart(12)}`,
    ),
  ];
  if (!hasPostgres) lines.push('(postgres skipped: DATABASE_URL not set)');
  process.stdout.write(`${lines.join('\n')}\n`);
  const machine = { node: process.version, cores: cpus().length, loadAverage: loadavg() };
  const json = {
    ...options,
    machine,
    results: rows.map((row) => ({ ...row, ratio: round(row.ratio) })),
  };
  process.stdout.write(`${JSON.stringify(json)}\n`);
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
