import { defineConfig } from 'vitest/config';
import InterleavedSequencer from './test/support/sequencer.ts';

const onPostgres = Boolean(process.env.TEST_DATABASE_URL);

/**
 * Test layers: `*.test.ts` are pure unit tests; `*.db.test.ts` run on a real database, on
 * PGlite always and again on PostgreSQL when TEST_DATABASE_URL is set; `*.browser.test.ts`
 * drive headless Chromium against a running server.
 */
export default defineConfig({
  test: {
    globalSetup: ['./test/support/global-setup.ts'],
    reporters: ['default', './test/support/summary-reporter.ts'],
    sequence: { sequencer: InterleavedSequencer },
    // Limits for a hang, not for speed: a busy two-core machine (CI beside other work) may take
    // several times as long as a quiet one, and speed is measured in bench/.
    testTimeout: 120_000,
    // Two at once: the database tests wait on PostgreSQL and the browser tests on Chromium, so a
    // second worker fills the time one of them spends waiting (the default is one on two cores).
    // `npm test` (scripts/test.js) sets TG_TEST_WORKERS for each of its two lanes.
    maxWorkers: Number(process.env.TG_TEST_WORKERS) || 2,
    // A worker keeps its loaded modules (and PGlite's compiled WebAssembly) from one file to the
    // next instead of starting afresh for each: about 40 % less time. Files share no data (each
    // opens its own database) and restore what they change in the process (environment, spies).
    isolate: false,
    hookTimeout: 300_000,
    projects: [
      {
        extends: true as const,
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'web/src/**/*.test.ts'],
          exclude: ['**/*.db.test.ts', '**/*.browser.test.ts', '**/node_modules/**'],
        },
      },
      {
        extends: true as const,
        test: {
          name: 'pglite',
          include: ['src/**/*.db.test.ts', 'test/**/*.db.test.ts'],
          env: { TG_TEST_DB: 'pglite' },
        },
      },
      ...(onPostgres
        ? [
            {
              extends: true as const,
              test: {
                name: 'postgres',
                include: ['src/**/*.db.test.ts', 'test/**/*.db.test.ts'],
                env: { TG_TEST_DB: 'postgres' },
              },
            },
          ]
        : []),
      {
        extends: true as const,
        test: {
          name: 'browser',
          include: ['test/browser/**/*.browser.test.ts'],
          testTimeout: 120_000,
          env: { TG_TEST_DB: 'pglite' },
        },
      },
    ],
  },
});
