import { describe, expect, it } from 'vitest';
import { generateCaseload } from '../synthetic/generator.ts';
import { accommodation, contact, eet, flag, profile, record, review } from '../testing/builders.ts';
import { ANNEX_A_LIST9_HEADERS, annexAList9, annexAList9Row } from './annex-a-list9.ts';

const today = '2025-06-15';
const names = { team: (id: string) => `Team ${id}`, personalAdviser: (id: string) => `Adviser ${id}` };
const base = record({
  profile: profile({
    id: 'yp-1',
    dateOfBirth: '2006-01-20',
    dateLeftCare: '2024-01-20',
    category: 'former-relevant',
  }),
  reviews: [review('2024-09-01'), review('2025-03-01')],
  contacts: [contact('2025-06-01T10:00:00Z')],
  accommodation: [accommodation('2024-01-20', { code: 'D' })],
  eet: [eet('2024-09-01', { activ: 'F2' })],
});

describe('Ofsted Annex A list 9 rows', () => {
  it('fills each column with Ofsted’s answer codes and dd/mm/yyyy dates', () => {
    expect(annexAList9Row(base, today, names)).toEqual({
      'Child Unique ID': 'yp-1',
      Gender: '',
      Ethnicity: '',
      'Date of Birth': '20/01/2006',
      'Age of Child (Years)': '19',
      'Unaccompanied Asylum Seeking Child (UASC), or formerly UASC if 18 or over (Y/N)': '',
      'Does the Child have a Disability': '',
      'Allocated Team': 'Team team-1',
      'Allocated Worker': '',
      'Allocated Personal Advisor': 'Adviser pa-1',
      'Eligibility Category': 'b) Former relevant child',
      'Latest Pathway Plan Review Date': '01/03/2025',
      'LA in Touch': 'a) Yes',
      'Latest Date of Contact': '01/06/2025',
      'Type of Accommodation':
        'D: Semi-independent, transitional accommodation and self-contained accommodation',
      'Suitability of Accommodation': 'a) Suitable',
      'Activity Status': 'F2: Full time in education other than higher',
    });
    expect(Object.keys(annexAList9Row(base, today, names) ?? {})).toEqual([...ANNEX_A_LIST9_HEADERS]);
  });
  it('answers LA in Touch for refusals, deaths and returns home, and B&B as unsuitable', () => {
    const refu = annexAList9Row({ ...base, flags: [flag('refuses-contact', '2025-01-01')] }, today, names);
    expect(refu?.['LA in Touch']).toBe('d) Refu');
    const died = annexAList9Row({ ...base, flags: [flag('died', '2025-01-01')] }, today, names);
    expect(died?.['LA in Touch']).toBe('c) Died');
    const bb = annexAList9Row(
      { ...base, accommodation: [accommodation('2025-05-01', { code: 'W', suitable: false })] },
      today,
      names,
    );
    expect([bb?.['Type of Accommodation'], bb?.['Suitability of Accommodation']]).toEqual([
      'W: Bed and breakfast',
      'b) Unsuitable',
    ]);
    const notInTouch = annexAList9Row({ ...base, contacts: [] }, today, names);
    expect([notInTouch?.['LA in Touch'], notInTouch?.['Latest Date of Contact']]).toEqual(['b) No', '']);
  });
  it('leaves out a young person on their 21st birthday, as the caseload does', () => {
    const turning21 = {
      ...base,
      profile: { ...base.profile, dateOfBirth: '2004-06-15', dateLeftCare: '2022-06-15' },
    };
    expect(annexAList9Row(turning21, '2025-06-14', names)).not.toBeNull();
    expect(annexAList9Row(turning21, today, names)).toBeNull();
  });
  it('leaves out young people under 16 and those whose support has ended', () => {
    const young = { ...base, profile: { ...base.profile, dateOfBirth: '2010-01-01', dateLeftCare: null } };
    expect(annexAList9Row(young, today, names)).toBeNull();
    const aged = {
      ...base,
      profile: { ...base.profile, dateOfBirth: '2002-01-01', dateLeftCare: '2019-06-01' },
    };
    expect(annexAList9Row(aged, today, names)).toBeNull();
  });
  it('lists a synthetic caseload in id order, each row with every column', () => {
    const records = generateCaseload({ seed: 3, count: 80, today });
    const rows = annexAList9(records, today, names);
    expect(rows.length).toBeGreaterThan(40);
    expect(rows.map((r) => r['Child Unique ID'])).toEqual(rows.map((r) => r['Child Unique ID']).sort());
    for (const row of rows) {
      expect(row['Eligibility Category']).toMatch(/^[a-d]\) /);
      expect(row['LA in Touch']).toMatch(/^[a-f]\) /);
    }
  });
});
