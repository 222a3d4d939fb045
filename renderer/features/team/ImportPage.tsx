import { useId, useState, type ChangeEvent, type FormEvent } from 'react';
import { CATEGORY_LABELS, type CareLeaverCategory } from '../../../shared/domain/vocabulary.ts';
import { readCsvTable } from '../../../shared/exchange/csv-table.ts';
import type { ImportPreviewResponse, ImportRequestBody } from '../../../shared/exchange/exchange-api.ts';
import {
  guessPeopleMapping,
  PEOPLE_FIELD_LABELS,
  PEOPLE_FIELDS,
  REQUIRED_PEOPLE_FIELDS,
  type PeopleField,
} from '../../../shared/exchange/people-file.ts';
import { collectionYear, collectionYearOf } from '../../../shared/returns/collection-year.ts';
import { useBridge } from '../../bridge/bridge-context.tsx';
import { useSessionState } from '../../sync/session-context.tsx';
import { DataTable } from '../../ui/DataTable.tsx';
import { ukDate, ukDatesIn } from '../../ui/format.ts';
import { usePageTitle } from '../../ui/use-page-title.ts';
import { confirmImportOnServer, previewImportOnServer } from './import-server.ts';
import { useTeamToday } from './team-today.tsx';
import { ServerActionProblems } from './ServerActionProblems.tsx';

const FILES = [
  { key: 'header', label: 'SSDA903 Header file', hint: 'CSV with CHILD, SEX, DOB, ETHNIC', required: true },
  {
    key: 'episodes',
    label: 'SSDA903 Episodes file',
    hint: 'CSV with CHILD, DECOM, RNE, LS, … DEC, REC',
    required: true,
  },
  {
    key: 'oc3',
    label: 'SSDA903 OC3 file (optional)',
    hint: 'CSV with CHILD, DOB, IN_TOUCH, ACTIV, ACCOM',
    required: false,
  },
  {
    key: 'people',
    label: 'People file',
    hint: 'CSV from your case management system: names, allocated PA, team',
    required: true,
  },
] as const;
type FileKey = (typeof FILES)[number]['key'];

interface ChosenFile {
  readonly name: string;
  readonly text: string;
}

type Mapping = Record<PeopleField, string>;
const EMPTY_MAPPING: Mapping = {
  child: '',
  givenName: '',
  familyName: '',
  preferredName: '',
  paUsername: '',
  team: '',
};

/** A value from the preview as a person reads it: dates as "5 Jul 2026", categories in words. */
function shown(value: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return ukDate(value);
  if (value in CATEGORY_LABELS) return CATEGORY_LABELS[value as CareLeaverCategory];
  return value;
}

