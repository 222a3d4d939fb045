import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { accommodation, profile, record } from '../../../../shared/testing/builders.ts';
import { readRecord } from '../../../../shared/ydoc/read-record.ts';
import { mergedSuitabilityEdits } from '../../../../shared/testing/contested-doc.ts';
import { createRecordDoc } from '../../../../shared/ydoc/write-record.ts';
import { describePath, describeValue, parseFieldPath, writeFieldValue } from './field-paths.ts';

const today = '2026-11-22';

/** A synthetic record whose accommodation suitability two PAs set differently while offline. */
function contestedDoc(): Y.Doc {
  const base = createRecordDoc(
    record({
      profile: profile({ id: 'yp-1' }),
      accommodation: [accommodation('2026-10-01', { id: 'acc-1', code: 'D' })],
    }),
    { writer: 'pa-1', today: '2026-10-01' },
  );
  return mergedSuitabilityEdits(base, 'acc-1', today, [
    { writer: 'pa-a', suitable: true, suitabilityReason: 'Settled' },
    { writer: 'pa-b', suitable: false, suitabilityReason: 'Notice given' },
  ]);
}

describe('record field paths', () => {
  it('parses every kind of path the reader reports', () => {
    expect(parseFieldPath('profile.dateOfBirth')).toEqual({ kind: 'profile', field: 'dateOfBirth' });
    expect(parseFieldPath('plan.firstAgreedOn')).toEqual({ kind: 'plan', field: 'firstAgreedOn' });
    expect(parseFieldPath('plan.sections.health.needs')).toEqual({
      kind: 'plan-section',
      matter: 'health',
      field: 'needs',
    });
    expect(parseFieldPath('entitlements.bank-account.status')).toEqual({
      kind: 'entitlement',
      item: 'bank-account',
      field: 'status',
    });
    expect(parseFieldPath('accommodation.acc-1.suitable')).toEqual({
      kind: 'entry',
      collection: 'accommodation',
      id: 'acc-1',
      field: 'suitable',
    });
    expect(parseFieldPath('accommodation.yp-1ka-00011.a1.code')).toEqual({
      kind: 'entry',
      collection: 'accommodation',
      id: 'yp-1ka-00011.a1',
      field: 'code',
    });
    expect(parseFieldPath('nonsense.x.y')).toBeNull();
  });

  it('says paths and values in plain English', () => {
    expect(describePath('accommodation.acc-1.suitable')).toBe('Accommodation period: suitability');
    expect(describePath('plan.sections.health.youngPersonViews')).toBe(
      "Pathway plan, 9. Health, including mental health (health passport): young person's views",
    );
    expect(describeValue('suitable', false)).toBe('Unsuitable');
    expect(describeValue('code', 'W')).toBe('Bed and breakfast (W)');
    expect(describeValue('startDate', '2026-10-01')).toBe('1 Oct 2026');
  });

  it('settles a contested field with the chosen value', () => {
    const doc = contestedDoc();
    const contested = readRecord(doc).contested.map((field) => field.path);
    expect(contested).toEqual(['accommodation.acc-1.suitabilityReason', 'accommodation.acc-1.suitable']);
    writeFieldValue(doc, 'accommodation.acc-1.suitable', false, { writer: 'pa-1', today });
    writeFieldValue(doc, 'accommodation.acc-1.suitabilityReason', 'Notice given', { writer: 'pa-1', today });
    const after = readRecord(doc);
    expect(after.contested).toEqual([]);
    expect(after.accommodation[0]?.suitable).toBe(false);
  });
});
