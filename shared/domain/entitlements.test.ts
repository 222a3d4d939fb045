import { describe, expect, it } from 'vitest';
import { record } from '../testing/builders.ts';
import { entitlementChecklist, outstandingEntitlements } from './entitlements.ts';
import { DEFAULT_SETTINGS, parseSettings } from './settings.ts';

describe('entitlement checklist', () => {
  const r = record({
    entitlements: [
      {
        item: 'setting-up-home-grant',
        status: 'received',
        updatedOn: '2025-01-01',
        amountPence: 300_000,
        notes: '',
      },
      { item: 'old-local-scheme', status: 'applied', updatedOn: null, amountPence: null, notes: '' },
    ],
  });
  it('lists every council item in order, then items the checklist no longer has', () => {
    const lines = entitlementChecklist(r, DEFAULT_SETTINGS);
    expect(lines[0]).toMatchObject({
      key: 'setting-up-home-grant',
      label: 'Setting Up Home Grant',
      status: 'received',
    });
    expect(lines[1]).toMatchObject({ key: 'council-tax-exemption', status: 'not-discussed', entry: null });
    expect(lines.at(-1)).toMatchObject({
      key: 'old-local-scheme',
      label: 'old-local-scheme',
      status: 'applied',
    });
  });
  it('follows each council’s own checklist', () => {
    const settings = parseSettings({
      entitlementChecklist: [{ key: 'leisure-pass', label: 'Leisure pass' }],
    });
    expect(entitlementChecklist(record(), settings).map((line) => line.key)).toEqual(['leisure-pass']);
  });
  it('lists what is still outstanding', () => {
    const keys = outstandingEntitlements(r, DEFAULT_SETTINGS).map((line) => line.key);
    expect(keys).not.toContain('setting-up-home-grant');
    expect(keys).toContain('health-passport');
    expect(keys).toContain('old-local-scheme');
  });
});
