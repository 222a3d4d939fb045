import { useId, useState } from 'react';
import { collectionYear, collectionYearOf } from '../../../shared/returns/collection-year.ts';
import { toCsv } from '../../../shared/returns/csv.ts';
import { OC3_FIELDS, ordinal } from '../../../shared/returns/oc3.ts';
import { oc3Return, type DerivedOc3Row, type Oc3Return } from '../../../shared/returns/ssda903.ts';
import { ANNEX_A_LIST9_HEADERS, annexAList9 } from '../../../shared/returns/annex-a-list9.ts';
import { useRecordStore } from '../../db/store-context.tsx';
import { ukDate, ukDatesIn } from '../../ui/format.ts';
import { usePageTitle } from '../../ui/use-page-title.ts';
import { downloadSpreadsheetCsv, downloadText } from '../../ui/download.ts';
import { Freshness } from './Freshness.tsx';
import { loadRecords } from './load-records.ts';
import type { TeamData } from './team-data.ts';
import { useTeamToday } from './team-today.tsx';
import { DataTable } from '../../ui/DataTable.tsx';

interface PreparedOc3 extends Oc3Return {
  readonly skipped: readonly string[];
}

/** SSDA903 OC3 file: the five OC3 fields in the DfE's order, one row per 17th–21st birthday in the year. */
export function oc3Csv(rows: readonly DerivedOc3Row[]): string {
  return toCsv(
    OC3_FIELDS,
    rows.map((derived) => OC3_FIELDS.map((field) => derived.row[field])),
  );
}

function Oc3Report({ prepared, names }: { prepared: PreparedOc3; names: ReadonlyMap<string, string> }) {
  const year = collectionYear(prepared.yearEnding);
  const failing = prepared.failures.length;
  const incomplete = prepared.toComplete.length;
  const name = (child: string) => names.get(child) ?? 'Young person not on this laptop';
  return (
    <section aria-labelledby="oc3-report-heading" data-testid="oc3-report">
      <h3 id="oc3-report-heading">Validation report for {year.label}</h3>
      <p data-testid="oc3-summary">
        {prepared.rows.length} rows: young people with a 17th to 21st birthday between {ukDate(year.start)}{' '}
        and {ukDate(year.end)}.{' '}
        {failing === 0
          ? 'Every row passes the DfE validation rules.'
          : `${failing} ${failing === 1 ? 'row fails' : 'rows fail'} the DfE validation rules: correct the records before submitting.`}
      </p>
      {prepared.skipped.length > 0 ? (
        <p className="notice">
          {prepared.skipped.length} records on this laptop could not be read and are not included.
        </p>
      ) : null}
      {incomplete > 0 ? (
        <DataTable
          caption={
            <>
              Records to complete before the return can be exported ({incomplete}): Waymark never fills in a
              code the record does not give
            </>
          }
          headings={['Young person', 'Birthday', 'What to record']}
          testId="oc3-to-complete"
        >
          {prepared.toComplete.map((row) => (
            <tr key={`${row.row.CHILD}-${row.age}`}>
              <th scope="row">{name(row.row.CHILD)}</th>
              <td>
                {ordinal(row.age)}, {ukDate(row.birthday)}
              </td>
              <td>{row.toComplete.join(' ')}</td>
            </tr>
          ))}
        </DataTable>
      ) : null}
      {failing > 0 ? (
        <DataTable
          caption="Rows that fail validation, by DfE rule number"
          headings={['Young person', 'DfE rule', 'Field', 'Problem']}
          testId="oc3-failures"
        >
          {prepared.failures.flatMap((failure) =>
            failure.failures.map((f, index) => (
              <tr key={`${failure.index}-${index}`}>
                <th scope="row">{name(failure.child)}</th>
                <td>{f.rule === 'local' ? 'Waymark check' : f.rule}</td>
                <td>{f.field}</td>
                <td>{ukDatesIn(f.message)}</td>
              </tr>
            )),
          )}
        </DataTable>
      ) : null}
      {prepared.exportable ? (
        <p>
          <button
            type="button"
            className="button"
            onClick={() => downloadText(`SSDA903-OC3-${year.label}.csv`, oc3Csv(prepared.rows))}
          >
            Download the OC3 file for {year.label} (CSV)
          </button>
        </p>
      ) : (
        <p className="notice" data-testid="oc3-blocked">
          The OC3 file cannot be downloaded until every record above is completed and every row passes.
        </p>
      )}
    </section>
  );
}

