import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { Link } from 'wouter';
import type { OversightNote, YoungPersonRecord } from '../../../shared/domain/model.ts';
import type { TeamMember } from '../../../shared/team-api.ts';
import { recordReference } from '../../../shared/record-reference.ts';
import { readRecord } from '../../../shared/ydoc/read-record.ts';
import { addEntry } from '../../../shared/ydoc/write-record.ts';
import { useRecordStore } from '../../db/store-context.tsx';
import { useRecordDoc } from '../../db/use-record-doc.ts';
import { parseUkDate, ukDate, ukDatesIn } from '../../ui/format.ts';
import { usePageTitle } from '../../ui/use-page-title.ts';
import { nextReviewText } from '../caseload/attention.ts';
import { IN_TOUCH_WORDS } from './labels.ts';
import { ReassignForm } from './ReassignForm.tsx';
import { RecordAudit } from './RecordAudit.tsx';
import type { TeamData } from './team-data.ts';
import { problemText, useWriteContext } from './write-context.ts';
import { usePeopleNamer } from '../people/use-people.ts';

function OversightForm({ id }: { id: string }) {
  const store = useRecordStore();
  const { ctx, by } = useWriteContext();
  const [note, setNote] = useState('');
  const [action, setAction] = useState('');
  const [dueBy, setDueBy] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const baseId = useId();
  const problemId = `${baseId}-problem`;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(null);
    const due = dueBy.trim() === '' ? null : parseUkDate(dueBy);
    if (note.trim() === '') return setProblem('Write the oversight note or decision.');
    if (dueBy.trim() !== '' && due === null)
      return setProblem('Action due by: write a date such as 31/3/2027.');
    const entry: OversightNote = {
      id: `ov-${crypto.randomUUID()}`,
      on: ctx.today,
      by,
      note: note.trim(),
      actionRequired: action.trim(),
      dueBy: due,
    };
    setSaving(true);
    try {
      await store.edit(id, (doc) => addEntry(doc, 'oversight', entry, ctx));
      setNote('');
      setAction('');
      setDueBy('');
      setProblem(null);
      setSaved('Oversight note saved. It reaches the personal adviser at the next sync.');
    } catch (error) {
      setProblem(problemText(error));
    } finally {
      setSaving(false);
    }
  };

  return (
    <form
      className="form"
      onSubmit={(event) => void submit(event)}
      noValidate
      aria-labelledby={`${baseId}-heading`}
    >
      <h2 id={`${baseId}-heading`}>Add management oversight</h2>
      {problem ? (
        <p id={problemId} className="error-summary" role="alert">
          {problem}
        </p>
      ) : null}
      <div className="field">
        <label htmlFor={`${baseId}-note`}>Oversight note or decision</label>
        <textarea
          id={`${baseId}-note`}
          name="note"
          rows={4}
          value={note}
          required
          aria-describedby={problem ? problemId : undefined}
          onChange={(event) => setNote(event.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={`${baseId}-action`}>Action for the personal adviser (optional)</label>
        <textarea
          id={`${baseId}-action`}
          name="actionRequired"
          rows={2}
          value={action}
          onChange={(event) => setAction(event.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={`${baseId}-due`}>Action due by (optional, for example 31/3/2027)</label>
        <input
          id={`${baseId}-due`}
          name="dueBy"
          type="text"
          inputMode="numeric"
          autoComplete="off"
          value={dueBy}
          onChange={(event) => setDueBy(event.target.value)}
        />
      </div>
      <button type="submit" className="button" disabled={saving}>
        {saving ? 'Saving…' : 'Save oversight note'}
      </button>
      <p role="status" className="team-status">
        {saved}
      </p>
    </form>
  );
}

function OversightHistory({ record }: { record: YoungPersonRecord | null }) {
  const nameOf = usePeopleNamer();
  if (record === null) return <p>Opening the record…</p>;
  const notes = [...record.oversight].reverse();
  return (
    <section aria-labelledby="oversight-history-heading">
      <h2 id="oversight-history-heading">Management oversight so far</h2>
      {notes.length === 0 ? (
        <p>No oversight recorded yet.</p>
      ) : (
        <ol className="team-notes" data-testid="oversight-notes">
          {notes.map((note) => (
            <li key={note.id} data-note={note.id}>
              <p>
                <strong>{ukDate(note.on)}</strong>, {nameOf(note.by)}
              </p>
              <p className="team-notes__text">{note.note}</p>
              {note.actionRequired ? (
                <p>
                  Action: {note.actionRequired}
                  {note.dueBy ? `, due by ${ukDate(note.dueBy)}` : ''}
                </p>
              ) : null}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

/**
 * A manager's view of one young person: summary, oversight notes and decisions, reassignment, and who has
 * seen or changed the record (with the reference IT asks for).
 */
export function PersonPage({
  id,
  data,
  paName,
  members,
}: {
  id: string;
  data: TeamData;
  paName: (paId: string | null) => string;
  members: readonly TeamMember[];
}) {
  const row = data.byId.get(id);
  usePageTitle(row ? `Oversight: ${row.displayName}` : 'Young person not found');
  // Opening a young person moves focus to their name, once per young person (not on every sync).
  const heading = useRef<HTMLHeadingElement>(null);
  const focusedFor = useRef<string | null>(null);
  const found = row !== undefined;
  useEffect(() => {
    if (!found || focusedFor.current === id) return;
    focusedFor.current = id;
    heading.current?.focus();
  }, [found, id]);
  const open = useRecordDoc(id);
  const version = open?.version;
  const doc = open?.doc;
  const record = useMemo(() => {
    if (!doc || version === undefined) return null;
    try {
      return readRecord(doc);
    } catch {
      return null;
    }
  }, [doc, version]);

  if (!row)
    return (
      <>
        <h1>Young person not found</h1>
        <p>
          This laptop holds no record with that id. <Link href="/">Back to the scorecard</Link>
        </p>
      </>
    );
  return (
    <>
      <h1 tabIndex={-1} ref={heading}>
        {row.displayName}
      </h1>
      <p>
        <Link href="/">Back to the scorecard</Link>
      </p>
      <p>
        <Link href={`/person/${encodeURIComponent(id)}/case-notes`}>Case notes to print or save as PDF</Link>
      </p>
      <dl className="facts" data-testid="person-facts">
        <dt>Personal adviser</dt>
        <dd data-fact="pa">{paName(row.paId)}</dd>
        <dt>Age</dt>
        <dd>{row.age}</dd>
        <dt>Next review</dt>
        <dd>
          {nextReviewText(row)}
          {row.reviewOverdue ? ' (overdue)' : ''}
        </dd>
        <dt>Last contact</dt>
        <dd>{ukDate(row.lastContactDate, 'None recorded')}</dd>
        <dt>In touch</dt>
        <dd>{IN_TOUCH_WORDS[row.inTouchState]}</dd>
        <dt>Record reference</dt>
        <dd>
          <span data-testid="record-reference">{recordReference(id)}</span>
          <span className="hint"> (for IT: it says nothing about the young person)</span>
        </dd>
        <dt>Needs attention</dt>
        <dd>
          {row.exceptionReasons.length === 0
            ? 'Nothing'
            : row.exceptionReasons.map((r) => ukDatesIn(r.message)).join('; ')}
        </dd>
      </dl>
      <OversightForm id={id} />
      <OversightHistory record={record} />
      <ReassignForm
        id={id}
        name={row.displayName}
        paId={row.paId}
        paName={paName(row.paId)}
        record={record}
        members={members}
      />
      <RecordAudit id={id} />
    </>
  );
}
