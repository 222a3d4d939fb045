import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../shared/domain/errors.ts';
import { fieldOf, formErrorsFrom } from './form-errors.ts';

describe('form errors from the shared writers', () => {
  it('finds the form field an issue path names', () => {
    const fields = ['dueDate', 'dateOfBirth', 'at'];
    expect(fieldOf('dueDate', fields)).toBe('dueDate');
    expect(fieldOf('profile.dateOfBirth', fields)).toBe('dateOfBirth');
    expect(fieldOf('contacts[2].at', fields)).toBe('at');
    expect(fieldOf('profile.teamId', fields)).toBeNull();
  });

  it('labels each issue at its field and keeps unknown fields for the summary', () => {
    const error = new ValidationError('action', [
      {
        field: 'dueDate',
        message: '"ongoing" is not a timescale: give the date, written yyyy-MM-dd (SMART)',
      },
      { field: 'owner', message: 'needs a named person or role responsible (SMART: who?)' },
      { field: 'teamId', message: 'must be an id' },
    ]);
    expect(formErrorsFrom(error, { dueDate: 'By when', owner: 'Who will do it' })).toEqual([
      {
        field: 'dueDate',
        message: 'By when: "ongoing" is not a timescale: give the date, such as 31/3/2027 (SMART)',
      },
      { field: 'owner', message: 'Who will do it needs a named person or role responsible (SMART: who?)' },
      { field: null, message: 'TeamId must be an id' },
    ]);
  });

  it('writes dates in the messages as people do', () => {
    const error = new ValidationError('contact', [
      { field: 'at', message: 'must not be before the date of birth (2006-05-10)' },
    ]);
    expect(formErrorsFrom(error, { at: 'Date and time' })).toEqual([
      { field: 'at', message: 'Date and time must not be before the date of birth (10 May 2006)' },
    ]);
  });

  it('turns any other error into one message for the form', () => {
    expect(formErrorsFrom(new Error('Disk full'), {})).toEqual([{ field: null, message: 'Disk full' }]);
  });
});
