/**
 * Sending the work back: contacts, plan reviews, plan actions and management-oversight notes recorded in
 * Waymark, as CSV files with stable column names, for a business support officer to upload into the
 * council's system of record.
 *
 * What is included: entries recorded or changed in Waymark on a day within [from, to] (the day each
 * field was written is kept in the document, see ydoc/contested.ts). So an entry dated last month but
 * recorded today is in today's export, and an export "since the last one" starts on the day the last one
 * ended: an entry recorded that day may appear in both (its entry id tells them apart); none is missed.
 * Cells are CSV-injection safe (shared/returns/csv.ts). People are named, never shown by user id.
 */
import * as Y from 'yjs';
import { isWithin, type IsoDate } from '../domain/dates.ts';
import { ValidationError } from '../domain/errors.ts';
import type { CollectionName, YoungPersonRecord } from '../domain/model.ts';
import { toCsv, type CsvCell } from '../returns/csv.ts';
import { fieldWrites } from '../ydoc/contested.ts';
import { readRecord, RecordNotInitialisedError } from '../ydoc/read-record.ts';
import { readSorState } from './sor-doc.ts';

export interface ExportRange {
  readonly from: IsoDate;
  readonly to: IsoDate;
}

const PERSON_COLUMNS = ['waymark_id', 'child', 'given_name', 'family_name'] as const;

export const WORK_EXPORT_COLUMNS = {
  contacts: [
    ...PERSON_COLUMNS,
    'contact_id',
    'contact_at',
    'method',
    'by',
    'seen',
    'seen_alone',
    'outcome',
    'notes',
    'recorded_on',
  ],
  reviews: [...PERSON_COLUMNS, 'review_id', 'review_date', 'trigger', 'notes', 'recorded_on'],
  actions: [
    ...PERSON_COLUMNS,
    'action_id',
    'matter',
    'description',
    'owner',
    'due_date',
    'status',
    'completed_on',
    'evidence',
    'recorded_on',
  ],
  oversight: [
    ...PERSON_COLUMNS,
    'note_id',
    'note_date',
    'by',
    'note',
    'action_required',
    'due_by',
    'recorded_on',
  ],
} as const;
export type WorkExportFile = keyof typeof WORK_EXPORT_COLUMNS;
export const WORK_EXPORT_FILES = Object.keys(WORK_EXPORT_COLUMNS) as WorkExportFile[];

export interface WorkExport {
  readonly range: ExportRange;
  readonly files: Readonly<Record<WorkExportFile, string>>;
  readonly counts: Readonly<Record<WorkExportFile, number>> & {
    readonly youngPeople: number;
    /** Records left out because they hold no readable record yet. */
    readonly unreadable: number;
  };
}

/** The last day any field of an entry was written (its "recorded or changed on" date), or null. */
export function lastWrittenOn(doc: Y.Doc, collection: CollectionName, id: string): IsoDate | null {
  const entry = doc.getMap<unknown>(collection).get(id);
  if (!(entry instanceof Y.Map)) return null;
  let latest: IsoDate | null = null;
  for (const { write, live } of fieldWrites(entry as Y.Map<unknown>))
    if (live && (latest === null || write.on > latest)) latest = write.on;
  return latest;
}

type Rows = Record<WorkExportFile, CsvCell[][]>;

function personCells(record: YoungPersonRecord, child: string | null): CsvCell[] {
  return [record.profile.id, child ?? '', record.profile.givenName, record.profile.familyName];
}

/**
 * Builds the four CSV files from the given documents. `nameOf` turns a user id (contacts' and notes'
 * "by", actions' owner when it is a user id) into the person's name.
 */
export function exportWork(
  docs: readonly Y.Doc[],
  range: ExportRange,
  nameOf: (id: string) => string,
): WorkExport {
  const rows: Rows = { contacts: [], reviews: [], actions: [], oversight: [] };
  const people = new Set<string>();
  let unreadable = 0;
  for (const doc of docs) {
    let record: YoungPersonRecord;
    try {
      record = readRecord(doc);
    } catch (error) {
      // A record assigned but not yet synced from its laptop, or one whose profile cannot be read.
      if (!(error instanceof RecordNotInitialisedError) && !(error instanceof ValidationError)) throw error;
      unreadable += 1;
      continue;
    }
    const person = personCells(record, readSorState(doc).child);
    const recorded = (collection: CollectionName, id: string): IsoDate | null => {
      const on = lastWrittenOn(doc, collection, id);
      return on !== null && isWithin(on, range.from, range.to) ? on : null;
    };
    const before = rows.contacts.length + rows.reviews.length + rows.actions.length + rows.oversight.length;
    for (const c of record.contacts) {
      const on = recorded('contacts', c.id);
      if (on !== null)
        rows.contacts.push([
          ...person,
          c.id,
          c.at,
          c.method,
          nameOf(c.by),
          c.seen,
          c.seenAlone,
          c.outcome,
          c.notes,
          on,
        ]);
    }
    for (const r of record.reviews) {
      const on = recorded('reviews', r.id);
      if (on !== null) rows.reviews.push([...person, r.id, r.date, r.trigger, r.notes, on]);
    }
    for (const a of record.actions) {
      const on = recorded('actions', a.id);
      if (on !== null)
        rows.actions.push([
          ...person,
          a.id,
          a.matter,
          a.description,
          nameOf(a.owner),
          a.dueDate,
          a.status,
          a.completedOn,
          a.evidence,
          on,
        ]);
    }
    for (const n of record.oversight) {
      const on = recorded('oversight', n.id);
      if (on !== null)
        rows.oversight.push([...person, n.id, n.on, nameOf(n.by), n.note, n.actionRequired, n.dueBy, on]);
    }
    const after = rows.contacts.length + rows.reviews.length + rows.actions.length + rows.oversight.length;
    if (after > before) people.add(record.profile.id);
  }
  const files = Object.fromEntries(
    WORK_EXPORT_FILES.map((file) => [file, toCsv(WORK_EXPORT_COLUMNS[file], rows[file])]),
  ) as Record<WorkExportFile, string>;
  return {
    range,
    files,
    counts: {
      contacts: rows.contacts.length,
      reviews: rows.reviews.length,
      actions: rows.actions.length,
      oversight: rows.oversight.length,
      youngPeople: people.size,
      unreadable,
    },
  };
}
