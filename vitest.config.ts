import { defineConfig } from 'vitest/config';

// One runner for the whole monorepo. Projects split by what they need from the machine:
// `unit` and `api` run in-process (PGlite behind the real Neon drivers); `stack` starts wrangler
// dev (workerd) against the dev stack; `browser` adds SvelteKit and Chromium on top of that.
export default defineConfig({
  test: {
    // The JSON report lets .ci/run print one plain "N passed, N failed" line for CI to read.
    reporters: ['default', 'json'],
    outputFile: { json: '.data/test-results.json' },
    projects: [
      {
        test: {
          name: 'unit',
          include: ['packages/**/src/**/*.test.ts', 'apps/web/src/**/*.test.ts'],
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'api',
          include: ['apps/api/src/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'stack',
          include: ['test/stack/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 240_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
