import { describe, expect, it } from 'vitest';
import { normaliseRecordReference, recordReference } from './record-reference.ts';

describe('record references', () => {
  it('are the same for the same record, differ between records, and read as three groups', () => {
    const reference = recordReference('3f2a9c1b-0d4e-4c6b-9a8f-1e2d3c4b5a69');
    expect(reference).toMatch(/^[2-9B-DF-HJ-NP-TV-XZ]{3}-[2-9B-DF-HJ-NP-TV-XZ]{3}-[2-9B-DF-HJ-NP-TV-XZ]{3}$/);
    expect(recordReference('3f2a9c1b-0d4e-4c6b-9a8f-1e2d3c4b5a69')).toBe(reference);
    const many = new Set(Array.from({ length: 20_000 }, (_, i) => recordReference(`yp-${i}`)));
    expect(many.size).toBe(20_000);
  });

  it('never contain a vowel, so never spell an id prefix or a word', () => {
    for (let i = 0; i < 2_000; i++) expect(recordReference(`demo-yp-${i}`)).not.toMatch(/[AEIOUY01L]/);
  });

  it('are read back however they were typed, and refuse what cannot be one', () => {
    const reference = recordReference('demo-yp-001');
    expect(normaliseRecordReference(reference.toLowerCase().replace(/-/g, ' '))).toBe(reference);
    expect(normaliseRecordReference(reference.replace(/-/g, ''))).toBe(reference);
    expect(normaliseRecordReference('demo-yp-001')).toBeNull();
    expect(normaliseRecordReference('BC4-7KM')).toBeNull();
    expect(normaliseRecordReference('BC4-7KM-X9O')).toBeNull();
  });
});
