import { defineConfig } from 'vitest/config';

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
    testTimeout: 30_000,
    hookTimeout: 120_000,
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
          fileParallelism: false,
          testTimeout: 120_000,
          env: { TG_TEST_DB: 'pglite' },
        },
      },
    ],
  },
});
