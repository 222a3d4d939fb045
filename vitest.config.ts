import { defineConfig } from 'vitest/config';

/** Unit tests: beside their code in shared/, server/, electron/, renderer/ and scripts/. */
export default defineConfig({
  test: {
    include: [
      '{shared,server,electron,renderer,scripts,test/unit,test/security,test/scale}/**/*.test.{ts,tsx}',
    ],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 60_000,
    coverage: {
      provider: 'v8',
      include: ['shared/**/*.ts'],
      exclude: ['shared/**/*.test.ts', 'shared/**/*.d.ts', 'shared/bridge.ts'],
      reporter: ['text-summary', 'text'],
      thresholds: { lines: 90 },
    },
  },
});
