import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'tsup';

/** The SDK as the benchmarks use it. */
export type Sdk = typeof import('./sdk-entry.js');

/** Which code the rows run: `built` (bundled like `dist/`, the default) or `src` (through tsx). */
export type SdkSource = 'built' | 'src';

/** The loaded SDK and how to start the sandbox child of the same build. */
export interface LoadedSdk {
  sdk: Sdk;
  source: SdkSource;
  /** The sandbox child's script. */
  childPath: string;
  /** Node flags for the child: none for a bundle, this process's loader flags for `src`. */
  childExecArgv: string[];
}

const HERE = fileURLToPath(new URL('.', import.meta.url));
// Inside node_modules so the bundles resolve their dependencies (undici, zod...) from the
// project, and so neither git nor the linter looks at them.
const OUT_DIR = fileURLToPath(
  new URL('../../node_modules/.cache/smm-panel-bench/', import.meta.url),
);

/**
 * Loads the SDK. `built` bundles `sdk-entry.ts` and `sandbox-child.ts` with tsup (ESM,
 * node20, dependencies external, no `keepNames`) as `npm run build` does: tsx's own transform
 * wraps every function it creates in a naming helper, which on a one-order `status` call cost
 * the SDK about a fifth of its CPU and would be measured as the SDK's cost.
 */
export async function loadSdk(source: SdkSource): Promise<LoadedSdk> {
  if (source === 'src') {
    return {
      sdk: await import('./sdk-entry.js'),
      source,
      childPath: `${HERE}sandbox-child.ts`,
      childExecArgv: process.execArgv,
    };
  }
  await build({
    entry: { 'sdk-entry': `${HERE}sdk-entry.ts`, 'sandbox-child': `${HERE}sandbox-child.ts` },
    outDir: OUT_DIR,
    format: ['esm'],
    platform: 'node',
    target: 'node20',
    outExtension: () => ({ js: '.mjs' }),
    splitting: false,
    sourcemap: false,
    dts: false,
    clean: true,
    silent: true,
    config: false,
  });
  return {
    sdk: (await import(pathToFileURL(`${OUT_DIR}sdk-entry.mjs`).href)) as Sdk,
    source,
    childPath: `${OUT_DIR}sandbox-child.mjs`,
    childExecArgv: [],
  };
}
