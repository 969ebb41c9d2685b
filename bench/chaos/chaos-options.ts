import { parseArgs } from 'node:util';

/** What one chaos run does. */
export interface ChaosOptions {
  /** Order intents per mode. Default: 2000. */
  intents: number;
  /** Share of requests that meet a fault, 0 to 1. Default: 0.2. */
  faultRate: number;
  /** Seed of the sandbox's faults and other users. Default: 7. */
  seed: number;
  /** Orders in flight at once. Default: 16. */
  concurrency: number;
  /** Which panel modes to run. Default: both. */
  modes: ChaosMode[];
}

/** `keyed`: the panel deduplicates `add` by an Idempotency-Key header; `unkeyed`: it does not. */
export type ChaosMode = 'keyed' | 'unkeyed';

/** Reads `--intents`, `--fault-rate`, `--seed`, `--concurrency` and `--mode` from argv. */
export function readChaosOptions(argv: string[]): ChaosOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      intents: { type: 'string', default: '2000' },
      'fault-rate': { type: 'string', default: '0.2' },
      seed: { type: 'string', default: '7' },
      concurrency: { type: 'string', default: '16' },
      mode: { type: 'string', default: 'both' },
    },
  });
  const mode = values.mode;
  if (mode !== 'both' && mode !== 'keyed' && mode !== 'unkeyed') {
    throw new Error('--mode must be both, keyed or unkeyed');
  }
  const options: ChaosOptions = {
    intents: Number(values.intents),
    faultRate: Number(values['fault-rate']),
    seed: Number(values.seed),
    concurrency: Number(values.concurrency),
    modes: mode === 'both' ? ['keyed', 'unkeyed'] : [mode],
  };
  if (!Number.isInteger(options.intents) || options.intents < 1) throw new Error('--intents');
  if (!(options.faultRate >= 0 && options.faultRate <= 1)) throw new Error('--fault-rate');
  if (!Number.isInteger(options.concurrency) || options.concurrency < 1) {
    throw new Error('--concurrency');
  }
  return options;
}
