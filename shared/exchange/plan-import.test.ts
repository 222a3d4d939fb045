/**
 * The import preview and its application on a synthetic council of 600 young people: counts, every
 * refusal reason, re-import with no change, next year's files, provenance and differences, team scope.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readRecord } from '../ydoc/read-record.ts';
import { addEntry, setProfile } from '../ydoc/write-record.ts';
import { REFUSAL_KINDS } from './refusal.ts';
import { readSorState } from './sor-doc.ts';
import { MemoryCouncil } from './testing/memory-council.ts';
import {
  COUNCIL_PEOPLE_MAPPING,
  generateCouncil,
  writeCouncilYear,
  type CouncilFiles,
} from './testing/synthetic-council.ts';
import { youngPersonIdForChild, type ImportFiles } from './plan-import.ts';

const PAS = [
  { username: 'pa.n1', team: 'North' },
  { username: 'pa.n2', team: 'North' },
  { username: 'pa.s1', team: 'South' },
];
const STAFF = [
  { id: 'u-n1', username: 'pa.n1', role: 'pa', teamId: 't-north', disabled: false },
  { id: 'u-n2', username: 'pa.n2', role: 'pa', teamId: 't-north', disabled: false },
  { id: 'u-s1', username: 'pa.s1', role: 'pa', teamId: 't-south', disabled: false },
  { id: 'u-tm', username: 'tm.n', role: 'team_manager', teamId: 't-north', disabled: false },
];
const TEAMS = [
  { id: 't-north', name: 'North' },
  { id: 't-south', name: 'South' },
];
const children = generateCouncil({ seed: 15, count: 600, yearEnding: 2025, pas: PAS });
const asImport = (files: CouncilFiles): ImportFiles => ({
  ...files,
  peopleMapping: { ...COUNCIL_PEOPLE_MAPPING, preferredName: 'Known as' },
});

// A shared two-core machine may run these slowly: the generous timeout is not a speed assertion (see bench/).
describe('import of a synthetic council of 600', { timeout: 180_000 }, () => {
  const year1 = writeCouncilYear(children, { yearEnding: 2025, importOn: '2025-05-01', badRows: true });
  let council: MemoryCouncil;
  beforeAll(() => {
    council = new MemoryCouncil(STAFF, TEAMS);
  });

  it('previews every refusal reason the bad rows carry, with file, line and column', () => {
    const plan = council.preview(asImport(year1), 2025, '2025-05-01');
    for (const expected of year1.expectedRefusals)
      expect(plan.refusals).toContainEqual(
        expect.objectContaining({
          child: expected.child,
          kind: expected.kind,
          file: expected.file,
          scope: expected.scope,
        }),
      );
    expect(plan.refusals).toHaveLength(year1.expectedRefusals.length);
    for (const refusal of plan.refusals) {
      expect(refusal.line).toBeGreaterThan(1);
      expect(refusal.column).not.toBe('');
      expect(refusal.reason).not.toBe('');
    }
    const kinds = new Set(plan.refusals.map((r) => r.kind));
    for (const kind of [
      'unknown-code',
      'dob-in-future',
      'not-in-header',
      'duplicate-child',
      'episode-overlap',
      'bad-date',
      'no-person-row',
      'unknown-pa',
      'oc3-rule',
    ] as const)
      expect(kinds).toContain(kind);
    expect(REFUSAL_KINDS).toEqual(expect.arrayContaining([...kinds]));
  });

  it('previews counts that add up to every CHILD in the files, and writes nothing', () => {
    const plan = council.preview(asImport(year1), 2025, '2025-05-01');
    const headerChildren = new Set(
      year1.header
        .split('\r\n')
        .slice(1, -1)
        .map((line) => line.split(',')[0]),
    );
    const { counts } = plan;
    expect(counts.updated + counts.unchanged).toBe(0);
    // BAD03 (episodes only) is refused without being in the Header; BAD10 is an OC3 row only; BAD11 is
    // created without its OC3 row (DfE rule 1016: left care on the 18th birthday).
    expect(counts.created + counts.outOfScope + counts.refused - 1).toBe(headerChildren.size);
    expect(counts.refused).toBe(9);
    expect(counts.rowsRefused).toBe(2);
    expect(plan.refusals.find((r) => r.child === 'BAD11')?.reason).toMatch(/^DfE rule 1016: /);
    expect(counts.created).toBeGreaterThan(450);
    expect(council.docs.size).toBe(0);
  });

  it('imports, then the same files again change nothing', () => {
    const plan = council.preview(asImport(year1), 2025, '2025-05-01');
    expect(council.apply(plan, 'tm-1')).toBe(plan.counts.created);
    const again = council.preview(asImport(year1), 2025, '2025-05-01');
    expect(again.counts).toMatchObject({ created: 0, updated: 0, unchanged: plan.counts.created });
    expect(again.differences).toEqual([]);
    expect(council.apply(again, 'tm-1')).toBe(0);
  });

  it('records what it imported: profile, assignment, episodes, OC3 history, provenance', () => {
    const child = children.find(
      (c) => council.docs.has(youngPersonIdForChild(c.child)) && c.preferredName !== null,
    );
    if (child === undefined) throw new Error('no imported child with a preferred name');
    const doc = council.docs.get(youngPersonIdForChild(child.child)) as Y.Doc;
    const record = readRecord(doc);
    expect(record.profile).toMatchObject({
      givenName: child.givenName,
      familyName: child.familyName,
      preferredName: child.preferredName,
      dateOfBirth: child.dateOfBirth,
      allocatedPaId: STAFF.find((s) => s.username === child.pa.username)?.id,
    });
    const sor = readSorState(doc);
    expect(sor.child).toBe(child.child);
    expect(sor.imported['givenName']).toBe(child.givenName);
    expect(sor.episodes.length).toBeGreaterThan(0);
    expect(council.assignments.get(record.profile.id)?.teamId).toBe(
      child.pa.team === 'North' ? 't-north' : 't-south',
    );
  });

  it('next year updates only what came from the system of record; PA changes are kept and listed', () => {
    const year2 = writeCouncilYear(children, {
      yearEnding: 2026,
      importOn: '2026-05-01',
      reallocateEvery: 50,
      pas: PAS,
    });
    // A PA corrects one young person's date left care and records a contact on another.
    const changedByPa = [...council.docs.entries()].find(
      ([, doc]) => readRecord(doc).profile.dateLeftCare !== null,
    );
    if (changedByPa === undefined) throw new Error('no imported care leaver');
    const [paEditedId, paEdited] = changedByPa;
    const leftOn = readRecord(paEdited).profile.dateLeftCare as string;
    const corrected = `${leftOn.slice(0, 8)}${leftOn.slice(8) === '01' ? '02' : '01'}`;
    setProfile(paEdited, { dateLeftCare: corrected }, { writer: 'u-n1', today: '2025-06-01' });
    const withContact = [...council.docs.values()].find((d) => d !== paEdited) as Y.Doc;
    addEntry(
      withContact,
      'contacts',
      {
        id: 'c-1',
        at: '2025-06-02T10:00:00Z',
        method: 'phone',
        by: 'u-n1',
        seen: false,
        seenAlone: false,
        outcome: 'contact-made',
        notes: 'Talked about college.',
      },
      { writer: 'u-n1', today: '2025-06-02' },
    );

    const plan = council.preview(asImport(year2), 2026, '2026-05-01');
    expect(plan.counts.updated).toBeGreaterThan(0);
    expect(plan.counts.created).toBeGreaterThanOrEqual(0);
    const difference = plan.differences.find(
      (d) => d.youngPersonId === paEditedId && d.field === 'dateLeftCare',
    );
    expect(difference).toMatchObject({ label: 'Date left care', systemOfRecord: leftOn, waymark: corrected });
    const reallocated = plan.people.filter((p) => p.changes.includes('Allocated PA'));
    expect(reallocated.length).toBeGreaterThan(0);
    council.apply(plan, 'tm-1');
    expect(readRecord(paEdited).profile.dateLeftCare).toBe(corrected);
    expect(readRecord(withContact).contacts).toHaveLength(1);
    for (const person of reallocated)
      expect(council.assignments.get(person.youngPersonId)).toEqual(person.assignTo);
    // OC3 history keeps last year's entries and adds this year's.
    const years = new Set(
      [...council.docs.values()].flatMap((d) => readSorState(d).oc3.map((e) => e.yearEnding)),
    );
    expect(years).toEqual(new Set([2025, 2026]));
    // And the new year's files again: nothing more to do; the difference is still listed, once.
    const again = council.preview(asImport(year2), 2026, '2026-05-01');
    expect(again.counts.updated + again.counts.created).toBe(0);
    expect(again.differences.filter((d) => d.youngPersonId === paEditedId)).toHaveLength(1);
  });

  it('a team manager imports for their own team only', () => {
    const fresh = new MemoryCouncil(STAFF, TEAMS);
    const plan = fresh.preview(asImport(year1), 2025, '2025-05-01', 't-north');
    const south = plan.refusals.filter((r) => r.kind === 'other-team');
    expect(south.length).toBeGreaterThan(0);
    expect(south[0]?.reason).toMatch(/not in your team/);
    expect(plan.people.every((p) => p.assignTo?.teamId === 't-north')).toBe(true);
  });
});
