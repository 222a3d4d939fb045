/**
 * Finding 13 (issue 13): CSV exports must not carry a formula a spreadsheet would run. Every CSV the app
 * writes (the team exception report, the OC3 return, Annex A list 9) goes through shared/returns/csv.ts.
 * A property test: whatever text a record holds, the exported cell, read back, cannot start a formula.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvField, parseCsv, toCsv } from '../../shared/returns/csv.ts';

/** Characters spreadsheets read as a formula start, and whitespace they may skip first. */
const STARTERS = [
  '=',
  '+',
  '-',
  '@',
  '\uFF1D',
  '\uFF0B',
  '\uFF0D',
  '\uFF20',
  '\uFE66',
  '\uFE62',
  '\uFE63',
  '\uFE6B',
];
const SPACES = [' ', '\t', '\r', '\n', '\u00A0', '\u3000', '\u2003', '\uFEFF'];
const OTHERS = ['A', 'z', '1', '(', ')', '"', ',', "'", 'é', '😀', 'C', 'M', 'D', '|', '!'];

/** What a spreadsheet would run: a formula start after any leading whitespace, or a control character first. */
const RUNNABLE = /^(?:[\t\r\n]|[\s\uFEFF]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20\uFE66\uFE62\uFE63\uFE6B])/u;

const hostile = fc
  .array(fc.constantFrom(...STARTERS, ...SPACES, ...OTHERS), { minLength: 1, maxLength: 12 })
  .map((chars) => chars.join(''));

describe('CSV exports neutralise formula starters (finding 13)', () => {
  it('the attack cells from the report are written as text', () => {
    for (const attack of [
      '\uFF1DHYPERLINK("http://x","y")',
      ' =1+1',
      '\u3000\uFF0Bcmd',
      '\t@SUM(A1)',
      '\r-2',
    ]) {
      const cell = parseCsv(toCsv(['cell'], [[attack]]))[1]?.[0] ?? '';
      expect(cell).toBe(`'${attack}`);
    }
  });

  it('no exported text cell, read back, can start a formula; nothing else about it changes', () => {
    fc.assert(
      fc.property(fc.oneof(hostile, fc.string()), (text) => {
        const cell = parseCsv(toCsv(['cell'], [[text]]))[1]?.[0] ?? '';
        expect(RUNNABLE.test(cell)).toBe(false);
        expect(cell === text || cell === `'${text}`).toBe(true);
        // Only text that could run is changed.
        if (!RUNNABLE.test(text)) expect(cell).toBe(text);
      }),
      { numRuns: 2000 },
    );
  });

  it('numbers stay numbers', () => {
    expect(csvField(-5)).toBe('-5');
  });
});
