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
      <section aria-labelledby="case-notes-contacts">
        <h2 id="case-notes-contacts">Contacts ({contacts.length})</h2>
        {contacts.length === 0 ? <p>None recorded.</p> : null}
        {contacts.map((c) => (
          <div key={c.id} className="case-notes__entry">
            <h3>
              {ukDateTime(c.at)}: {CONTACT_METHOD_LABELS[c.method]},{' '}
              {CONTACT_OUTCOME_LABELS[c.outcome].toLowerCase()}
            </h3>
            <p>
              By {who(c.by)}. {c.seen ? (c.seenAlone ? 'Seen, and seen alone.' : 'Seen.') : 'Not seen.'}
            </p>
            {c.notes.trim() !== '' ? <p className="prewrap">{c.notes}</p> : null}
          </div>
        ))}
      </section>
      <section aria-labelledby="case-notes-reviews">
        <h2 id="case-notes-reviews">Pathway plan reviews ({record.reviews.length})</h2>
        {record.reviews.length === 0 ? <p>None recorded.</p> : null}
        {record.reviews.map((r) => (
          <div key={r.id} className="case-notes__entry">
            <h3>
              {ukDate(r.date)}: {REVIEW_TRIGGER_LABELS[r.trigger]}
            </h3>
            {r.notes.trim() !== '' ? <p className="prewrap">{r.notes}</p> : null}
          </div>
        ))}
      </section>
      <section aria-labelledby="case-notes-actions">
        <h2 id="case-notes-actions">Plan actions ({record.actions.length})</h2>
        {record.actions.length === 0 ? <p>None recorded.</p> : null}
        {record.actions.map((a) => (
          <div key={a.id} className="case-notes__entry">
            <h3>{a.description}</h3>
            <p>
              {SCHEDULE_1_LABELS[a.matter]}. {a.owner.trim()}, by {ukDate(a.dueDate)}:{' '}
              {ACTION_STATUS_LABELS[a.status].toLowerCase()}
              {a.completedOn ? ` on ${ukDate(a.completedOn)}` : ''}.
            </p>
            {a.evidence.trim() !== '' ? <p className="prewrap">{a.evidence}</p> : null}
          </div>
        ))}
      </section>
      <section aria-labelledby="case-notes-oversight">
        <h2 id="case-notes-oversight">Management oversight ({record.oversight.length})</h2>
        {record.oversight.length === 0 ? <p>None recorded.</p> : null}
        {record.oversight.map((n) => (
          <div key={n.id} className="case-notes__entry">
            <h3>
              {ukDate(n.on)}, {who(n.by)}
            </h3>
            <p className="prewrap">{n.note}</p>
            {n.actionRequired.trim() !== '' ? (
              <p>
                Action required{n.dueBy ? ` by ${ukDate(n.dueBy)}` : ''}: {n.actionRequired}
              </p>
            ) : null}
          </div>
        ))}
      </section>
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
