import { defineConfig } from 'vitest/config';
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';

// migrations/ as wrangler applies them; test/workers/apply-migrations.ts applies them to the test D1.
const d1Migrations = await readD1Migrations('./migrations');
const analyticsMigrations = await readD1Migrations('./migrations/analytics');

// One `vitest run` holds every project: each folder of test/ names the runtime its tests need.
export default defineConfig({
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'widget',
          environment: 'happy-dom',
          include: ['test/widget/**/*.test.{ts,tsx}'],
        },
      },
      {
        extends: true,
        test: {
          name: 'node',
          environment: 'node',
          include: ['test/{proxy,settings,sandbox,delivery,cli,build,repo,runtimes,lifecycle,offers}/**/*.test.ts'],
          testTimeout: 30_000,
        },
      },
      {
        extends: true,
        // The Worker (wrangler.toml) inside real workerd; its Braze is a sandbox started by globalSetup.
        plugins: [
          cloudflareTest(({ inject }) => ({
            wrangler: { configPath: './wrangler.toml' },
            miniflare: {
              bindings: {
                BRAZE_REST_ENDPOINT: inject('sandboxUrl'),
                BRAZE_API_KEY: 'workers-test-key',
                INLET_ADMIN_TOKEN: 'workers-test-admin-token',
                INLET_CONFIG_TTL_SECONDS: '0',
                TEST_MIGRATIONS: d1Migrations,
                TEST_ANALYTICS_MIGRATIONS: analyticsMigrations,
              },
              // wrangler.toml's consumers, with one retry instead of 100 so dead-lettering shows in seconds.
              queueConsumers: {
                'inlet-submissions': { maxBatchSize: 37, maxBatchTimeout: 1, maxRetries: 1, deadLetterQueue: 'inlet-submissions-dlq' },
                'inlet-submissions-dlq': { maxBatchSize: 37, maxBatchTimeout: 0.2 },
                'inlet-analytics': { maxBatchSize: 100, maxBatchTimeout: 0.2, maxRetries: 1 },
              },
            },
          })),
        ],
        test: {
          name: 'workers',
          include: ['test/workers/**/*.test.ts'],
          globalSetup: ['test/workers/global-setup.ts'],
          setupFiles: ['test/workers/apply-migrations.ts'],
          testTimeout: 30_000,
          // The files share one Braze sandbox and some inject faults into it.
          fileParallelism: false,
        },
      },
      {
        extends: true,
        // The same Worker with the studio on (D1 DB + a session secret + a first publisher).
        plugins: [
          cloudflareTest(({ inject }) => ({
            wrangler: { configPath: './wrangler.toml' },
            miniflare: {
              bindings: {
                BRAZE_REST_ENDPOINT: inject('sandboxUrl'),
                BRAZE_API_KEY: 'workers-test-key',
                INLET_CONFIG_TTL_SECONDS: '0',
                INLET_STUDIO_SECRET: 'workers-studio-test-secret',
                INLET_STUDIO_PUBLISHER: 'publisher@shop.test',
                // `npm run studio -- hash-password` of "workers-studio-password".
                INLET_STUDIO_PUBLISHER_PASSWORD: 'pbkdf2-sha256$100000$4ZSZIy12M0j1xU/aXmSD/g==$hD8Y8Y6DfWM4eAhhE2JLJjrBGoH1UjCguOZlg2OqHHA=',
                TEST_MIGRATIONS: d1Migrations,
                TEST_ANALYTICS_MIGRATIONS: analyticsMigrations,
              },
            },
          })),
        ],
        test: {
          name: 'workers-studio',
          include: ['test/workers-studio/**/*.test.ts'],
          globalSetup: ['test/workers/global-setup.ts'],
          setupFiles: ['test/workers/apply-migrations.ts'],
          testTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // Each file launches its own Chromium; two at once is what a 2-core machine takes.
          maxWorkers: 2,
        },
      },
      {
        extends: true,
        // The same visitor journeys in Chromium, Firefox and WebKit (docs/browsers.md); WebKit draws on an
        // Xvfb display that globalSetup starts and stops.
        test: {
          name: 'engines',
          environment: 'node',
          include: ['test/engines/**/*.test.ts'],
          globalSetup: ['test/engines/global-setup.ts'],
          setupFiles: ['test/engines/setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // Each file runs its engines one after the other; one file at a time keeps three browsers off 2 cores.
          maxWorkers: 1,
        },
      },
    ],
  },
});
