/**
 * Import of 5,000 young people from the council's SSDA903 and people files (issue 15: under a minute on
 * this machine), into a real SQLite store as the server does it: the preview, the confirmed import
 * (which previews again, then writes), the same files again (no change), and next year's files.
 */
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  COUNCIL_PEOPLE_MAPPING,
  generateCouncil,
  writeCouncilYear,
  type CouncilFiles,
} from '../shared/exchange/testing/synthetic-council.ts';
import { confirmImport, previewImport, type ImportRequest } from '../server/exchange/import-service.ts';
import { SqliteStore } from '../server/store/sqlite-store.ts';
import { printFigures, root } from './support.ts';

const COUNT = 5000;
const YEAR = 2025;
const dir = mkdtempSync(path.join(os.tmpdir(), 'waymark-import-bench-'));
const store = new SqliteStore(path.join(dir, 'waymark.sqlite'));

const pas = [];
for (const team of ['North', 'South']) {
  const { id } = await store.createTeam(team);
  for (let i = 1; i <= 12; i++) {
    const username = `pa.${team.toLowerCase()}${i}`;
    await store.createUser({ username, displayName: username, role: 'pa', teamId: id, passwordHash: null });
    pas.push({ username, team });
  }
}
const children = generateCouncil({ seed: 5000, count: COUNT, yearEnding: YEAR, pas });
const year1 = writeCouncilYear(children, { yearEnding: YEAR, importOn: '2025-05-01' });
const year2 = writeCouncilYear(children, { yearEnding: YEAR + 1, importOn: '2026-05-01' });
const request = (files: CouncilFiles, yearEnding: number, today: string): ImportRequest => ({
  files: { ...files, peopleMapping: { ...COUNCIL_PEOPLE_MAPPING } },
  yearEnding,
  today,
  scopeTeamId: null,
});

async function seconds<T>(run: () => Promise<T>): Promise<{ value: T; s: number }> {
  const t0 = performance.now();
  const value = await run();
  return { value, s: (performance.now() - t0) / 1000 };
}

const load = os.loadavg()[0] ?? 0;
try {
  const preview = await seconds(() => previewImport(store, request(year1, YEAR, '2025-05-01')));
  const first = await seconds(() =>
    confirmImport(store, request(year1, YEAR, '2025-05-01'), { userId: null }, { skipRefused: true }),
  );
  const again = await seconds(() =>
    confirmImport(store, request(year1, YEAR, '2025-05-01'), { userId: null }, { skipRefused: true }),
  );
  const next = await seconds(() =>
    confirmImport(store, request(year2, YEAR + 1, '2026-05-01'), { userId: null }, { skipRefused: true }),
  );
  const c = first.value.counts;
  const text = printFigures(
    `Import: ${COUNT} young people in the files (${c.created} created, ${c.outOfScope} out of scope), SQLite, this machine (load average ${load.toFixed(1)} at start)`,
    [
      { name: 'preview (read, check, plan)', value: preview.s, unit: 's' },
      {
        name: `first import, confirmed (preview + write ${c.created} records)`,
        value: first.s,
        unit: 's',
        target: 60,
      },
      {
        name: `same files again (${again.value.counts.unchanged} unchanged)`,
        value: again.s,
        unit: 's',
        target: 60,
      },
      {
        name: `next year's files (${next.value.counts.updated} updated, ${next.value.counts.created} created)`,
        value: next.s,
        unit: 's',
        target: 60,
      },
    ],
  );
  if (process.env['WAYMARK_BENCH_RESULTS']) appendFileSync(process.env['WAYMARK_BENCH_RESULTS'], `${text}\n`);
  else appendFileSync(path.join(root, 'bench', 'results.md'), `${text}\n`);
} finally {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}
