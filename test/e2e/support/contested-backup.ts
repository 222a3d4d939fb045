/**
 * A Waymark backup holding one synthetic record whose accommodation suitability two PAs set differently
 * while offline: each edits their own copy of the same doc, then the copies merge (a real Yjs merge).
 */
import * as Y from 'yjs';
import { accommodation, profile, record } from '../../../shared/testing/builders.ts';
import { mergedSuitabilityEdits } from '../../../shared/testing/contested-doc.ts';
import { createRecordDoc } from '../../../shared/ydoc/write-record.ts';

export const CONTESTED_RECORD_ID = 'e2e-contested-1';
export const CONTESTED_PERIOD_ID = 'acc-contested-1';

function isoDaysAgo(today: string, days: number): string {
  const date = new Date(`${today}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() - days);
  return date.toISOString().slice(0, 10);
}

export function contestedBackup(today: string): string {
  const base = createRecordDoc(
    record({
      profile: profile({
        id: CONTESTED_RECORD_ID,
        givenName: 'Testc',
        familyName: 'Synthetic',
        dateOfBirth: isoDaysAgo(today, 20 * 365),
        dateLeftCare: null,
        paAllocatedOn: null,
        allocatedPaId: 'local-user',
        category: 'former-relevant',
      }),
      accommodation: [accommodation(isoDaysAgo(today, 30), { id: CONTESTED_PERIOD_ID, code: 'D' })],
    }),
    { writer: 'local-user', today },
  );
  const merged = mergedSuitabilityEdits(base, CONTESTED_PERIOD_ID, today, [
    { writer: 'pa-anna', suitable: true, suitabilityReason: 'Settled and safe' },
    { writer: 'pa-ben', suitable: false, suitabilityReason: 'Landlord has given notice' },
  ]);
  return JSON.stringify({
    format: 'waymark-backup',
    version: 1,
    exportedAt: new Date().toISOString(),
    records: [
      { id: CONTESTED_RECORD_ID, state: Buffer.from(Y.encodeStateAsUpdate(merged)).toString('base64') },
    ],
  });
}
