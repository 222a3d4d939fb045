import { describe, expect, it } from 'vitest';
import { readRecord } from '../../../../shared/ydoc/read-record.ts';
import { createRecordDoc, setProfile } from '../../../../shared/ydoc/write-record.ts';
import { accommodation, contact, flag, record } from '../../../../shared/testing/builders.ts';
import { formErrorsFrom } from '../../../ui/form-errors.ts';
import { describeEntries, entriesBefore, profileSaveErrors } from './save-errors.ts';

const ctx = { writer: 'pa-1', today: '2026-06-01' };
const LABELS = { dateOfBirth: 'Date of birth', paAllocatedOn: 'Personal Adviser allocated on' };

function refusal(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected the writer to refuse the change');
}

describe('profileSaveErrors', () => {
  const base = record({
    profile: { ...record().profile, dateLeftCare: null, paAllocatedOn: null },
    contacts: [contact('2024-03-04T10:00:00Z')],
    accommodation: [accommodation('2024-01-20')],
    flags: [flag('refuses-contact', '2025-02-01')],
  });

  it('puts entries a new date of birth would strand at the date of birth, naming them with UK dates', () => {
    const doc = createRecordDoc(base, ctx);
    const error = refusal(() => setProfile(doc, { dateOfBirth: '2024-06-01' }, ctx));
    const errors = profileSaveErrors(error, readRecord(doc), LABELS);
    expect(errors.filter((problem) => problem.field === 'dateOfBirth')).toHaveLength(1);
    expect(errors[0]?.message).toContain('Date of birth must not be after');
    expect(errors[0]?.message).toContain('the contact on 4 Mar 2024');
    expect(errors[0]?.message).toContain('the accommodation period on 20 Jan 2024');
    expect(errors[0]?.message).not.toContain('status flag');
  });

  it('keeps issues about profile fields at those fields, and a PA date with no PA at that date', () => {
    const doc = createRecordDoc(
      record({ profile: { ...base.profile, allocatedPaId: null, paAllocatedOn: null } }),
      ctx,
    );
    const error = refusal(() => setProfile(doc, { paAllocatedOn: '2023-01-01' }, ctx));
    const errors = profileSaveErrors(error, readRecord(doc), LABELS);
    expect(errors).toEqual([
      { field: 'paAllocatedOn', message: expect.stringContaining('No Personal Adviser') },
    ]);
  });
});

describe('entriesBefore and describeEntries', () => {
  it('finds, with the shared rules, the entries dated before a date of birth', () => {
    const found = entriesBefore(base(), '2025-01-01');
    expect(found.map((entry) => entry.collection)).toEqual(['contacts', 'accommodation']);
    expect(describeEntries(found)).toBe(
      'the contact on 4 Mar 2024 and the accommodation period on 20 Jan 2024',
    );
    expect(entriesBefore(base(), '2006-05-10')).toEqual([]);
  });

  function base() {
    return record({
      contacts: [contact('2024-03-04T10:00:00Z')],
      accommodation: [accommodation('2024-01-20')],
    });
  }
});

describe('formErrorsFrom on a writer refusal', () => {
  it('writes dates in messages as d MMM yyyy', () => {
    const doc = createRecordDoc(record(), ctx);
    const error = refusal(() => setProfile(doc, { dateLeftCare: '2025-01-01' }, ctx));
    expect(formErrorsFrom(error, { dateLeftCare: 'Date they left care' })).toEqual([
      { field: 'dateLeftCare', message: expect.stringContaining('(10 May 2024)') },
    ]);
  });
});
