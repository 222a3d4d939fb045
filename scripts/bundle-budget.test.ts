/**
 * Issue 17, faster first paint: the lock screen (the app's first screen) and the caseload route (the
 * first screen after unlocking) load only what they need. Reads the renderer build (the test command
 * builds before the unit tests) and checks their JS bytes against scripts/bundle-budget.json, that no
 * record code — Yjs, y-indexeddb, the sync client, the record pages and forms — loads before a record
 * is opened, and that no case data code — Dexie, the record store, the caseload — loads with the lock
 * screen (it loads while the lock screen shows).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { routeBundle } from './route-bundle.ts';

const root = path.resolve(import.meta.dirname, '..');
const budgets = JSON.parse(readFileSync(path.join(root, 'scripts', 'bundle-budget.json'), 'utf8')) as {
  lockScreenJsBytes: number;
  caseloadRouteJsBytes: number;
};
const budget = budgets.caseloadRouteJsBytes;
const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
const CASELOAD_PAGE = 'renderer/features/caseload/CaseloadPage.tsx';

/** Loaded only once a record is opened or the sync server is reached. */
const RECORD_CODE = [
  'yjs',
  'y-indexeddb',
  'y-protocols',
  '@hocuspocus/provider',
  '@hocuspocus/common',
  'renderer/features/record/',
  'renderer/features/young-person/',
  'renderer/sync/sync-client.ts',
  'shared/ydoc/',
];

/** Plain-language labels the caseload shows, kept beside the record pages: no record code in them. */
const LABELS = new Set(['renderer/features/record/labels.ts']);

describe('caseload route bundle', () => {
  const bundle = routeBundle(path.join(root, 'dist', 'renderer'), CASELOAD_PAGE);

  it(`loads at most the budgeted JS bytes (scripts/bundle-budget.json)`, () => {
    expect(
      bundle.jsBytes <= budget,
      `The caseload route loads ${bundle.jsBytes} bytes (${kib(bundle.jsBytes)}) of JavaScript, over its budget of ${budget} bytes (${kib(budget)}) in scripts/bundle-budget.json. Files: ${bundle.files.join(', ')}. Load what the first screen does not need with a dynamic import (see renderer/db/record-code.ts) rather than raising the budget.`,
    ).toBe(true);
  });

  it('loads no record code before a record is opened', () => {
    const loaded = [...bundle.modules].filter(
      (module) => !LABELS.has(module) && RECORD_CODE.some((code) => module.startsWith(code)),
    );
    expect(loaded, `the caseload route's chunks (${bundle.files.join(', ')}) hold record code`).toEqual([]);
  });

  it('is measured from a build that holds the caseload page', () => {
    expect(bundle.modules).toContain(CASELOAD_PAGE);
    expect(bundle.jsBytes).toBeGreaterThan(0);
  });
});

/** Case data: read only once the lock is lifted, so its code loads while the lock screen shows. */
const CASE_DATA_CODE = [
  'dexie',
  'dexie-react-hooks',
  'renderer/db/',
  'renderer/features/caseload/',
  'renderer/app/App.tsx',
];

describe('lock screen bundle (the entry page)', () => {
  const bundle = routeBundle(path.join(root, 'dist', 'renderer'));

  it('loads at most the budgeted JS bytes (scripts/bundle-budget.json)', () => {
    expect(
      bundle.jsBytes <= budgets.lockScreenJsBytes,
      `The lock screen loads ${bundle.jsBytes} bytes (${kib(bundle.jsBytes)}) of JavaScript, over its budget of ${budgets.lockScreenJsBytes} bytes (${kib(budgets.lockScreenJsBytes)}) in scripts/bundle-budget.json. Files: ${bundle.files.join(', ')}. Load what the lock screen does not need from renderer/app/case-data.tsx rather than raising the budget.`,
    ).toBe(true);
  });

  // Its form is on the app's form layer (react-hook-form, as every form is), checked without zod.
  it('loads no schema library or date library (its form and dates need none)', () => {
    const loaded = [...bundle.modules].filter((module) =>
      ['@hookform/resolvers', 'zod', 'date-fns'].includes(module),
    );
    expect(loaded, `the lock screen's chunks (${bundle.files.join(', ')}) hold them`).toEqual([]);
  });

  it('loads no case data code and no record code', () => {
    const loaded = [...bundle.modules].filter((module) =>
      [...CASE_DATA_CODE, ...RECORD_CODE].some((code) => module.startsWith(code)),
    );
    expect(loaded, `the lock screen's chunks (${bundle.files.join(', ')}) hold case data code`).toEqual([]);
    expect(bundle.modules).toContain('renderer/features/session/LockScreens.tsx');
  });
});
