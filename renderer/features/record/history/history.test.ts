import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { generateCaseload } from '../../../../shared/synthetic/generator.ts';
import { generatedRecordWriting } from '../../../../shared/synthetic/history.ts';
import { emergencyPlacementRecord } from '../../../../shared/testing/builders.ts';
import type { WriteContext } from '../../../../shared/ydoc/contested.ts';
import { RECORD_FIELDS } from '../../../../shared/ydoc/field-path.ts';
import { recordChanges, removedEntries } from '../../../../shared/ydoc/history.ts';
import { DELETED_FIELD } from '../../../../shared/ydoc/schema.ts';
import {
  createRecordDoc,
  removeEntry,
  setEntitlement,
  setProfile,
  updateAccommodation,
} from '../../../../shared/ydoc/write-record.ts';
import { LABELLED_FIELDS } from '../common/field-paths.ts';
import { describeRemoved, historyRows, type PeopleNames } from './history.ts';

const NAMES = new Map([
  ['pa-1', 'Alex Doe'],
  ['tm-1', 'Morgan Lee'],
]);
/** Colleagues known on the laptop by name; anyone else is a former colleague, never an id. */
const people: PeopleNames = { name: (id) => NAMES.get(id) ?? 'A former colleague', teamId: 'team-1' };

function ctx(writer: string, at: string): WriteContext {
  return { writer, today: at.slice(0, 10), at };
}

function sync(from: Y.Doc, to: Y.Doc): void {
  Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)));
}

/** Text that must never reach a person: ids of people and entries, internal field keys, raw codes. */
const RAW = [
  'pa-1',
  'tm-1',
  'pa-9',
  'acc-1',
  'eet-1',
  'riskReviewDue',
  'councilProvided',
  'suitabilityReason',
  '_deleted',
  'not-started',
  'setting-up-home-grant',
  'yp-h2',
];

function threeWriters(): Y.Doc {
  const pa = createRecordDoc(
    emergencyPlacementRecord({ id: 'yp-h2', allocatedPaId: 'pa-1' }),
    ctx('pa-1', '2025-01-10T09:00:00Z'),
    new Y.Doc({ gc: false }),
  );
  const manager = new Y.Doc({ gc: false });
  const former = new Y.Doc({ gc: false });
  sync(pa, manager);
  updateAccommodation(pa, 'acc-1', { riskReviewDue: '2025-07-05' }, ctx('pa-1', '2025-02-01T10:15:00Z'));
  sync(pa, manager);
  updateAccommodation(
    manager,
    'acc-1',
    { riskReviewDue: '2025-08-01', councilProvided: true },
    ctx('tm-1', '2025-02-20T16:40:00Z'),
  );
  sync(manager, former);
  updateAccommodation(
    former,
    'acc-1',
    { suitabilityReason: 'Shared bathroom with adults' },
    ctx('pa-9', '2025-03-10T08:05:00Z'),
  );
  removeEntry(former, 'eet', 'eet-1', ctx('pa-9', '2025-03-11T12:00:00Z'));
  setEntitlement(former, 'setting-up-home-grant', { status: 'applied' }, ctx('pa-9', '2025-03-12T12:00:00Z'));
  sync(former, pa);
  setProfile(pa, { allocatedPaId: 'tm-1' }, ctx('pa-1', '2025-03-20T09:30:00Z'));
  return pa;
}

