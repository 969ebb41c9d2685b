import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'tsup';

const REPO = fileURLToPath(new URL('../../', import.meta.url));

/** A worker script bundled into one file, and how to remove it. */
export interface BundledWorker {
  path: string;
  remove: () => Promise<void>;
}

/**
 * Bundles a TypeScript worker script into one ESM file, once per test file. The crash test
 * starts its worker more than twenty times per adapter, and each start through `--import tsx`
 * spends about a second resolving and loading the sources module by module; the bundle starts
 * in half that. Packages stay external, and the file is written under `node_modules/.cache` so
 * that they resolve from the repository as they do for the sources.
 */
export async function bundleWorker(script: string): Promise<BundledWorker> {
  // A fresh install has no node_modules/.cache yet.
  const cache = join(REPO, 'node_modules', '.cache');
  await mkdir(cache, { recursive: true });
  const directory = await mkdtemp(join(cache, 'smm-crash-worker-'));
  await build({
    entry: { worker: script },
    outDir: directory,
    format: ['esm'],
    platform: 'node',
    target: 'node20',
    splitting: false,
    sourcemap: false,
    dts: false,
    clean: false,
    silent: true,
    // Not the package's own tsup.config.ts: only this entry, nothing else.
    config: false,
    outExtension: () => ({ js: '.mjs' }),
  });
  return {
    path: join(directory, 'worker.mjs'),
    remove: () => rm(directory, { recursive: true, force: true }),
  };
}
