import { parseArgs } from 'node:util';
import type { RoundPlan } from './interleave.js';
import type { SdkSource } from './load-sdk.js';

/** The groups of rows `--only` can pick. */
export const BENCH_GROUPS = Object.freeze([
  'status',
  'status-many',
  'add',
  'add-remote',
  'file',
  'ceiling',
  'parse',
  'logger',
] as const);

export type BenchGroup = (typeof BENCH_GROUPS)[number];

/** What one `npm run bench` does. */
export interface BenchOptions {
  /** Calls in flight at once, one row each. Default: 1, 16, 64. */
  concurrencies: number[];
  /** Warm-up and rounds of every networked comparison. */
  networkPlan: RoundPlan;
  /** Warm-up and rounds of every parsing comparison. */
  parsePlan: RoundPlan;
  /** Seconds autocannon loads the sandbox per request and concurrency. Default: 2. */
  ceilingSeconds: number;
  /** Run the SDK bundled like `dist/` (`built`) or from `src/` through tsx. Default: built. */
  sdkSource: SdkSource;
  /** Which groups run. Default: all. */
  groups: Set<BenchGroup>;
  /**
   * Where the JSON-lines results go; `''` for nowhere.
   * Default: `bench/results/bench-<time>.jsonl`.
   */
  out: string | undefined;
}

/**
 * Reads `--rounds`, `--round-ms`, `--warmup-ms`, `--concurrency 1,16,64`, `--ceiling-seconds`,
 * `--only status,add`, `--out <file>`, `--sdk built|src` and `--quick` (short rounds, to check
 * the script runs).
 */
export function readBenchOptions(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      rounds: { type: 'string', default: '5' },
      'round-ms': { type: 'string', default: '600' },
      'warmup-ms': { type: 'string', default: '500' },
      concurrency: { type: 'string', default: '1,16,64' },
      'ceiling-seconds': { type: 'string', default: '2' },
      only: { type: 'string', default: BENCH_GROUPS.join(',') },
      out: { type: 'string' },
      quick: { type: 'boolean', default: false },
      sdk: { type: 'string', default: 'built' },
    },
  });
  const quick = values.quick === true;
  const rounds = whole('--rounds', quick ? '2' : values.rounds);
  const roundMs = whole('--round-ms', quick ? '150' : values['round-ms']);
  const warmupMs = whole('--warmup-ms', quick ? '100' : values['warmup-ms']);
  const concurrencies = values.concurrency.split(',').map((part) => whole('--concurrency', part));
  const groups = new Set<BenchGroup>();
  for (const name of values.only.split(',')) {
    if (!(BENCH_GROUPS as readonly string[]).includes(name)) {
      throw new Error(`--only takes ${BENCH_GROUPS.join(', ')}; got ${name}`);
    }
    groups.add(name as BenchGroup);
  }
  if (values.sdk !== 'built' && values.sdk !== 'src') throw new Error('--sdk takes built or src');
  return {
    sdkSource: values.sdk,
    concurrencies,
    networkPlan: { rounds, roundMs, warmupMs },
    // Parsing is steadier than the network and a catalogue parse is slow: shorter, fewer rounds.
    parsePlan: { rounds: Math.max(2, rounds - 1), roundMs: Math.round(roundMs * 0.6), warmupMs },
    ceilingSeconds: quick ? 1 : whole('--ceiling-seconds', values['ceiling-seconds']),
    groups,
    out: values.out,
  };
}

function whole(name: string, text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a whole number ≥ 1`);
  return value;
}
