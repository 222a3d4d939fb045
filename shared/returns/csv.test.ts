import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvField, neutraliseFormula, parseCsv, startsLikeFormula, toCsv } from './csv.ts';

describe('CSV fields (RFC 4180)', () => {
  it('leaves plain text alone and writes blanks for null and undefined', () => {
    expect(csvField('Synthia')).toBe('Synthia');
    expect(csvField(null)).toBe('');
    expect(csvField(undefined)).toBe('');
    expect(csvField(true)).toBe('true');
  });
  it('quotes commas, quotes, CR and LF, doubling inner quotes', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('line 1\nline 2')).toBe('"line 1\nline 2"');
    expect(csvField('line 1\r\nline 2')).toBe('"line 1\r\nline 2"');
  });
  it('neutralises cells a spreadsheet would run as a formula', () => {
    expect(neutraliseFormula('=1+1')).toBe("'=1+1");
    expect(csvField('+44 7700 900000')).toBe("'+44 7700 900000");
    expect(csvField('-2')).toBe("'-2");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('\t=cmd')).toBe("'\t=cmd");
    expect(csvField('=HYPERLINK("x","y")')).toBe('"\'=HYPERLINK(""x"",""y"")"');
    expect(csvField('a=b')).toBe('a=b');
  });
  it('writes numbers as numbers, negative ones included, and refuses NaN', () => {
    expect(csvField(-2)).toBe('-2');
    expect(csvField(33.3)).toBe('33.3');
    expect(() => csvField(Number.NaN)).toThrow(/not a finite number/);
  });
});

describe('CSV documents', () => {
  it('ends every record, the last included, with CRLF', () => {
    expect(
      toCsv(
        ['A', 'B'],
        [
          ['1', 'x,y'],
          [2, null],
        ],
      ),
    ).toBe('A,B\r\n1,"x,y"\r\n2,\r\n');
  });
  it('refuses a row whose width differs from the header, naming the row', () => {
    expect(() => toCsv(['A', 'B'], [['1']])).toThrow(/CSV row 1: has 1 cells but the header has 2/);
  });
  it('reads back what it writes (any text that is not neutralised)', () => {
    const safeText = fc.string().filter((s) => !startsLikeFormula(s));
    fc.assert(
      fc.property(
        fc.array(fc.tuple(safeText, safeText, safeText), { minLength: 1, maxLength: 5 }),
        (rows) => {
          const text = toCsv(['a', 'b', 'c'], rows);
          expect(parseCsv(text)).toEqual([['a', 'b', 'c'], ...rows]);
        },
      ),
    );
  });
  it('reads LF line ends, a byte-order mark and a last line without a line end', () => {
    expect(parseCsv('\uFEFFA,B\n1,2')).toEqual([
      ['A', 'B'],
      ['1', '2'],
    ]);
    expect(() => parseCsv('"open')).toThrow(/not closed/);
  });
});
