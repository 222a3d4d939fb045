import { defineConfig } from 'vitest/config';

/** Browser end-to-end tests: playwright-core drives Debian Chromium against the built renderer. */
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 180_000,
    fileParallelism: false,
    globalSetup: ['test/e2e/global-setup.ts'],
  },
});
