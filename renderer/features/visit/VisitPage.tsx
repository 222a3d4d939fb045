/**
 * The guided home visit (#/young-people/:id/visit): one page that walks through the visit, keeps the
 * draft on the laptop as it is filled in (pause and resume), reads everything back to the young person
 * in plain language, then saves one contact entry and every linked change in one transaction.
 */
import { useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'wouter';
import {
  newVisitDraft,
  reconcileVisitDraft,
  visitOutcome,
  type VisitDraft,
  type VisitOutcome,
} from '../../../shared/domain/home-visit.ts';
import { DEFAULT_SETTINGS } from '../../../shared/domain/settings.ts';
import { displayName } from '../../../shared/ydoc/projection.ts';
import { writeVisit } from '../../../shared/ydoc/write-visit.ts';
import { todayIso } from '../../db/today.ts';
import { ukDateTime } from '../../ui/format.ts';
import { usePageTitle } from '../../ui/use-page-title.ts';
import { useCurrentUser } from '../record/current-user.ts';
import { recordPath } from '../record/RecordPage.tsx';
import { useRecord, type LoadedRecord } from '../record/use-record.ts';
import { discardVisitDraft, loadVisitDraft } from './draft-store.ts';
import { VisitForm } from './VisitForm.tsx';
import { VisitReadBack } from './VisitReadBack.tsx';

type Stage =
  | { readonly step: 'answer' }
  | { readonly step: 'read-back'; readonly outcome: VisitOutcome }
  | { readonly step: 'saved'; readonly outcome: VisitOutcome };

interface Start {
  readonly draft: VisitDraft;
  /** When the paused visit was last kept, or null for a new visit. */
  readonly resumedFrom: string | null;
}

/** Focuses the page's main heading when the page opens and whenever the step changes. */
function useFocusHeading(key: string) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => ref.current?.focus(), [key]);
  return ref;
}

function Visit({ loaded, start }: { loaded: LoadedRecord; start: Start }) {
  const user = useCurrentUser();
  const [draft, setDraft] = useState<VisitDraft>(start.draft);
  const [stage, setStage] = useState<Stage>({ step: 'answer' });
  const [saveError, setSaveError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const heading = useFocusHeading(stage.step);
  const name = displayName(loaded.record);
  usePageTitle(
    stage.step === 'read-back'
      ? `Read back the visit: ${name}`
      : stage.step === 'saved'
        ? `Visit saved: ${name}`
        : `Home visit: ${name}`,
  );

  function readBack(values: VisitDraft) {
    setDraft(values);
    const outcome = visitOutcome(values, loaded.record, {
      writer: user.id,
      today: todayIso(),
      settings: DEFAULT_SETTINGS,
      newId: () => crypto.randomUUID(),
    });
    setSaveError(null);
    setStage({ step: 'read-back', outcome });
  }

  async function save(outcome: VisitOutcome) {
    setSaving(true);
    setSaveError(null);
    try {
      await loaded.save((doc, ctx) => writeVisit(doc, outcome, ctx));
      await discardVisitDraft(loaded.id);
      setStage({ step: 'saved', outcome });
    } catch {
      // The checks ran before the read back; a refusal now means the record changed meanwhile. The
      // draft stays on the laptop, so nothing typed is lost.
      setSaveError(
        'The visit could not be saved: the record changed while you were reading back. Choose “Change answers”, check them and read back again.',
      );
    } finally {
      setSaving(false);
    }
  }

  if (stage.step === 'saved')
    return (
      <>
        <div className="panel panel--confirmation">
          <h1 ref={heading} tabIndex={-1}>
            Visit saved
          </h1>
          <p>
            The visit to {name} and {stage.outcome.changes.length}{' '}
            {stage.outcome.changes.length === 1 ? 'change' : 'changes'} to their record are saved on this
            laptop. They reach the sync server when you are next online.
          </p>
        </div>
        <ul className="links">
          <li>
            <Link href={recordPath(loaded.id, 'contacts')}>Go to {name}’s contact log</Link>
          </li>
          <li>
            <Link href="/">Go to my caseload</Link>
          </li>
        </ul>
      </>
    );

  if (stage.step === 'read-back')
    return (
      <VisitReadBack
        name={name}
        outcome={stage.outcome}
        headingRef={heading}
        saving={saving}
        error={saveError}
        onSave={() => void save(stage.outcome)}
        onChange={() => setStage({ step: 'answer' })}
      />
    );

  return (
    <>
      <h1 ref={heading} tabIndex={-1} id="visit-title">
        Home visit: {name}
      </h1>
      {start.resumedFrom !== null ? (
        <p className="notice">You are carrying on the visit paused on {ukDateTime(start.resumedFrom)}.</p>
      ) : null}
      <VisitForm loaded={loaded} draft={draft} resumedFrom={start.resumedFrom} onReadBack={readBack} />
    </>
  );
}

function LoadedVisit({ id }: { id: string }) {
  const state = useRecord(id);
  const [start, setStart] = useState<Start | null>(null);
  const ready = state.state === 'ready';
  useEffect(() => {
    if (!ready || start !== null) return;
    let live = true;
    void loadVisitDraft(id).then((stored) => {
      if (!live || state.state !== 'ready') return;
      const { record } = state.value;
      const today = todayIso();
      setStart(
        stored === null
          ? { draft: newVisitDraft(record, DEFAULT_SETTINGS, today), resumedFrom: null }
          : {
              draft: reconcileVisitDraft(stored.draft, record, DEFAULT_SETTINGS, today),
              resumedFrom: stored.savedAt,
            },
      );
    });
    return () => {
      live = false;
    };
  }, [ready, start, id, state]);
  if (state.state === 'empty' || state.state === 'unreadable')
    return (
      <>
        <h1>Home visit</h1>
        <p className="notice">
          This record cannot be opened on this laptop yet. <Link href="/">Go to my caseload</Link>.
        </p>
      </>
    );
  if (state.state !== 'ready' || start === null) return <p>Opening the visit…</p>;
  return <Visit loaded={state.value} start={start} />;
}

export function VisitPage() {
  const { id } = useParams<{ id: string }>();
  return <LoadedVisit key={id} id={id} />;
}
