import { format, parseISO } from 'date-fns';
import type { CaseloadRow } from '../../db/caseload-row.ts';
import { useCaseload } from '../../db/use-caseload.ts';
import { usePageTitle } from '../../ui/use-page-title.ts';

const ukDate = (iso: string | null) => (iso ? format(parseISO(iso), 'd MMM yyyy') : 'None recorded');

const IN_TOUCH_LABELS: Readonly<Record<CaseloadRow['inTouchState'], string>> = {
  'in-touch': 'In touch',
  'not-in-touch': 'Not in touch',
  'refuses-contact': 'Refuses contact',
  'no-longer-requires-services': 'No longer requires services',
  died: 'Died',
};

function accommodation(row: CaseloadRow): string {
  if (!row.accommodationCode) return 'Not recorded';
  const suitability =
    row.accommodationSuitable === null ? '' : row.accommodationSuitable ? ', suitable' : ', unsuitable';
  return `${row.accommodationCode}${suitability}`;
}

/** The PA's caseload, read from the Dexie projection: what needs doing first comes first. */
export function CaseloadPage() {
  usePageTitle('My caseload');
  const rows = useCaseload();
  return (
    <>
      <h1>My caseload</h1>
      {rows === undefined ? (
        <p>Loading your caseload…</p>
      ) : rows.length === 0 ? (
        <section aria-labelledby="caseload-empty-heading" className="empty-state">
          <h2 id="caseload-empty-heading">No young people yet</h2>
          <p>
            When young people are allocated to you, or you add one, they appear here with what needs doing
            first: reviews due, contact overdue and accommodation to check.
          </p>
        </section>
      ) : (
        <table className="table">
          <caption>
            {rows.length} young {rows.length === 1 ? 'person' : 'people'}, most urgent first
          </caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Age</th>
              <th scope="col">Next review</th>
              <th scope="col">Last contact</th>
              <th scope="col">In touch</th>
              <th scope="col">Accommodation</th>
              <th scope="col">Needs attention</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id}>
                <th scope="row">{row.displayName}</th>
                <td>{row.age}</td>
                <td>
                  {ukDate(row.nextReviewDue)}
                  {row.reviewOverdue ? <strong className="badge badge--danger"> Overdue</strong> : null}
                </td>
                <td>{ukDate(row.lastContactDate)}</td>
                <td>{IN_TOUCH_LABELS[row.inTouchState]}</td>
                <td>{accommodation(row)}</td>
                <td>
                  {row.exceptionReasons.length === 0 ? (
                    'Nothing'
                  ) : (
                    <ul className="reasons">
                      {row.exceptionReasons.map((reason, index) => (
                        <li key={`${reason.kind}-${index}`}>{reason.message}</li>
                      ))}
                    </ul>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
