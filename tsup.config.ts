import { defineConfig } from 'tsup';

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    sandbox: 'src/sandbox/index.ts',
    cli: 'src/cli/main.ts',
  },
  format: ['esm', 'cjs'],
  dts: { entry: { index: 'src/index.ts', sandbox: 'src/sandbox/index.ts' } },
  target: 'node20',
  platform: 'node',
  clean: true,
  sourcemap: true,
  splitting: false,
  // p-retry is ESM-only; a CJS build that require()s it breaks at call time (ECOSYSTEM.md 1.3).
  noExternal: ['p-retry', 'is-network-error'],
});
