/** Seeded synthetic caseloads for tests, benchmarks and the demo. No real people. */
export * from './generator.ts';
export * from './random.ts';
