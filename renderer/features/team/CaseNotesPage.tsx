import type { ReactNode } from 'react';
import { Link } from 'wouter';
import { readSorState } from '../../../shared/exchange/sor-doc.ts';
import { CATEGORY_LABELS, SCHEDULE_1_LABELS } from '../../../shared/domain/vocabulary.ts';
import { displayName } from '../../../shared/ydoc/projection.ts';
import { useBridge } from '../../bridge/bridge-context.tsx';
import { ukDate, ukDateTime } from '../../ui/format.ts';
import { savePageAsPdf } from '../../ui/print-pdf.ts';
import { usePageTitle } from '../../ui/use-page-title.ts';
import { displayNameOf, useCurrentUser } from '../record/current-user.ts';
import {
  ACTION_STATUS_LABELS,
  CONTACT_METHOD_LABELS,
  CONTACT_OUTCOME_LABELS,
  REVIEW_TRIGGER_LABELS,
} from '../record/labels.ts';
import { useRecord, type LoadedRecord } from '../record/use-record.ts';

/** Free text kept as written (line breaks too); nothing when empty. */
function Prewrap({ text }: { text: string }) {
  return text.trim() === '' ? null : <p className="prewrap">{text}</p>;
}

/** One kind of entry: a heading with the count, then each entry with its own heading. */
function EntryList<T extends { readonly id: string }>({
  id,
  title,
  entries,
  heading,
  body,
  notes,
}: {
  id: string;
  title: string;
  entries: readonly T[];
  heading: (entry: T) => string;
  body?: (entry: T) => ReactNode;
  /** Free text written with the entry, shown last. */
  notes?: (entry: T) => string;
}) {
  return (
    <section aria-labelledby={`case-notes-${id}`}>
      <h2 id={`case-notes-${id}`}>
        {title} ({entries.length})
      </h2>
      {entries.length === 0 ? <p>None recorded.</p> : null}
      {entries.map((entry) => (
        <div key={entry.id} className="case-notes__entry">
          <h3>{heading(entry)}</h3>
          {body?.(entry)}
          {notes ? <Prewrap text={notes(entry)} /> : null}
        </div>
      ))}
    </section>
  );
}

function Notes({ loaded }: { loaded: LoadedRecord }) {
  const user = useCurrentUser();
  const bridge = useBridge();
  const { record } = loaded;
  const child = readSorState(loaded.doc).child;
  const name = displayName(record);
  const who = (id: string) => displayNameOf(user, id);
  const contacts = [...record.contacts].sort((a, b) => (a.at < b.at ? -1 : 1));
  return (
    <article className="case-notes">
      <p className="no-print">
        <Link href={`/person/${encodeURIComponent(record.profile.id)}`}>Back to {name}</Link>
      </p>
      <h1>Case notes: {name}</h1>
      <dl className="facts">
        <dt>Date of birth</dt>
        <dd>{ukDate(record.profile.dateOfBirth)}</dd>
        <dt>Council child reference (CHILD)</dt>
        <dd>{child ?? 'Not from the system of record'}</dd>
        <dt>Category</dt>
        <dd>{CATEGORY_LABELS[record.profile.category]}</dd>
        <dt>Personal adviser</dt>
        <dd>{record.profile.allocatedPaId === null ? 'Not allocated' : who(record.profile.allocatedPaId)}</dd>
        <dt>Printed</dt>
        <dd>{ukDate(loaded.today)}</dd>
      </dl>
      <p className="no-print">
        <button
          type="button"
          className="button"
          onClick={() => void savePageAsPdf(bridge, `case-notes-${record.profile.id}.pdf`)}
        >
          Print or save as PDF
        </button>
      </p>
      <EntryList
        id="contacts"
        title="Contacts"
        entries={contacts}
        heading={(c) =>
          `${ukDateTime(c.at)}: ${CONTACT_METHOD_LABELS[c.method]}, ${CONTACT_OUTCOME_LABELS[c.outcome].toLowerCase()}`
        }
        body={(c) => (
          <p>
            By {who(c.by)}. {c.seen ? (c.seenAlone ? 'Seen, and seen alone.' : 'Seen.') : 'Not seen.'}
          </p>
        )}
        notes={(c) => c.notes}
      />
      <EntryList
        id="reviews"
        title="Pathway plan reviews"
        entries={record.reviews}
        heading={(r) => `${ukDate(r.date)}: ${REVIEW_TRIGGER_LABELS[r.trigger]}`}
        notes={(r) => r.notes}
      />
      <EntryList
        id="actions"
        title="Plan actions"
        entries={record.actions}
        heading={(a) => a.description}
        body={(a) => (
          <p>
            {SCHEDULE_1_LABELS[a.matter]}. {a.owner.trim()}, by {ukDate(a.dueDate)}:{' '}
            {ACTION_STATUS_LABELS[a.status].toLowerCase()}
            {a.completedOn ? ` on ${ukDate(a.completedOn)}` : ''}.
          </p>
        )}
        notes={(a) => a.evidence}
      />
      <EntryList
        id="oversight"
        title="Management oversight"
        entries={record.oversight}
        heading={(n) => `${ukDate(n.on)}, ${who(n.by)}`}
        body={(n) => (
          <>
            <p className="prewrap">{n.note}</p>
            {n.actionRequired.trim() !== '' ? (
              <p>
                Action required{n.dueBy ? ` by ${ukDate(n.dueBy)}` : ''}: {n.actionRequired}
              </p>
            ) : null}
          </>
        )}
      />
    </article>
  );
}

/**
 * A young person's case notes (contacts, reviews, plan actions, oversight notes) laid out to print or save
 * as a PDF for upload into the council's system of record (team view: `/person/:id/case-notes`).
 */
export function CaseNotesPage({ id }: { id: string }) {
  const state = useRecord(id);
  usePageTitle(state.state === 'ready' ? `Case notes: ${displayName(state.value.record)}` : 'Case notes');
  if (state.state === 'empty')
    return <p>This young person’s record has not reached this laptop yet. Sync, then try again.</p>;
  if (state.state === 'unreadable') return <p className="error-summary">{state.message}</p>;
  if (state.state !== 'ready') return <p>Opening the record…</p>;
  return <Notes loaded={state.value} />;
}
