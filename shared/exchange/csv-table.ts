/**
 * Reading an uploaded CSV file into named rows, keeping the line each row starts on so that every
 * refusal can name its file, line and column. The dialect is RFC 4180 as written by
 * shared/returns/csv.ts (that reader drops line numbers, which refusals need, hence this one).
 * Header names are matched without regard to case or surrounding spaces.
 */

export interface CsvTableRow {
  /** The 1-based line of the file the row starts on (the header is line 1). */
  readonly line: number;
  /** Cell text by header name as written in the file, trimmed. */
  readonly cells: Readonly<Record<string, string>>;
}

export interface CsvTable {
  readonly file: string;
  /** The header names as written in the file (trimmed). */
  readonly header: readonly string[];
  readonly rows: readonly CsvTableRow[];
}

/** A problem with a whole file (not one row): unreadable, empty, missing columns. */
export class CsvFileError extends Error {
  override readonly name = 'CsvFileError';
  readonly file: string;
  readonly line: number;
  readonly column: string | null;
  constructor(file: string, line: number, column: string | null, message: string) {
    super(`${file}, line ${line}${column === null ? '' : `, column ${column}`}: ${message}`);
    this.file = file;
    this.line = line;
    this.column = column;
  }
}

interface RawRecord {
  readonly line: number;
  readonly fields: string[];
}

function records(file: string, text: string): RawRecord[] {
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const out: RawRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let startLine = 1;
  let quoteLine = 1;
  for (let i = 0; i < source.length; i++) {
    const char = source[i] as string;
    if (quoted) {
      if (char === '"') {
        if (source[i + 1] === '"') {
          field += '"';
          i += 1;
        } else quoted = false;
      } else {
        if (char === '\n') line += 1;
        field += char;
      }
      continue;
    }
    if (char === '"' && field === '') {
      quoted = true;
      quoteLine = line;
    } else if (char === ',') {
      fields.push(field);
      field = '';
    } else if (char === '\r' || char === '\n') {
      fields.push(field);
      out.push({ line: startLine, fields });
      fields = [];
      field = '';
      if (char === '\r' && source[i + 1] === '\n') i += 1;
      line += 1;
      startLine = line;
    } else field += char;
  }
  if (quoted) throw new CsvFileError(file, quoteLine, null, 'a quoted field is not closed');
  if (field !== '' || fields.length > 0) {
    fields.push(field);
    out.push({ line: startLine, fields });
  }
  return out.filter((record) => !(record.fields.length === 1 && record.fields[0]?.trim() === ''));
}

/**
 * Reads a CSV file with a header row. Refuses the whole file when it is empty, when a header name is
 * repeated, or when one of `required` is missing; a row with more cells than the header is refused too.
 */
export function readCsvTable(file: string, text: string, required: readonly string[] = []): CsvTable {
  const all = records(file, text);
  const [head, ...body] = all;
  if (head === undefined) throw new CsvFileError(file, 1, null, 'the file is empty: expected a header row');
  const header = head.fields.map((name) => name.trim());
  const seen = new Set<string>();
  for (const name of header) {
    const key = name.toUpperCase();
    if (seen.has(key)) throw new CsvFileError(file, 1, name, 'this column appears twice in the header');
    seen.add(key);
  }
  for (const name of required)
    if (!seen.has(name.toUpperCase()))
      throw new CsvFileError(file, 1, name, `the header has no ${name} column`);
  const rows = body.map((record) => {
    if (record.fields.length > header.length)
      throw new CsvFileError(
        file,
        record.line,
        null,
        `the row has ${record.fields.length} cells but the header has ${header.length}`,
      );
    const cells: Record<string, string> = {};
    header.forEach((name, index) => {
      cells[name] = (record.fields[index] ?? '').trim();
    });
    return { line: record.line, cells };
  });
  return { file, header, rows };
}

/** A cell by column name, ignoring case; '' when the column is absent. */
export function cell(table: CsvTable, row: CsvTableRow, column: string): string {
  const exact = row.cells[column];
  if (exact !== undefined) return exact;
  const name = table.header.find((h) => h.toUpperCase() === column.toUpperCase());
  return name === undefined ? '' : (row.cells[name] ?? '');
}
