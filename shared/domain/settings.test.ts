import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, parseSettings } from './settings.ts';

describe('team settings', () => {
  it('defaults the contact threshold to 8 weeks', () => {
    expect(DEFAULT_SETTINGS.contactThresholdWeeks).toBe(8);
    expect(DEFAULT_SETTINGS.birthdayNoticeDays).toBe(90);
    expect(DEFAULT_SETTINGS.entitlementChecklist.map((item) => item.key)).toContain('setting-up-home-grant');
  });
  it('names the field of a bad setting', () => {
    expect(() => parseSettings({ contactThresholdWeeks: 0 })).toThrow(
      /Invalid team settings: contactThresholdWeeks:/,
    );
    expect(() => parseSettings({ entitlementChecklist: [{ key: 'x y', label: '' }] })).toThrow(
      /entitlementChecklist\[0\]\.key: must be an id.*entitlementChecklist\[0\]\.label: must not be empty/,
    );
  });
});
