import { describe, expect, it } from 'vitest';
import { eet, profile, record } from '../testing/builders.ts';
import {
  entitlementChecklist,
  outstandingEntitlements,
  SETTING_UP_HOME_MINIMUM_PENCE,
  STATUTORY_ENTITLEMENTS,
} from './entitlements.ts';
import type { Entitlement } from './model.ts';
import { DEFAULT_SETTINGS, parseSettings } from './settings.ts';

const received = (item: string, amountPence: number | null = null): Entitlement => ({
  item,
  status: 'received',
  updatedOn: '2025-01-01',
  amountPence,
  notes: '',
});

describe('entitlement checklist', () => {
  const r = record({
    entitlements: [
      received('setting-up-home-grant', 300_000),
      { item: 'old-local-scheme', status: 'applied', updatedOn: null, amountPence: null, notes: '' },
    ],
  });
  it('lists the statutory entitlements with their source, then the local offer, then retired items', () => {
    const lines = entitlementChecklist(r, DEFAULT_SETTINGS);
    expect(lines.slice(0, STATUTORY_ENTITLEMENTS.length).map((line) => line.key)).toEqual(
      STATUTORY_ENTITLEMENTS.map((item) => item.key),
    );
    expect(lines.find((line) => line.key === 'advocacy')?.source).toBe('Children Act 1989 s26A');
    expect(lines.find((line) => line.key === 'setting-up-home-grant')).toMatchObject({
      label: 'Setting Up Home Allowance',
      status: 'received',
      expectedPence: 300_000,
      amountProblem: null,
    });
    expect(lines.find((line) => line.key === 'fe-bursary')).toMatchObject({
      source: null,
      status: 'not-discussed',
    });
    expect(lines.at(-1)).toMatchObject({
      key: 'old-local-scheme',
      label: 'old-local-scheme',
      status: 'applied',
    });
    // A statutory key in the local offer does not appear twice.
    expect(lines.filter((line) => line.key === 'he-bursary')).toHaveLength(1);
  });
  it('follows each council’s own local offer and its amounts', () => {
    const settings = parseSettings({
      entitlementChecklist: [
        { key: 'leisure-pass', label: 'Leisure pass' },
        { key: 'setting-up-home-grant', label: 'Setting Up Home Allowance', amountPence: 350_000 },
      ],
    });
    const keys = entitlementChecklist(record(), settings).map((line) => line.key);
    expect(keys.at(-1)).toBe('leisure-pass');
    expect(keys).not.toContain('fe-bursary');
    const lines = entitlementChecklist(
      record({ entitlements: [received('setting-up-home-grant', 300_000)] }),
      settings,
    );
    expect(lines.find((line) => line.key === 'setting-up-home-grant')).toMatchObject({
      expectedPence: 350_000,
      amountProblem: '£3,000 recorded: the council’s figure is £3,500',
    });
  });
  it('never lets the council’s figure fall below the national minimum (£3,000 from April 2023)', () => {
    const settings = parseSettings({
      entitlementChecklist: [{ key: 'setting-up-home-grant', label: 'SUHA', amountPence: 200_000 }],
    });
    const line = entitlementChecklist(
      record({ entitlements: [received('setting-up-home-grant', 200_000)] }),
      settings,
    ).find((l) => l.key === 'setting-up-home-grant');
    expect(line?.expectedPence).toBe(SETTING_UP_HOME_MINIMUM_PENCE);
    expect(line?.amountProblem).toBe('£2,000 recorded: below the national minimum of £3,000');
  });
  it('prompts the HE bursary and vacation accommodation for F1/P1, the apprenticeship bursary for F4/P4', () => {
    const student = record({
      profile: profile({ dateOfBirth: '2005-05-10' }),
      eet: [eet('2024-09-20', { activ: 'F1' })],
    });
    const prompts = (rec: typeof student) =>
      entitlementChecklist(rec, DEFAULT_SETTINGS, '2025-01-01')
        .filter((line) => line.prompt !== null)
        .map((line) => line.key);
    expect(prompts(student)).toEqual(expect.arrayContaining(['he-bursary', 'vacation-accommodation']));
    expect(prompts(student)).not.toContain('apprenticeship-bursary');
    const apprentice = { ...student, eet: [eet('2024-09-20', { activ: 'P4' })] };
    expect(prompts(apprentice)).toContain('apprenticeship-bursary');
    expect(prompts(apprentice)).not.toContain('he-bursary');
    const qualifying = { ...student, profile: { ...student.profile, category: 'qualifying' as const } };
    expect(prompts(qualifying)).not.toContain('he-bursary');
    expect(prompts(qualifying)).toContain('vacation-accommodation');
    expect(entitlementChecklist(student, DEFAULT_SETTINGS).every((line) => line.prompt === null)).toBe(true);
  });
  it('lists what is still outstanding', () => {
    const keys = outstandingEntitlements(r, DEFAULT_SETTINGS).map((line) => line.key);
    expect(keys).not.toContain('setting-up-home-grant');
    expect(keys).toContain('health-passport');
    expect(keys).toContain('old-local-scheme');
  });
});
