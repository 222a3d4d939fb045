import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, parseSettings } from '../../../shared/domain/settings.ts';
import { changeFrom, formValuesOf, keyForNewItem, settingsFormSchema } from './settings-form.ts';

describe('team settings form', () => {
  it('round-trips the settings in force, amounts in pounds', () => {
    const values = formValuesOf(DEFAULT_SETTINGS);
    expect(values.contactThresholdWeeks).toBe('8');
    expect(values.offer[0]).toEqual({
      key: 'setting-up-home-grant',
      label: 'Setting Up Home Allowance',
      amount: '3000',
    });
    const change = changeFrom(settingsFormSchema.parse(values));
    expect(parseSettings(change)).toEqual(DEFAULT_SETTINGS);
  });

  it('reads pounds and pence and gives a new item a key from its name', () => {
    const values = formValuesOf(DEFAULT_SETTINGS);
    values.contactThresholdWeeks = ' 6 ';
    values.offer = [
      { key: '', label: 'Gym membership', amount: '£1,250.50' },
      { key: '', label: 'Gym membership', amount: '' },
    ];
    const change = changeFrom(settingsFormSchema.parse(values));
    expect(change.contactThresholdWeeks).toBe(6);
    expect(change.entitlementChecklist).toEqual([
      { key: 'gym-membership', label: 'Gym membership', amountPence: 125_050 },
      { key: 'gym-membership-2', label: 'Gym membership', amountPence: null },
    ]);
  });

  it('says what is wrong in plain words', () => {
    const values = formValuesOf(DEFAULT_SETTINGS);
    values.contactThresholdWeeks = '0';
    values.caseloadTarget = '';
    values.offer = [{ key: 'x', label: ' ', amount: 'three' }];
    const result = settingsFormSchema.safeParse(values);
    expect(result.success).toBe(false);
    const messages = result.error?.issues.map((issue) => issue.message) ?? [];
    expect(messages).toContain('Contact threshold must be a whole number from 1 to 52');
    expect(messages).toContain('Enter the caseload target per personal adviser');
    expect(messages).toContain('Enter the name of the local offer item');
    expect(messages).toContain('Amount must be in pounds, like 3000 or 3000.50, or left empty');
    for (const message of messages) expect(message).not.toMatch(/[a-z][A-Z]|[A-Za-z]\.[A-Za-z]/);
  });

  it('keeps new keys apart from existing ones', () => {
    expect(keyForNewItem('Bus pass!', new Set(['bus-pass']))).toBe('bus-pass-2');
    expect(keyForNewItem('£££', new Set())).toBe('local-offer');
  });
});
