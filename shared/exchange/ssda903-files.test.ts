/** Row checks of the SSDA903 files: every refusal names file, line, column and reason. */
import { describe, expect, it } from 'vitest';
import { CsvFileError, readCsvTable } from './csv-table.ts';
import { parseSsda903 } from './ssda903-files.ts';

const TODAY = '2025-05-01';
const HEADER = 'CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\r\n';
const EPISODES =
  'CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\r\n';
const OC3 = 'CHILD,DOB,IN_TOUCH,ACTIV,ACCOM\r\n';

function parse(header: string, episodes: string, oc3 = '') {
  return parseSsda903(
    { header: HEADER + header, episodes: EPISODES + episodes, oc3: oc3 === '' ? undefined : OC3 + oc3 },
    2025,
    TODAY,
  );
}

const okHeader = 'A1,1,01/01/2007,WBRI,UN1,,\r\n';
const okEpisode = 'A1,01/01/2020,S,C2,N1,U1,PR1,01/01/2025,E8,,,,XXXXXXX\r\n';
/** Left care at 17, before the 18th birthday in the year: an OC3 row for that birthday is due. */
const leftAt17 = 'A1,01/01/2020,S,C2,N1,U1,PR1,01/10/2024,E8,,,,XXXXXXX\r\n';

describe('parseSsda903', () => {
  it('reads good rows into ISO dates and keeps only the fields Waymark uses', () => {
    const parsed = parse(okHeader, leftAt17, 'A1,01/01/2007,YES,F2,U1\r\n');
    expect(parsed.refusals).toEqual([]);
    expect(parsed.header.get('A1')).toEqual({
      line: 2,
      child: 'A1',
      sex: '1',
      dateOfBirth: '2007-01-01',
      ethnic: 'WBRI',
    });
    expect(parsed.episodes.get('A1')?.[0]).toMatchObject({
      decom: '2020-01-01',
      dec: '2024-10-01',
      rec: 'E8',
      line: 2,
    });
    expect(parsed.oc3.get('A1')?.[0]).toMatchObject({ inTouch: 'YES', activ: 'F2', accom: 'U1' });
  });

  it('refuses an unknown code with the column and the codes allowed', () => {
    const parsed = parse('A1,3,01/01/2007,WBRI,,,\r\n', okEpisode);
    expect(parsed.refusals[0]).toMatchObject({
      kind: 'unknown-code',
      file: 'Header',
      line: 2,
      column: 'SEX',
      child: 'A1',
    });
    expect(parsed.refusals[0]?.reason).toMatch(/"3" is not a valid SEX code \(expected one of 1, 2\)/);
  });

  it('refuses a date of birth in the future and a date that does not exist', () => {
    const parsed = parse('A1,1,01/01/2030,WBRI,,,\r\nA2,1,30/02/2007,WBRI,,,\r\n', okEpisode);
    expect(parsed.refusals.map((r) => [r.kind, r.line, r.column])).toEqual([
      ['dob-in-future', 2, 'DOB'],
      ['bad-date', 3, 'DOB'],
    ]);
  });

  it('refuses a duplicate CHILD and every row of that child', () => {
    const parsed = parse(okHeader + okHeader, okEpisode);
    expect(parsed.refusals.map((r) => [r.kind, r.line])).toContainEqual(['duplicate-child', 3]);
    expect(parsed.header.has('A1')).toBe(false);
    expect(parsed.episodes.has('A1')).toBe(false);
  });

  it('refuses episodes of a CHILD not in the Header', () => {
    const parsed = parse(okHeader, okEpisode + 'B9,01/01/2020,S,C2,N1,U1,PR1,,,,,,\r\n');
    expect(parsed.refusals).toEqual([
      expect.objectContaining({
        kind: 'not-in-header',
        file: 'Episodes',
        line: 3,
        column: 'CHILD',
        child: 'B9',
      }),
    ]);
  });

  it('refuses overlapping episodes, naming the episode overlapped', () => {
    const parsed = parse(okHeader, okEpisode + 'A1,01/06/2024,P,C2,N1,U1,PR1,,,CARPL,,,\r\n');
    expect(parsed.refusals[0]).toMatchObject({ kind: 'episode-overlap', line: 3, column: 'DECOM' });
    expect(parsed.refusals[0]?.reason).toMatch(/line 2/);
  });

  it('refuses bad episode dates: DEC before DECOM, after the 18th birthday, in the future, REC without DEC', () => {
    const rows = [
      'A1,01/01/2020,S,C2,N1,U1,PR1,01/01/2019,E8,,,,\r\n',
      'A2,01/01/2020,S,C2,N1,U1,PR1,02/01/2025,E8,,,,\r\n',
      'A3,01/01/2026,S,C2,N1,U1,PR1,,,,,,\r\n',
      'A4,01/01/2020,S,C2,N1,U1,PR1,,E8,,,,\r\n',
    ].join('');
    const header = ['A1', 'A2', 'A3', 'A4'].map((c) => `${c},1,01/01/2007,WBRI,,,\r\n`).join('');
    const parsed = parse(header, rows);
    expect(parsed.refusals.map((r) => [r.child, r.kind, r.column])).toEqual([
      ['A1', 'bad-date', 'DEC'],
      ['A3', 'bad-date', 'DECOM'],
      ['A4', 'missing-value', 'REC'],
      ['A2', 'bad-date', 'DEC'],
    ]);
  });

  it('refuses a child with no episodes', () => {
    expect(parse(okHeader, '').refusals).toEqual([
      expect.objectContaining({ kind: 'no-episodes', child: 'A1' }),
    ]);
  });

  it('refuses only the OC3 row for OC3 problems: DfE rules, DOB differing from the Header, unknown CHILD', () => {
    const parsed = parse(okHeader, okEpisode, 'A1,02/01/2007,YES,F2,U1\r\nZ1,01/01/2007,YES,F2,U1\r\n');
    expect(parsed.refusals.map((r) => [r.kind, r.scope])).toEqual([
      ['dob-mismatch', 'row'],
      ['not-in-header', 'row'],
    ]);
    const rules = parse(okHeader, leftAt17, 'A1,01/01/2007,YES,Q9,0\r\n');
    expect(rules.refusals.map((r) => [r.kind, r.column])).toEqual([
      ['unknown-code', 'ACTIV'],
      ['oc3-rule', 'ACCOM'],
    ]);
    expect(rules.episodes.has('A1')).toBe(true);
  });

  it('refuses the OC3 row of a 17- or 18-year-old looked after on the birthday (DfE rules 1007 and 1016)', () => {
    // okEpisode ends on the 18th birthday, 1 January 2025: care leaver information is not required.
    const leftOnBirthday = parse(okHeader, okEpisode, 'A1,01/01/2007,YES,F2,U1\r\n');
    expect(leftOnBirthday.refusals.map((r) => [r.kind, r.column, r.scope])).toEqual([
      ['oc3-rule', 'IN_TOUCH', 'row'],
    ]);
    expect(leftOnBirthday.refusals[0]?.reason).toMatch(/^DfE rule 1016: /);
    expect(leftOnBirthday.oc3.has('A1')).toBe(false);
    expect(leftOnBirthday.episodes.has('A1')).toBe(true);
    const stillInCare = parse(
      okHeader,
      'A1,01/01/2020,S,C2,N1,U1,PR1,,,,,,XXXXXXX\r\n',
      'A1,01/01/2007,NO,0,0\r\n',
    );
    expect(stillInCare.refusals.map((r) => r.reason.slice(0, 13))).toEqual(['DfE rule 1007']);
    // The same row for a young person who left care before the birthday is accepted.
    const leftBefore = parse(okHeader, leftAt17, 'A1,01/01/2007,YES,F2,U1\r\n');
    expect(leftBefore.refusals).toEqual([]);
    expect(leftBefore.oc3.has('A1')).toBe(true);
  });

  it('refuses a whole file without a required column, naming it', () => {
    expect(() => parseSsda903({ header: 'CHILD,SEX,DOB\r\n', episodes: EPISODES }, 2025, TODAY)).toThrow(
      /Header, line 1, column ETHNIC: the header has no ETHNIC column/,
    );
    expect(() => readCsvTable('X', '')).toThrow(CsvFileError);
    expect(() => readCsvTable('X', 'A,a\r\n')).toThrow(/appears twice/);
    expect(() => readCsvTable('X', 'A\r\n"open')).toThrow(/line 2: a quoted field is not closed/);
    expect(() => readCsvTable('X', 'A\r\n1,2\r\n')).toThrow(/line 2: the row has 2 cells/);
  });

  it('counts lines across quoted line breaks', () => {
    const table = readCsvTable('X', 'A,B\n"one\ntwo",x\nlast,y\n');
    expect(table.rows.map((r) => r.line)).toEqual([2, 4]);
  });
});
