/** Exception lists and team KPIs, each exposing the young people behind every figure. */
export * from './exceptions.ts';
export * from './team-kpis.ts';
