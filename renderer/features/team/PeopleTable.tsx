import { Link } from 'wouter';
import type { CaseloadRow } from '../../db/caseload-row.ts';
import { DataTable } from '../../ui/DataTable.tsx';
import { ukDate } from '../../ui/format.ts';
import { nextReviewText } from '../caseload/attention.ts';
import { IN_TOUCH_WORDS } from './labels.ts';

export interface PeopleTableProps {
  readonly caption: string;
  readonly rows: readonly CaseloadRow[];
  readonly paName: (paId: string | null) => string;
  /** An extra column, e.g. the reason a young person is on an exception list. */
  readonly detail?: { readonly heading: string; readonly cell: (row: CaseloadRow) => string };
}

/** Young people as a table, each name linking to the manager's view of the record. */
export function PeopleTable({ caption, rows, paName, detail }: PeopleTableProps) {
  if (rows.length === 0) return <p>No young people.</p>;
  return (
    <DataTable
      caption={caption}
      headings={[
        ...['Name', 'Age', 'Personal adviser', 'Next review', 'Last contact', 'In touch'],
        ...(detail ? [detail.heading] : []),
      ]}
      testId="people-table"
    >
      {rows.map((row) => (
        <tr key={row.id} data-id={row.id}>
          <th scope="row">
            <Link href={`/person/${row.id}`}>{row.displayName}</Link>
          </th>
          <td>{row.age}</td>
          <td>{paName(row.paId)}</td>
          <td>{nextReviewText(row)}</td>
          <td>{ukDate(row.lastContactDate, 'None recorded')}</td>
          <td>{IN_TOUCH_WORDS[row.inTouchState]}</td>
          {detail ? <td>{detail.cell(row)}</td> : null}
        </tr>
      ))}
    </DataTable>
  );
}

/** Rows for ids, in the order of the ids, skipping any no longer held. */
export function rowsFor(ids: readonly string[], byId: ReadonlyMap<string, CaseloadRow>): CaseloadRow[] {
  return ids.map((id) => byId.get(id)).filter((row): row is CaseloadRow => row !== undefined);
}
