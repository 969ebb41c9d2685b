import { defineConfig } from 'tsup';

// p-retry is ESM-only; a CJS build that require()s it breaks at call time (ECOSYSTEM.md 1.3),
// so it is bundled into both outputs.
const bundled = ['p-retry', 'is-network-error'];

export default defineConfig([
  {
    entry: {
      index: 'src/index.ts',
      sandbox: 'src/sandbox/index.ts',
      sqlite: 'src/sqlite.ts',
      postgres: 'src/postgres.ts',
    },
    format: ['esm', 'cjs'],
    dts: true,
    target: 'node20',
    platform: 'node',
    clean: false,
    sourcemap: true,
    splitting: false,
    noExternal: bundled,
  },
  {
    entry: { cli: 'src/cli/main.ts' },
    format: ['esm'],
    target: 'node20',
    platform: 'node',
    sourcemap: true,
    splitting: false,
    noExternal: bundled,
  },
]);
