import { describe, expect, it } from 'vitest';
import { TeamServerError } from '../team/team-server.ts';
import { serverFormError } from './server-form-error.ts';

const FIELDS = { displayName: 'displayName', team: 'teamId' };

describe('serverFormError', () => {
  it('puts a refusal that names a field of the form on that field, as a sentence', () => {
    const error = new TeamServerError('bad-request', 'The sync server refused: team: no such team.');
    expect(serverFormError(error, FIELDS)).toEqual({ field: 'teamId', message: 'No such team.' });
  });

  it('keeps a refusal about no field of the form on the whole form', () => {
    const error = new TeamServerError('bad-request', 'The sync server refused: user "jo" already exists.');
    expect(serverFormError(error, FIELDS)).toEqual({ field: null, message: 'User "jo" already exists.' });
    expect(serverFormError(new Error('The sync server cannot be reached.'), FIELDS)).toEqual({
      field: null,
      message: 'The sync server cannot be reached.',
    });
  });
});