describe('the History tab’s rows', () => {
  it('have a plain-English label for every field of the record schema', () => {
    const fields = [
      ...RECORD_FIELDS.profile,
      ...RECORD_FIELDS.plan,
      ...RECORD_FIELDS.planSection,
      ...RECORD_FIELDS.entitlement,
      ...Object.values(RECORD_FIELDS.entries).flat(),
      DELETED_FIELD,
    ];
    expect(fields.filter((field) => !LABELLED_FIELDS.has(field))).toEqual([]);
  });

  it('say each change across three writers in plain language, newest first', () => {
    const rows = historyRows(threeWriters(), people);
    const visible = rows.map(
      ({ when, who, what, from, to }) => `${when} | ${who} | ${what} | ${from} | ${to}`,
    );
    expect(visible.slice(0, 3)).toEqual([
      '20 Mar 2025 at 09:30 | Alex Doe | Profile: Personal Adviser | Alex Doe | Morgan Lee',
      '12 Mar 2025 at 12:00 | A former colleague | Entitlement, Setting Up Home Allowance | Not in the record | Added. Status: Applied for',
      '11 Mar 2025 at 12:00 | A former colleague | EET period, Other education, full time from 1 Sep 2024 | In the record | Removed',
    ]);
    expect(visible).toContain(
      '10 Mar 2025 at 08:05 | A former colleague | Accommodation period, Bed and breakfast from 5 Jan 2025: reason for the suitability decision | Emergency placement | Shared bathroom with adults',
    );
    expect(visible).toContain(
      '20 Feb 2025 at 16:40 | Morgan Lee | Accommodation period, Bed and breakfast from 5 Jan 2025: risk assessment review date | 5 Jul 2025 | 1 Aug 2025',
    );
    expect(visible).toContain(
      '20 Feb 2025 at 16:40 | Morgan Lee | Accommodation period, Bed and breakfast from 5 Jan 2025: provided by the council | No | Yes',
    );
    expect(visible).toContain(
      '1 Feb 2025 at 10:15 | Alex Doe | Accommodation period, Bed and breakfast from 5 Jan 2025: risk assessment review date | 1 Feb 2025 | 5 Jul 2025',
    );
    expect(visible.filter((line) => line.startsWith('10 Jan 2025 at 09:00 | Alex Doe |'))).toEqual([
      expect.stringMatching(
        /^.* \| Profile \| Not in the record \| Added\. Given name: Zevqua; Family name: Graxubo;/,
      ),
      '10 Jan 2025 at 09:00 | Alex Doe | Accommodation period, Bed and breakfast from 5 Jan 2025 | Not in the record | Added. Accommodation type: Bed and breakfast (W); Start date: 5 Jan 2025; Suitability: Unsuitable; Reason for the suitability decision: Emergency placement; Provided by the council: No; Risk assessment date: 6 Jan 2025; Risk assessment review date: 1 Feb 2025; Senior approval by: Head of Service; Senior approval date: 5 Jan 2025',
      '10 Jan 2025 at 09:00 | Alex Doe | EET period, Other education, full time from 1 Sep 2024 | Not in the record | Added. Activity: Other education, full time (F2); Start date: 1 Sep 2024',
    ]);
    for (const line of visible) for (const raw of RAW) expect(line).not.toContain(raw);
  });

  it('names a local-offer item by its name in the team settings, or in plain words once it is gone', () => {
    const doc = threeWriters();
    setEntitlement(doc, 'gym-pass-2027', { status: 'applied' }, ctx('pa-1', '2025-03-21T09:00:00Z'));
    const offer = [{ key: 'gym-pass-2027', label: 'Free gym membership', amountPence: null }];
    const [withOffer] = historyRows(doc, { ...people, offer });
    expect(withOffer?.what).toBe('Entitlement, Free gym membership');
    const [withoutOffer] = historyRows(doc, people);
    expect(withoutOffer?.what).toBe('Entitlement, An item no longer in the local offer');
    // The national list still names its items when the team's offer leaves them out.
    const national = historyRows(doc, { ...people, offer }).find((row) => row.when.startsWith('12 Mar'));
    expect(national?.what).toBe('Entitlement, Setting Up Home Allowance');
    for (const row of historyRows(doc, { ...people, offer })) expect(row.what).not.toContain('gym-pass');
  });

  it('names the removed entries a team manager can restore', () => {
    const [removed] = removedEntries(threeWriters());
    expect(removed && describeRemoved(removed, people)).toEqual({
      what: 'EET period, Other education, full time from 1 Sep 2024',
      removed: 'Removed by A former colleague on 11 Mar 2025 at 12:00',
    });
  });

  it('attributes generated demo data to where it came from, on the days of its own history', () => {
    const [generated] = generateCaseload({ seed: 11, count: 1, today: '2026-07-05' });
    if (generated === undefined) throw new Error('no record');
    const writing = generatedRecordWriting(generated, 'pa-1', '2026-07-05');
    const doc = createRecordDoc(generated, writing.ctx, new Y.Doc({ gc: false }), writing.dates);
    const rows = historyRows(doc, people);
    expect(new Set(rows.map((row) => row.who))).toEqual(new Set(['Generated demo data']));
    const contacts = recordChanges(doc).filter((change) => change.entry?.collection === 'contacts');
    for (const change of contacts) {
      const contact = generated.contacts.find((entry) => entry.id === change.entry?.id);
      expect(change.on).toBe(contact?.at.slice(0, 10));
    }
    // Generated entry ids hold dots ('<record>.a1'): every entry is still named in plain words.
    for (const row of rows) {
      expect(row.what).not.toContain('does not know');
      expect(`${row.what} ${row.from} ${row.to}`).not.toMatch(
        /pa-1|\d{4}-\d{2}-\d{2}|not-started|contact-made/,
      );
    }
    expect(rows.filter((row) => row.part === 'contacts')).toHaveLength(generated.contacts.length);
    const days = new Set(rows.map((row) => row.when));
    expect(days.size).toBeGreaterThan(10);
    expect(rows.every((row) => !row.when.includes(' at '))).toBe(true);
  });
});
