/**
 * The OC3 Waymark produces for imported records: the council's values where the PA recorded nothing
 * around the birthday, what the PA recorded otherwise; and the work export's date range.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { parseCsv } from '../returns/csv.ts';
import { readRecord } from '../ydoc/read-record.ts';
import { addEntry } from '../ydoc/write-record.ts';
import { recordWithSor } from './apply-to-doc.ts';
import { oc3Csv, produceOc3, recordedAround } from './oc3-out.ts';
import { readSorState } from './sor-doc.ts';
import { MemoryCouncil } from './testing/memory-council.ts';
import {
  COUNCIL_PEOPLE_MAPPING,
  generateCouncil,
  PEOPLE_HEADER,
  writeCouncilYear,
} from './testing/synthetic-council.ts';
import { exportWork, lastWrittenOn } from './work-export.ts';

const STAFF = [{ id: 'u-1', username: 'pa.one', role: 'pa', teamId: 't-1', disabled: false }];
const TEAMS = [{ id: 't-1', name: 'One' }];
const children = generateCouncil({
  seed: 7,
  count: 80,
  yearEnding: 2025,
  pas: [{ username: 'pa.one', team: 'One' }],
});
const files = writeCouncilYear(children, { yearEnding: 2025, importOn: '2025-05-01' });

function imported(): MemoryCouncil {
  const council = new MemoryCouncil(STAFF, TEAMS);
  council.apply(
    council.preview({ ...files, peopleMapping: { ...COUNCIL_PEOPLE_MAPPING } }, 2025, '2025-05-01'),
    'tm',
  );
  return council;
}

describe('produceOc3', () => {
  it('gives back the imported OC3 rows while PAs recorded nothing', () => {
    const council = imported();
    const produced = produceOc3([...council.docs.values()].map(recordWithSor), 2025);
    // Young people 21 or over on the import day are not brought in, so neither are their rows.
    const [, ...rows] = parseCsv(files.oc3);
    const expected = rows
      .filter((row) => council.docs.has(`sor-${row[0] ?? ''}`))
      .sort((a, b) => ((a[0] ?? '') < (b[0] ?? '') ? -1 : 1));
    expect(expected.length).toBeGreaterThan(5);
    expect(parseCsv(oc3Csv(produced)).slice(1)).toEqual(expected);
  });

  it('gives back the imported row of a 29 February birthday, which the DfE counts on 28 February', () => {
    const council = new MemoryCouncil(STAFF, TEAMS);
    const plan = council.preview(
      {
        header: 'CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\r\nL1,2,29/02/2008,WBRI,UN1,,\r\n',
        episodes:
          'CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\r\n' +
          'L1,01/01/2022,S,C2,N1,U1,PR1,01/12/2024,E8,,,,XXXXXXX\r\n',
        oc3: 'CHILD,DOB,IN_TOUCH,ACTIV,ACCOM\r\nL1,29/02/2008,YES,F2,U1\r\n',
        people: `${PEOPLE_HEADER.join(',')}\r\nL1,Lyra,Tansy,,pa.one,One\r\n`,
        peopleMapping: { ...COUNCIL_PEOPLE_MAPPING },
      },
      2025,
      '2025-05-01',
    );
    expect(plan.refusals).toEqual([]);
    expect(council.apply(plan, 'tm')).toBe(1);
    const doc = [...council.docs.values()][0] as Y.Doc;
    expect(readSorState(doc).oc3.map((e) => e.birthday)).toEqual(['2025-02-28']);
    expect(produceOc3([recordWithSor(doc)], 2025)).toEqual([
      { CHILD: 'L1', DOB: '29/02/2008', IN_TOUCH: 'YES', ACTIV: 'F2', ACCOM: 'U1' },
    ]);
  });

  it('reports what the PA recorded around the birthday instead of the imported value', () => {
    const council = imported();
    const target = [...council.docs.values()].find((doc) =>
      readSorState(doc).oc3.some((e) => e.inTouch === 'NO'),
    );
    if (target === undefined) throw new Error('no imported young person reported not in touch');
    const entry = readSorState(target).oc3.find((e) => e.inTouch === 'NO');
    const birthday = entry?.birthday ?? '';
    expect(recordedAround(readRecord(target), birthday)).toBe(false);
    addEntry(
      target,
      'contacts',
      {
        id: 'c-1',
        at: `${birthday}T12:00:00Z`,
        method: 'phone',
        by: 'u-1',
        seen: false,
        seenAlone: false,
        outcome: 'contact-made',
        notes: '',
      },
      { writer: 'u-1', today: '2025-05-01' },
    );
    expect(recordedAround(readRecord(target), birthday)).toBe(true);
    const [row] = produceOc3([recordWithSor(target)], 2025);
    expect(row?.IN_TOUCH).toBe('YES');
  });
});

describe('exportWork', () => {
  it('includes entries written within the range, by the day they were written, and names people', () => {
    const doc = [...imported().docs.values()][0] as Y.Doc;
    const contact = {
      id: 'c-1',
      at: '2025-01-10T09:00:00Z',
      method: 'phone',
      by: 'u-1',
      seen: false,
      seenAlone: false,
      outcome: 'no-response',
      notes: '+1 call back',
    } as const;
    addEntry(doc, 'contacts', contact, { writer: 'u-1', today: '2025-06-02' });
    expect(lastWrittenOn(doc, 'contacts', 'c-1')).toBe('2025-06-02');
    expect(lastWrittenOn(doc, 'contacts', 'nope')).toBeNull();
    const names = (id: string) => (id === 'u-1' ? 'Pat One' : id);
    const inRange = exportWork([doc], { from: '2025-06-01', to: '2025-06-30' }, names);
    expect(inRange.counts).toMatchObject({ contacts: 1, reviews: 0, youngPeople: 1, unreadable: 0 });
    const [, row] = parseCsv(inRange.files.contacts);
    expect(row?.slice(5)).toEqual([
      '2025-01-10T09:00:00Z',
      'phone',
      'Pat One',
      'false',
      'false',
      'no-response',
      "'+1 call back",
      '2025-06-02',
    ]);
    // Dated in January but written in June: not in a January export.
    expect(exportWork([doc], { from: '2025-01-01', to: '2025-01-31' }, names).counts.contacts).toBe(0);
    expect(exportWork([new Y.Doc()], { from: '2025-01-01', to: '2025-01-31' }, names).counts.unreadable).toBe(
      1,
    );
  });

  it('exports reviews, plan actions and oversight notes with stable columns', () => {
    const doc = [...imported().docs.values()][1] as Y.Doc;
    const ctx = { writer: 'u-1', today: '2025-06-03' };
    addEntry(
      doc,
      'reviews',
      { id: 'r-1', date: '2025-06-01', trigger: 'scheduled', notes: 'Went well' },
      ctx,
    );
    addEntry(
      doc,
      'actions',
      {
        id: 'a-1',
        matter: 'education',
        objectiveId: null,
        description: 'Apply to college',
        owner: 'u-1',
        dueDate: '2025-09-01',
        status: 'not-started',
        completedOn: null,
        evidence: '',
      },
      ctx,
    );
    addEntry(
      doc,
      'oversight',
      { id: 'o-1', on: '2025-06-03', by: 'u-1', note: 'Plan is on track', actionRequired: '', dueBy: null },
      ctx,
    );
    const result = exportWork([doc], { from: '2025-06-03', to: '2025-06-03' }, (id) =>
      id === 'u-1' ? 'Pat One' : id,
    );
    expect(result.counts).toMatchObject({
      reviews: 1,
      actions: 1,
      oversight: 1,
      contacts: 0,
      youngPeople: 1,
    });
    expect(parseCsv(result.files.reviews)[1]?.slice(4)).toEqual([
      'r-1',
      '2025-06-01',
      'scheduled',
      'Went well',
      '2025-06-03',
    ]);
    expect(parseCsv(result.files.actions)[1]?.slice(4)).toEqual([
      'a-1',
      'education',
      'Apply to college',
      'Pat One',
      '2025-09-01',
      'not-started',
      '',
      '',
      '2025-06-03',
    ]);
    expect(parseCsv(result.files.oversight)[1]?.slice(4)).toEqual([
      'o-1',
      '2025-06-03',
      'Pat One',
      'Plan is on track',
      '',
      '',
      '2025-06-03',
    ]);
  });
});