function Summary({ preview }: { preview: ImportPreviewResponse }) {
  const c = preview.counts;
  const rows: [string, number][] = [
    ['New records to create', c.created],
    ['Records to update', c.updated],
    ['Records already up to date', c.unchanged],
    ['Young people refused', c.refused],
    ['Other rows refused (OC3)', c.rowsRefused],
    ['Not care leavers in Waymark’s scope', c.outOfScope],
  ];
  return (
    <table className="table" data-testid="import-counts">
      <caption>What the import will do</caption>
      <tbody>
        {rows.map(([label, count]) => (
          <tr key={label}>
            <th scope="row">{label}</th>
            <td>{count}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Refusals({ preview }: { preview: ImportPreviewResponse }) {
  if (preview.refusals.length === 0) return <p>No rows are refused.</p>;
  return (
    <DataTable
      caption={`Refused rows (${preview.refusals.length})`}
      headings={['File', 'Line', 'Column', 'CHILD', 'Reason']}
      testId="import-refusals"
    >
      {preview.refusals.map((r) => (
        <tr key={`${r.file}-${r.line}-${r.column}-${r.reason}`}>
          <td>{r.file}</td>
          <td>{r.line}</td>
          <td>{r.column}</td>
          <td>{r.child}</td>
          <td>{ukDatesIn(r.reason)}</td>
        </tr>
      ))}
    </DataTable>
  );
}

function Differences({ preview }: { preview: ImportPreviewResponse }) {
  if (preview.differences.length === 0) return null;
  return (
    <DataTable
      caption={
        <>
          Differences to settle ({preview.differences.length}): changed in Waymark since the last import, so
          left as they are
        </>
      }
      headings={['CHILD', 'What', 'System of record says', 'Waymark says']}
      testId="import-differences"
    >
      {preview.differences.map((d) => (
        <tr key={`${d.child}-${d.field}`}>
          <td>{d.child}</td>
          <td>{d.label}</td>
          <td>{shown(d.systemOfRecord)}</td>
          <td>{shown(d.waymark)}</td>
        </tr>
      ))}
    </DataTable>
  );
}

/**
 * The team manager imports their team's young people from the council's SSDA903 files and a people
 * file: choose the files, map the people file's columns, preview, then confirm (docs/data-exchange.md).
 */
export function ImportPage() {
  usePageTitle('Import from the system of record');
  const bridge = useBridge();
  const { user, serverUrl } = useSessionState();
  const today = useTeamToday();
  const baseId = useId();
  const lastYear = collectionYearOf(today).yearEnding - 1;
  const [files, setFiles] = useState<Partial<Record<FileKey, ChosenFile>>>({});
  const [columns, setColumns] = useState<readonly string[]>([]);
  const [mapping, setMapping] = useState<Mapping>(EMPTY_MAPPING);
  const [yearEnding, setYearEnding] = useState(lastYear);
  const [preview, setPreview] = useState<ImportPreviewResponse | null>(null);
  const [skipRefused, setSkipRefused] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const canImport = user?.role === 'team_manager' && serverUrl !== null;

  const choose = (key: FileKey) => async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    setPreview(null);
    setDone(null);
    if (!file) return setFiles((current) => ({ ...current, [key]: undefined }));
    const text = await file.text();
    setFiles((current) => ({ ...current, [key]: { name: file.name, text } }));
    if (key !== 'people') return;
    try {
      const header = readCsvTable('People', text).header;
      setColumns(header);
      const guessed = guessPeopleMapping(header);
      setMapping(Object.fromEntries(PEOPLE_FIELDS.map((f) => [f, guessed[f] ?? ''])) as Mapping);
      setProblem(null);
    } catch (error) {
      setColumns([]);
      setProblem((error as Error).message);
    }
  };

  const request = (): ImportRequestBody | string => {
    const missing = FILES.filter((f) => f.required && files[f.key] === undefined).map((f) => f.label);
    if (missing.length > 0) return `Choose the ${missing.join(', ')}.`;
    const unmapped = REQUIRED_PEOPLE_FIELDS.filter((f) => mapping[f] === '').map(
      (f) => PEOPLE_FIELD_LABELS[f],
    );
    if (unmapped.length > 0) return `Choose the people file column for: ${unmapped.join(', ')}.`;
    return {
      files: {
        header: files.header?.text ?? '',
        episodes: files.episodes?.text ?? '',
        ...(files.oc3 ? { oc3: files.oc3.text } : {}),
        people: files.people?.text ?? '',
      },
      peopleMapping: {
        child: mapping.child,
        givenName: mapping.givenName,
        familyName: mapping.familyName,
        preferredName: mapping.preferredName === '' ? null : mapping.preferredName,
        paUsername: mapping.paUsername,
        team: mapping.team === '' ? null : mapping.team,
      },
      yearEnding,
    };
  };

  const run = async (action: 'preview' | 'confirm') => {
    setDone(null);
    const body = request();
    if (typeof body === 'string') return setProblem(body);
    if (!canImport || serverUrl === null)
      return setProblem('Importing needs you signed in as a team manager with the sync server set.');
    setBusy(true);
    try {
      if (action === 'preview') {
        setPreview(await previewImportOnServer(bridge, serverUrl, body));
        setSkipRefused(false);
      } else {
        const result = await confirmImportOnServer(bridge, serverUrl, { ...body, skipRefused });
        const c = result.counts;
        setPreview(null);
        setDone(
          `Imported: ${c.created} new records, ${c.updated} updated, ${c.unchanged} already up to date` +
            `${result.failed.length > 0 ? `; ${result.failed.length} could not be written` : ''}. ` +
            'The personal advisers’ laptops receive their records at their next sync.',
        );
      }
      setProblem(null);
    } catch (error) {
      setProblem((error as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const onPreview = (event: FormEvent) => {
    event.preventDefault();
    void run('preview');
  };
  const toWrite = preview ? preview.counts.created + preview.counts.updated : 0;

  return (
    <>
      <h1>Import from the system of record</h1>
      <p>
        Bring your team’s young people in from the SSDA903 files your council makes for the DfE, with a people
        file for their names and allocated personal adviser. Nothing is written until you confirm.
      </p>
      <ServerActionProblems allowed={canImport} action="import" problem={problem} />
      {done ? (
        <p className="notice" role="status" data-testid="import-done">
          {done}
        </p>
      ) : null}
      <form className="form" onSubmit={onPreview} noValidate>
        <fieldset>
          <legend>Files</legend>
          {FILES.map((f) => (
            <div className="field" key={f.key}>
              <label htmlFor={`${baseId}-${f.key}`}>{f.label}</label>
              <p className="hint" id={`${baseId}-${f.key}-hint`}>
                {f.hint}
              </p>
              <input
                id={`${baseId}-${f.key}`}
                type="file"
                accept=".csv,text/csv"
                aria-describedby={`${baseId}-${f.key}-hint`}
                onChange={(event) => void choose(f.key)(event)}
              />
            </div>
          ))}
        </fieldset>
        <div className="field">
          <label htmlFor={`${baseId}-year`}>Collection year of the files</label>
          <select
            id={`${baseId}-year`}
            value={yearEnding}
            onChange={(event) => setYearEnding(Number(event.target.value))}
          >
            {[lastYear + 1, lastYear, lastYear - 1, lastYear - 2].map((y) => (
              <option key={y} value={y}>
                {collectionYear(y).label} ({ukDate(collectionYear(y).start)} to{' '}
                {ukDate(collectionYear(y).end)})
              </option>
            ))}
          </select>
        </div>
        {columns.length > 0 ? (
          <fieldset>
            <legend>Which column of the people file holds each detail</legend>
            {PEOPLE_FIELDS.map((field) => (
              <div className="field" key={field}>
                <label htmlFor={`${baseId}-map-${field}`}>{PEOPLE_FIELD_LABELS[field]}</label>
                <select
                  id={`${baseId}-map-${field}`}
                  value={mapping[field]}
                  onChange={(event) => {
                    setPreview(null);
                    setMapping((current) => ({ ...current, [field]: event.target.value }));
                  }}
                >
                  <option value="">
                    {REQUIRED_PEOPLE_FIELDS.includes(field) ? 'Choose a column' : 'Not in this file'}
                  </option>
                  {columns.map((column) => (
                    <option key={column} value={column}>
                      {column}
                    </option>
                  ))}
                </select>
              </div>
            ))}
          </fieldset>
        ) : null}
        <button type="submit" className="button" disabled={busy}>
          Preview the import
        </button>
      </form>
      {preview ? (
        <section aria-labelledby={`${baseId}-preview`} data-testid="import-preview">
          <h2 id={`${baseId}-preview`}>Preview</h2>
          <Summary preview={preview} />
          <Refusals preview={preview} />
          <Differences preview={preview} />
          {preview.refusals.length > 0 ? (
            <div className="field">
              <input
                id={`${baseId}-skip`}
                type="checkbox"
                checked={skipRefused}
                onChange={(event) => setSkipRefused(event.target.checked)}
              />
              <label htmlFor={`${baseId}-skip`}>
                Import without the refused rows (the young people refused are left out)
              </label>
            </div>
          ) : null}
          <button
            type="button"
            className="button"
            disabled={busy || toWrite === 0 || (preview.refusals.length > 0 && !skipRefused)}
            onClick={() => void run('confirm')}
          >
            {toWrite === 0 ? 'Nothing to import' : `Import ${toWrite} young people`}
          </button>
        </section>
      ) : null}
    </>
  );
}
