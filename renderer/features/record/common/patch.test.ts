import { describe, expect, it } from 'vitest';
import { changedOnly, isEmptyPatch, sameValue } from './patch.ts';

describe('changedOnly', () => {
  const current = {
    id: 'a',
    name: 'Testa',
    on: '2026-03-01',
    notes: '',
    flag: false,
    to: null as string | null,
  };

  it('keeps only the fields whose values differ, never the id', () => {
    expect(changedOnly(current, { id: 'b', name: 'Testa', on: '2026-03-02', flag: true })).toEqual({
      on: '2026-03-02',
      flag: true,
    });
  });

  it('treats null and a date as different, and an unchanged null as unchanged', () => {
    expect(changedOnly(current, { to: '2026-04-01' })).toEqual({ to: '2026-04-01' });
    expect(changedOnly(current, { to: null })).toEqual({});
    expect(isEmptyPatch(changedOnly(current, { to: null, notes: '' }))).toBe(true);
  });

  it('compares date-times as instants', () => {
    expect(sameValue('2026-06-01T10:00:00Z', '2026-06-01T11:00:00+01:00')).toBe(true);
    expect(sameValue('2026-06-01T10:00:00Z', '2026-06-01T10:30:00+01:00')).toBe(false);
    expect(changedOnly({ at: '2026-06-01T10:00:00Z' }, { at: '2026-06-01T11:00:00+01:00' })).toEqual({});
  });
});
