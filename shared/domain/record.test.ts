import { describe, expect, it } from 'vitest';
import { accommodation, action, contact, record, review } from '../testing/builders.ts';
import { ValidationError } from './errors.ts';
import { sortRecord, validateRecord, youngPersonRecordSchema } from './record.ts';

const today = '2025-06-15';

function issuesOf(input: unknown, day = today): string[] {
  try {
    validateRecord(input, day);
  } catch (error) {
    if (error instanceof ValidationError)
      return error.issues.map((issue) => `${issue.field}: ${issue.message}`);
    throw error;
  }
  return [];
}

describe('validateRecord', () => {
  it('accepts a valid record and returns it in canonical order', () => {
    const input = record({ contacts: [contact('2025-05-02T10:00:00Z'), contact('2025-05-01T10:00:00Z')] });
    const valid = validateRecord(input, today);
    expect(valid.contacts.map((c) => c.at)).toEqual(['2025-05-01T10:00:00Z', '2025-05-02T10:00:00Z']);
  });
  it('rejects a date of birth in the future', () => {
    expect(issuesOf(record(), '2006-05-09')).toContain(
      'profile.dateOfBirth: must not be in the future (today is 2006-05-09)',
    );
  });
  it('rejects contacts before birth and in the future', () => {
    const issues = issuesOf(
      record({ contacts: [contact('2006-05-09T12:00:00Z'), contact('2025-06-16T09:00:00Z')] }),
    );
    expect(issues).toEqual([
      'contacts[0].at: must not be before the date of birth (2006-05-10)',
      'contacts[1].at: must not be in the future (today is 2025-06-15)',
    ]);
  });
  it('allows planned moves but not Staying Put before 18', () => {
    expect(issuesOf(record({ accommodation: [accommodation('2025-07-01')] }))).toEqual([]);
    expect(issuesOf(record({ accommodation: [accommodation('2024-05-09', { code: 'Z' })] }))).toEqual([
      'accommodation[0].code: Staying Put (Z) is only from the 18th birthday (2024-05-10); this period starts 2024-05-09',
    ]);
    expect(issuesOf(record({ accommodation: [accommodation('2024-05-10', { code: 'Z' })] }))).toEqual([]);
  });
  it('rejects a date left care after the 18th birthday and future plan dates', () => {
    const input = record({
      profile: { ...record().profile, dateLeftCare: '2024-05-11' },
      plan: { ...record().plan, firstAgreedOn: '2025-07-01' },
    });
    expect(issuesOf(input)).toEqual([
      'profile.dateLeftCare: must be on or before the 18th birthday (2024-05-10): care ends at 18',
      'plan.firstAgreedOn: must not be in the future (today is 2025-06-15)',
    ]);
  });
  it('rejects duplicate ids and actions pointing at no objective', () => {
    const first = review('2025-01-01', { id: 'same' });
    const issues = issuesOf(
      record({
        reviews: [first, { ...first }],
        actions: [action('2025-01-01', { objectiveId: 'missing' })],
        entitlements: [
          { item: 'health-passport', status: 'received', updatedOn: null, amountPence: null, notes: '' },
          { item: 'health-passport', status: 'applied', updatedOn: null, amountPence: null, notes: '' },
        ],
      }),
    );
    expect(issues).toEqual([
      'reviews[1].id: duplicate id "same"',
      'entitlements[1].item: duplicate item "health-passport"',
      'actions[0].objectiveId: refers to no objective in this plan',
    ]);
  });
  it('reports schema failures with their paths', () => {
    expect(issuesOf({ ...record(), contacts: [{ id: 'c' }] })[0]).toMatch(/^contacts\[0\]\.at: /);
  });
  it('exposes the today-independent rules as a zod schema', () => {
    expect(
      youngPersonRecordSchema.safeParse(record({ contacts: [contact('2006-01-01T00:00:00Z')] })).success,
    ).toBe(false);
    expect(
      youngPersonRecordSchema.safeParse(record({ contacts: [contact('2030-01-01T00:00:00Z')] })).success,
    ).toBe(true);
  });
});

describe('sortRecord', () => {
  it('orders contacts by instant, whatever their offsets', () => {
    const late = contact('2025-03-04T10:30:00Z', { id: 'late' });
    const early = contact('2025-03-04T11:00:00+01:00', { id: 'early' });
    expect(sortRecord(record({ contacts: [late, early] })).contacts.map((c) => c.id)).toEqual([
      'early',
      'late',
    ]);
  });
});
