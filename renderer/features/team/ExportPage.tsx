import { useId, useState, type FormEvent } from 'react';
import type { ExportResponse } from '../../../shared/exchange/exchange-api.ts';
import { WORK_EXPORT_FILES, type WorkExportFile } from '../../../shared/exchange/work-export.ts';
import { useBridge } from '../../bridge/bridge-context.tsx';
import { useSessionState } from '../../sync/session-context.tsx';
import { downloadSpreadsheetCsv } from '../../ui/download.ts';
import { parseUkDate, ukDate } from '../../ui/format.ts';
import { usePageTitle } from '../../ui/use-page-title.ts';
import { exportWorkOnServer } from './import-server.ts';
import { ServerActionProblems } from './ServerActionProblems.tsx';

const FILE_LABELS: Readonly<Record<WorkExportFile, string>> = {
  contacts: 'Contacts',
  reviews: 'Pathway plan reviews',
  actions: 'Plan actions',
  oversight: 'Management oversight notes',
};

const EXPORT_MODES = [
  { value: 'since-last', label: 'Everything recorded since the team’s last export' },
  { value: 'range', label: 'Work recorded between two dates' },
] as const;

/**
 * The team manager sends the team's recorded work back to the council's system of record: contacts,
 * reviews, plan actions and oversight notes recorded since the last export or in a date range, as CSV
 * files for business support to upload (docs/data-exchange.md).
 */
export function ExportPage() {
  usePageTitle('Send work to the system of record');
  const bridge = useBridge();
  const { user, serverUrl } = useSessionState();
  const baseId = useId();
  const [mode, setMode] = useState<'since-last' | 'range'>('since-last');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [result, setResult] = useState<ExportResponse | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const canExport = user?.role === 'team_manager' && serverUrl !== null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setResult(null);
    if (!canExport || serverUrl === null)
      return setProblem('Exporting needs you signed in as a team manager with the sync server set.');
    let body: { sinceLastExport: boolean; from?: string; to?: string };
    if (mode === 'since-last') body = { sinceLastExport: true };
    else {
      const fromIso = parseUkDate(from);
      const toIso = to.trim() === '' ? null : parseUkDate(to);
      if (fromIso === null) return setProblem('Enter the first day as a date, for example 1/4/2026.');
      if (to.trim() !== '' && toIso === null)
        return setProblem(
          'Enter the last day as a date, for example 30/4/2026, or leave it empty for today.',
        );
      body = { sinceLastExport: false, from: fromIso, ...(toIso === null ? {} : { to: toIso }) };
    }
    setBusy(true);
    try {
      setResult(await exportWorkOnServer(bridge, serverUrl, body));
      setProblem(null);
    } catch (error) {
      setProblem((error as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <h1>Send work to the system of record</h1>
      <p>
        Export the contacts, pathway plan reviews, plan actions and management oversight notes recorded in
        Waymark, as spreadsheet files for upload into your council’s case management system.
      </p>
      <ServerActionProblems allowed={canExport} action="export" problem={problem} />
      <form className="form" onSubmit={(event) => void submit(event)} noValidate>
        <fieldset>
          <legend>Which work</legend>
          {EXPORT_MODES.map(({ value, label }) => (
            <div className="field" key={value}>
              <input
                id={`${baseId}-${value}`}
                type="radio"
                name="mode"
                checked={mode === value}
                onChange={() => setMode(value)}
              />
              <label htmlFor={`${baseId}-${value}`}>{label}</label>
            </div>
          ))}
        </fieldset>
        {mode === 'range' ? (
          <>
            <div className="field">
              <label htmlFor={`${baseId}-from`}>First day</label>
              <input id={`${baseId}-from`} value={from} onChange={(event) => setFrom(event.target.value)} />
            </div>
            <div className="field">
              <label htmlFor={`${baseId}-to`}>Last day (empty for today)</label>
              <input id={`${baseId}-to`} value={to} onChange={(event) => setTo(event.target.value)} />
            </div>
          </>
        ) : null}
        <button type="submit" className="button" disabled={busy}>
          Export
        </button>
      </form>
      {result ? (
        <section aria-labelledby={`${baseId}-result`} data-testid="export-result">
          <h2 id={`${baseId}-result`}>
            Work recorded from {ukDate(result.range.from)} to {ukDate(result.range.to)}
          </h2>
          <p>
            For {result.counts.youngPeople} young people.
            {result.counts.unreadable > 0
              ? ` ${result.counts.unreadable} records not yet synced to the server are not included.`
              : ''}
          </p>
          <ul>
            {WORK_EXPORT_FILES.map((file) => (
              <li key={file}>
                {FILE_LABELS[file]}: {result.counts[file]}{' '}
                <button
                  type="button"
                  className="button button--secondary"
                  onClick={() => downloadSpreadsheetCsv(`${file}-${result.range.to}.csv`, result.files[file])}
                >
                  Download {FILE_LABELS[file].toLowerCase()}
                </button>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
