import { EXCEPTION_LABELS } from '../../../shared/kpi/exceptions.ts';
import { usePageTitle } from '../../ui/use-page-title.ts';
import { downloadSpreadsheetCsv } from '../../ui/download.ts';
import { exceptionCsv, reasonsById, REPORT_ORDER, reportEntries } from './exception-report.ts';
import { LateChanges } from './LateChanges.tsx';
import { Freshness } from './Freshness.tsx';
import { peopleText } from './labels.ts';
import { PeopleTable, rowsFor } from './PeopleTable.tsx';
import type { TeamData } from './team-data.ts';
import { useTeamToday } from './team-today.tsx';
import { DataTable } from '../../ui/DataTable.tsx';

/** The weekly exception report: one list per check, each young person with the reason, and a CSV export. */
export function ExceptionsPage({
  data,
  paName,
}: {
  data: TeamData;
  paName: (paId: string | null) => string;
}) {
  usePageTitle('Exception report');
  const today = useTeamToday();
  const { kpis, byId } = data;
  const total = REPORT_ORDER.reduce((sum, kind) => sum + reportEntries(kpis, kind).length, 0);
  return (
    <>
      <h1>Exception report</h1>
      <Freshness rows={data.rows} />
      <p>
        <button
          type="button"
          className="button"
          onClick={() =>
            downloadSpreadsheetCsv(`waymark-exceptions-${today}.csv`, exceptionCsv(kpis, byId, paName))
          }
        >
          Download the exception report (CSV)
        </button>
      </p>
      <DataTable
        caption={<>{total} exceptions across the team’s active caseload</>}
        headings={['Exception', 'Young people']}
        testId="exception-summary"
      >
        {REPORT_ORDER.map((kind) => (
          <tr key={kind} data-kind={kind}>
            <th scope="row">{EXCEPTION_LABELS[kind]}</th>
            <td>{reportEntries(kpis, kind).length}</td>
          </tr>
        ))}
      </DataTable>
      <LateChanges byId={byId} />
      {REPORT_ORDER.map((kind) => {
        const entries = reportEntries(kpis, kind);
        if (entries.length === 0) return null;
        const messages = reasonsById(entries);
        const rows = rowsFor([...messages.keys()], byId);
        return (
          <section key={kind} aria-labelledby={`exception-${kind}`} data-kind={kind}>
            <h2 id={`exception-${kind}`}>{EXCEPTION_LABELS[kind]}</h2>
            <PeopleTable
              caption={`${EXCEPTION_LABELS[kind]}: ${peopleText(rows.length)}`}
              rows={rows}
              paName={paName}
              detail={{ heading: 'Reason', cell: (row) => messages.get(row.id) ?? '' }}
            />
          </section>
        );
      })}
    </>
  );
}
