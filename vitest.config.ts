import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // Examples import the package by name, as a user would; tests resolve it to the source.
    alias: {
      'smm-panel-client/sandbox': fileURLToPath(new URL('./src/sandbox/index.ts', import.meta.url)),
      'smm-panel-client/sqlite': fileURLToPath(new URL('./src/sqlite.ts', import.meta.url)),
      'smm-panel-client/postgres': fileURLToPath(new URL('./src/postgres.ts', import.meta.url)),
      'smm-panel-client': fileURLToPath(new URL('./src/index.ts', import.meta.url)),
    },
  },
  test: {
    globalSetup: ['test/setup/report-skips.ts'],
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
