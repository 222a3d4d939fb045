import type { AuditSearchResponse } from '../../../shared/admin-api.ts';
import { DataTable } from '../../ui/DataTable.tsx';
import { ukDateTime } from '../../ui/format.ts';
import { auditActorName, auditWhat, auditWhatForRecord } from './audit-labels.ts';
import './admin.css';

/**
 * A page of audit entries, newest first: when, who by name, what in words, and (for the administrator's
 * search across records) the record's reference and whom an action was about; "Show older entries" while
 * there are more. Shared by the administrator's audit search and the team manager's view of one record.
 */
export function AuditResults({
  page,
  acrossRecords,
  testId,
  onOlder,
}: {
  page: AuditSearchResponse;
  /** Adds the Record and About columns (the administrator's search). */
  acrossRecords: boolean;
  testId: string;
  onOlder: (before: number) => void;
}) {
  if (page.rows.length === 0) return <p role="status">No entries match.</p>;
  const count = page.rows.length === 1 ? '1 entry' : `${page.rows.length} entries`;
  return (
    <>
      <DataTable
        testId={testId}
        caption={`${count}, newest first`}
        headings={acrossRecords ? ['When', 'Who', 'What', 'Record', 'About'] : ['When', 'Who', 'What']}
      >
        {page.rows.map((row) => (
          <tr key={row.seq}>
            <td>{ukDateTime(row.at)}</td>
            <td>{auditActorName(row)}</td>
            <th scope="row">{acrossRecords ? auditWhat(row) : auditWhatForRecord(row)}</th>
            {acrossRecords ? (
              <>
                <td className="audit-reference">{row.record ?? ''}</td>
                <td>{row.about?.displayName ?? ''}</td>
              </>
            ) : null}
          </tr>
        ))}
      </DataTable>
      {page.nextBefore !== null ? (
        <button
          type="button"
          className="button button--secondary"
          onClick={() => onOlder(page.nextBefore ?? 0)}
        >
          Show older entries
        </button>
      ) : null}
    </>
  );
}

/** A page of entries after the older ones arrived: one list, the next page's cursor. */
export function withOlder(current: AuditSearchResponse, older: AuditSearchResponse): AuditSearchResponse {
  return { rows: [...current.rows, ...older.rows], nextBefore: older.nextBefore };
}
