/**
 * A small CSV writer and reader for exports and returns.
 * - RFC 4180: fields separated by commas, records ended by CRLF; a field holding a comma, a double quote,
 *   CR or LF is enclosed in double quotes, with each double quote inside doubled.
 * - CSV injection (OWASP "CSV Injection"): a text cell a spreadsheet could read as a formula is prefixed
 *   with a single quote, so spreadsheet software shows it as text instead of running it. That is a cell
 *   beginning with = + - @, their full-width forms ＝ ＋ － ＠ (which spreadsheets with East Asian input
 *   turn into the ASCII ones) and small forms ﹦ ﹢ ﹣ ﹫, any of these after leading whitespace (some
 *   spreadsheets trim it), or a cell beginning with a tab, CR or LF. Numbers are written as numbers and
 *   never altered.
 */

export type CsvCell = string | number | boolean | null | undefined;

/** A tab, CR or LF first, or = + - @ (ASCII, full-width U+FF1D U+FF0B U+FF0D U+FF20, small U+FE66 U+FE62 U+FE63 U+FE6B) after any whitespace. */
const FORMULA_START = /^(?:[\t\r\n]|\s*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20\uFE66\uFE62\uFE63\uFE6B])/u;
const NEEDS_QUOTES = /[",\r\n]/;

/** Whether a spreadsheet could read this text as a formula (so csvField neutralises it). */
export function startsLikeFormula(text: string): boolean {
  return FORMULA_START.test(text);
}

/** Prefixes text that a spreadsheet would read as a formula with a single quote. */
export function neutraliseFormula(text: string): string {
  return startsLikeFormula(text) ? `'${text}` : text;
}

/** One field, neutralised (text only) and quoted when RFC 4180 requires it. */
export function csvField(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError(`CSV cell: ${value} is not a finite number`);
    return String(value);
  }
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const text = neutraliseFormula(value);
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A whole CSV document: the header, then one line per row, each ended by CRLF. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  rows.forEach((row, index) => {
    if (row.length !== header.length)
      throw new RangeError(
        `CSV row ${index + 1}: has ${row.length} cells but the header has ${header.length}`,
      );
  });
  return [header, ...rows].map((row) => `${row.map(csvField).join(',')}\r\n`).join('');
}

/**
 * Reads RFC 4180 CSV (CRLF or LF line ends; a leading byte-order mark is ignored) into rows of text.
 * Used to check exports; it does not undo formula neutralisation.
 */
export function parseCsv(text: string): string[][] {
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  while (i < source.length) {
    const char = source[i] as string;
    if (quoted) {
      if (char === '"') {
        if (source[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else field += char;
      i += 1;
      continue;
    }
    if (char === '"' && field === '') quoted = true;
    else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\r' || char === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      if (char === '\r' && source[i + 1] === '\n') i += 1;
    } else field += char;
    i += 1;
  }
  if (quoted) throw new SyntaxError('CSV: a quoted field is not closed');
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}