/** Statutory returns: the SSDA903 care-leaver table (OC3) with its validation report, and Ofsted Annex A list 9. */
export function ReturnsPage({
  data,
  paName,
  teamName,
}: {
  data: TeamData;
  paName: (paId: string | null) => string;
  teamName: (teamId: string) => string;
}) {
  usePageTitle('Returns');
  const store = useRecordStore();
  const today = useTeamToday();
  const baseId = useId();
  const current = collectionYearOf(today).yearEnding;
  const years = [current, current - 1, current - 2, current - 3, current - 4];
  const [yearEnding, setYearEnding] = useState(current - 1);
  const [prepared, setPrepared] = useState<PreparedOc3 | null>(null);
  const [progress, setProgress] = useState<string>('');
  const [busy, setBusy] = useState(false);
  const names = new Map(data.rows.map((row) => [row.id, row.displayName]));
  const ids = data.rows.map((row) => row.id);

  const read = async () => {
    setBusy(true);
    try {
      const loaded = await loadRecords(store, ids, (done, total) =>
        setProgress(`Reading records: ${done} of ${total}`),
      );
      setProgress(`Read ${loaded.records.length} records.`);
      return loaded;
    } finally {
      setBusy(false);
    }
  };

  const prepareOc3 = async () => {
    setPrepared(null);
    const { records, skipped } = await read();
    setPrepared({ ...oc3Return(records, yearEnding), skipped });
  };

  const exportAnnexA = async () => {
    const { records } = await read();
    const rows = annexAList9(
      records,
      today,
      { team: teamName, personalAdviser: (id) => paName(id) },
      data.settings,
    );
    const csv = toCsv(
      ANNEX_A_LIST9_HEADERS,
      rows.map((row) => ANNEX_A_LIST9_HEADERS.map((header) => row[header])),
    );
    downloadSpreadsheetCsv(`Annex-A-list-9-care-leavers-${today}.csv`, csv);
    setProgress(`Annex A list 9 saved: ${rows.length} care leavers.`);
  };

  return (
    <>
      <h1>Returns</h1>
      <Freshness rows={data.rows} />
      <section aria-labelledby={`${baseId}-oc3`}>
        <h2 id={`${baseId}-oc3`}>SSDA903 care leavers (OC3)</h2>
        <p>
          One row for each young person with a 17th, 18th, 19th, 20th or 21st birthday in the collection year
          (1 April to 31 March): CHILD, DOB, IN_TOUCH, ACTIV and ACCOM, checked against the DfE validation
          rules before you export.
        </p>
        <div className="field">
          <label htmlFor={`${baseId}-year`}>Collection year</label>
          <select
            id={`${baseId}-year`}
            value={yearEnding}
            onChange={(event) => {
              setYearEnding(Number(event.target.value));
              setPrepared(null);
            }}
          >
            {years.map((y) => {
              const year = collectionYear(y);
              return (
                <option key={y} value={y}>
                  {year.label} ({ukDate(year.start)} to {ukDate(year.end)})
                </option>
              );
            })}
          </select>
        </div>
        <p>
          <button type="button" className="button" disabled={busy} onClick={() => void prepareOc3()}>
            Check the OC3 return
          </button>
        </p>
        {prepared !== null && prepared.yearEnding === yearEnding ? (
          <Oc3Report prepared={prepared} names={names} />
        ) : null}
      </section>
      <section aria-labelledby={`${baseId}-annex`}>
        <h2 id={`${baseId}-annex`}>Ofsted Annex A, list 9: care leavers</h2>
        <p>
          Every care leaver aged 16 or over whose leaving-care support has not ended, as of {ukDate(today)}.
          Waymark leaves gender, ethnicity, UASC status, disability and the allocated social worker blank:
          complete them from the case management system.
        </p>
        <p>
          <button type="button" className="button" disabled={busy} onClick={() => void exportAnnexA()}>
            Download Annex A list 9 (CSV)
          </button>
        </p>
      </section>
      <p role="status" className="team-status" data-testid="returns-progress">
        {progress}
      </p>
    </>
  );
}
