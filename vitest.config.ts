import { defineConfig } from 'vitest/config';

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
          include: ['test/{proxy,sandbox,delivery,cli,build,repo}/**/*.test.ts'],
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
    ],
  },
});
