/**
 * Team dashboard KPIs (shared/kpi) over a seeded synthetic caseload of 2,000 young people with 3–5
 * year histories, in Node: from projection rows (what the dashboard reads from Dexie) and from whole
 * records (projecting each first, as exports and the server do). The caseload list's first render is
 * measured in Chromium by record-store.bench.ts. Run: `node bench/dashboard.bench.ts`.
 */
import { appendFileSync } from 'node:fs';
import { teamKpis, teamKpisFromRecords } from '../shared/kpi/team-kpis.ts';
import { generateCaseload } from '../shared/synthetic/generator.ts';
import { projectRecord } from '../shared/ydoc/projection.ts';
import { median, printFigures, quantile } from './support.ts';

const COUNT = Number(process.env['WAYMARK_BENCH_COUNT'] ?? 2000);
const TODAY = '2026-03-01';

function time(runs: number, fn: () => unknown): number[] {
  fn(); // warm-up
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    out.push(performance.now() - t0);
  }
  return out;
}

const generate = time(3, () => generateCaseload({ seed: 7, count: COUNT, today: TODAY }));
const records = generateCaseload({ seed: 2026, count: COUNT, today: TODAY });
const rows = records.map((record) => projectRecord(record, TODAY));
const fromRows = time(30, () => teamKpis(rows));
const fromRecords = time(5, () => teamKpisFromRecords(records, TODAY));
const projectAll = time(5, () => records.map((record) => projectRecord(record, TODAY)));

const text = printFigures(`Team dashboard KPIs: ${COUNT} young people (seed 2026), Node ${process.version}`, [
  { name: 'KPIs from projection rows (median)', value: median(fromRows), unit: 'ms', target: 50 },
  { name: 'KPIs from projection rows (p95)', value: quantile(fromRows, 0.95), unit: 'ms', target: 50 },
  {
    name: 'KPIs from whole records (projects each; median)',
    value: median(fromRecords),
    unit: 'ms',
    target: 50,
  },
  { name: `projecting ${COUNT} records (median)`, value: median(projectAll), unit: 'ms' },
  {
    name: `generating ${COUNT} synthetic young people (best of 3)`,
    value: Math.min(...generate),
    unit: 'ms',
    target: 1000,
  },
]);
if (process.env['WAYMARK_BENCH_RESULTS']) appendFileSync(process.env['WAYMARK_BENCH_RESULTS'], `${text}\n`);
