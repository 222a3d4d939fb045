import { describe, expect, it } from 'vitest';
import { checkOwner, checkTimescale } from './smart.ts';

describe('SMART timescales', () => {
  it('accepts a real date', () => {
    expect(checkTimescale(' 2025-09-01 ')).toEqual({ ok: true, date: '2025-09-01' });
  });
  it('rejects "ongoing" and other vague phrases by name', () => {
    for (const vague of [
      'ongoing',
      'On-going',
      'ASAP',
      'as and when',
      'TBC',
      'by next review',
      '  ongoing  ',
    ]) {
      const result = checkTimescale(vague);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.message).toMatch(/is not a timescale/);
    }
  });
  it('rejects an empty timescale and other text as not a date', () => {
    const empty = checkTimescale('');
    expect(empty.ok ? '' : empty.message).toMatch(/needs a date/);
    const other = checkTimescale('next Tuesday');
    expect(other.ok ? '' : other.message).toMatch(
      /must be a real date written yyyy-MM-dd \(got "next Tuesday"\)/,
    );
    const impossible = checkTimescale('2025-02-30');
    expect(impossible.ok).toBe(false);
  });
  it('requires a named owner', () => {
    expect(checkOwner('Personal adviser')).toBeNull();
    expect(checkOwner('  ')).toMatch(/named person or role/);
    expect(checkOwner('Everyone')).toMatch(/"Everyone" is not a named person or role/);
  });
});
