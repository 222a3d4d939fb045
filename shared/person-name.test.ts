import { describe, expect, it } from 'vitest';
import {
  FORMER_COLLEAGUE,
  SOME_COLLEAGUE,
  looksLikeInternalId,
  personName,
  type PeopleDirectory,
} from './person-name.ts';

const PA_ID = '172cf830-5b1e-4c1d-9d59-7d1a0c3f2e11';
const TM_ID = 'd283da3e-0e4b-4a59-a0b8-2f3c9a1d6b22';
const withTeam: PeopleDirectory = {
  self: { id: PA_ID, displayName: 'Priya Shah' },
  known: new Map([[TM_ID, 'Tom Marsh']]),
};
const noList: PeopleDirectory = { self: null, known: new Map() };

describe('personName', () => {
  it('names the signed-in user and colleagues on the team list', () => {
    expect(personName(withTeam, PA_ID)).toBe('Priya Shah');
    expect(personName(withTeam, TM_ID)).toBe('Tom Marsh');
  });

  it('never shows an id: a former colleague when the list exists, a colleague when it does not', () => {
    expect(personName(withTeam, 'a0a0a0a0-1111-2222-3333-444455556666')).toBe(FORMER_COLLEAGUE);
    expect(personName(noList, TM_ID)).toBe(SOME_COLLEAGUE);
    expect(personName(withTeam, 'tm-c52069ac-team-north')).toBe(FORMER_COLLEAGUE);
    expect(personName(noList, 'pa-7')).toBe(SOME_COLLEAGUE);
  });

  it('keeps a name an older entry stored in place of an id', () => {
    expect(personName(withTeam, 'Jo Bloggs')).toBe('Jo Bloggs');
  });

  it('says who nobody is', () => {
    expect(personName(withTeam, null, 'Nobody allocated')).toBe('Nobody allocated');
  });
});

describe('looksLikeInternalId', () => {
  it.each(['tm-c52069ac', 'pa-00012', PA_ID, 'local-user', '172cf830aa', 'device-9f3a'])(
    '%s is an id',
    (text) => expect(looksLikeInternalId(text)).toBe(true),
  );
  it.each(['Priya Shah', 'Tom', "Anne-Marie O'Neill", 'Duty worker'])('%s is a name', (text) =>
    expect(looksLikeInternalId(text)).toBe(false),
  );
});
