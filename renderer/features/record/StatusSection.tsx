/**
 * Status flags: the SSDA903-relevant changes in a young person's situation (died, refuses contact, no
 * longer requires services, returned home to parents). Recorded with addEntry(doc, 'flags', …), ended
 * with updateEntry (the last day it applied), removed when recorded by mistake with the soft delete.
 * The in-touch state and the active caseload follow from the shared rules (domain/contact.ts,
 * domain/eligibility.ts, domain/flags.ts).
 */
import { useId, useState, type FormEvent } from 'react';
import { addDaysIso, maxDate } from '../../../shared/domain/dates.ts';
import { isFlagActive } from '../../../shared/domain/flags.ts';
import type { StatusFlag } from '../../../shared/domain/model.ts';
import { FLAG_KINDS, type FlagKind } from '../../../shared/domain/vocabulary.ts';
import { addEntry, removeEntry, updateEntry } from '../../../shared/ydoc/write-record.ts';
import { fieldError, type FormError } from '../../ui/form-errors.ts';
import { DateField, ErrorSummary, RadioGroup, TextArea, useForm } from '../../ui/forms.tsx';
import { inputDate, parseUkDate, ukDate } from '../../ui/format.ts';
import { useAnnounce, useConfirmation } from './announce.tsx';
import { EntryButtons, PanelHeading, EntryPanelsBelow, useEntryPanels } from './entry-panels.tsx';
import { FLAG_KIND_LABELS, FLAG_KIND_MEANINGS, IN_TOUCH_STATE_LABELS } from './labels.ts';
import { changedOnly, isEmptyPatch } from './patch.ts';
import { formErrorsFrom } from '../../ui/form-errors.ts';
import { useEditBasis } from './edit-basis.ts';
import type { LoadedRecord } from './use-record.ts';

const DATE_HINT = 'must be a real date, such as 27/3/2027';
const LIST_HEADING_ID = 'status-flags-list';

const RECORD_LABELS = { kind: 'What has changed', from: 'From', notes: 'Note' } as const;

const KIND_OPTIONS = FLAG_KINDS.map((value) => ({ value, label: FLAG_KIND_LABELS[value] }));

/** "Refuses contact from 3 Mar 2026" (or "refuses contact from …" inside a sentence). */
function describeFlag(flag: StatusFlag, inSentence = false): string {
  const label = FLAG_KIND_LABELS[flag.kind];
  return `${inSentence ? label.toLowerCase() : label} from ${ukDate(flag.from)}`;
}

/** "Record a status flag": what changed, from when, and a note. */
function FlagForm({ loaded }: { loaded: LoadedRecord }) {
  const initial = { kind: '', from: inputDate(loaded.today), notes: '' };
  const form = useForm(initial);
  const [saved, setSaved] = useConfirmation();
  const [busy, setBusy] = useState(false);
  const titleId = useId();
  const kind = form.values.kind === '' ? null : (form.values.kind as FlagKind);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(null);
    const problems: FormError[] = [];
    const from = parseUkDate(form.values.from);
    if (kind === null) problems.push({ field: 'kind', message: 'Choose what has changed' });
    if (form.values.from.trim() === '')
      problems.push({ field: 'from', message: 'Enter the date it applies from' });
    else if (from === null) problems.push(fieldError('from', RECORD_LABELS, DATE_HINT));
    const already = loaded.record.flags.find(
      (flag) => flag.kind === kind && (flag.kind === 'died' || flag.to === null || flag.to >= loaded.today),
    );
    if (already)
      problems.push({
        field: 'kind',
        message: `Already recorded: ${describeFlag(already)}. End or change that one instead.`,
      });
    if (problems.length > 0 || kind === null || from === null) return form.fail(problems);
    setBusy(true);
    try {
      await loaded.save((doc, ctx) =>
        addEntry(
          doc,
          'flags',
          { id: crypto.randomUUID(), kind, from, to: null, notes: form.values.notes },
          ctx,
        ),
      );
      form.reset(initial);
      setSaved(`Recorded: ${FLAG_KIND_LABELS[kind].toLowerCase()} from ${ukDate(from)}.`);
    } catch (error) {
      form.fail(formErrorsFrom(error, RECORD_LABELS));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      className="form panel"
      aria-labelledby={titleId}
      noValidate
      onSubmit={(event) => void submit(event)}
    >
      <h3 id={titleId}>Record a status flag</h3>
      <ErrorSummary form={form} />
      <RadioGroup
        form={form}
        name="kind"
        label={RECORD_LABELS.kind}
        hint="These are reported in the SSDA903 return. Record a change of accommodation or activity in its own section."
        options={KIND_OPTIONS}
      />
      {kind !== null ? (
        <p className="notice">
          <strong>What this means: </strong>
          {FLAG_KIND_MEANINGS[kind]}
        </p>
      ) : null}
      <DateField
        form={form}
        name="from"
        label={RECORD_LABELS.from}
        hint="The first day it applied. For example, 27/3/2027."
      />
      <TextArea
        form={form}
        name="notes"
        label={RECORD_LABELS.notes}
        hint="Optional. How you know, and anything agreed."
        rows={2}
      />
      <button type="submit" className="button" disabled={busy}>
        Save status flag
      </button>
      <p role="status" className="saved">
        {saved}
      </p>
    </form>
  );
}

const END_LABELS = { to: 'Last day it applied', notes: 'Note' } as const;

/** Ends a flag (or corrects its end): `to` is the last day it applied, so it stops the day after. */
function EndFlagForm({
  loaded,
  flag,
  id,
  onDone,
}: {
  loaded: LoadedRecord;
  flag: StatusFlag;
  id: string;
  onDone: (announcement: string | null) => void;
}) {
  const yesterday = addDaysIso(loaded.today, -1);
  const basis = useEditBasis(loaded.doc);
  const form = useForm({ to: inputDate(flag.to ?? maxDate(flag.from, yesterday)), notes: flag.notes });
  const [busy, setBusy] = useState(false);
  const headingId = useId();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const text = form.values.to.trim();
    const to = text === '' ? null : parseUkDate(text);
    if (text === '' && flag.to === null)
      return form.fail([{ field: 'to', message: 'Enter the last day it applied' }]);
    if (text !== '' && to === null) return form.fail([fieldError('to', END_LABELS, DATE_HINT)]);
    const patch = changedOnly(flag, { to, notes: form.values.notes });
    if (isEmptyPatch(patch)) return onDone('Nothing was changed.');
    setBusy(true);
    try {
      await loaded.save((doc, ctx) => updateEntry(doc, 'flags', flag.id, patch, ctx), basis);
      onDone(
        to === null
          ? `${FLAG_KIND_LABELS[flag.kind]} applies again, with no end date.`
          : `${FLAG_KIND_LABELS[flag.kind]} ended: the last day it applied is ${ukDate(to)}.`,
      );
    } catch (error) {
      form.fail(formErrorsFrom(error, END_LABELS));
      setBusy(false);
    }
  }

  return (
    <section id={id} className="panel--inner" aria-labelledby={headingId}>
      <PanelHeading level={5} id={headingId}>
        {flag.to === null ? 'End' : 'Change the end of'}: {describeFlag(flag, true)}
      </PanelHeading>
      <form className="form" aria-labelledby={headingId} noValidate onSubmit={(event) => void submit(event)}>
        <ErrorSummary form={form} />
        <DateField
          form={form}
          name="to"
          label={END_LABELS.to}
          hint={`It stops applying the day after. For example, ${inputDate(yesterday)}.${flag.to === null ? '' : ' Leave blank if it still applies.'}`}
        />
        <TextArea form={form} name="notes" label={END_LABELS.notes} rows={2} />
        <button type="submit" className="button" disabled={busy}>
          {flag.to === null ? 'End status flag' : 'Save end date'}
        </button>{' '}
        <button type="button" className="button button--secondary" onClick={() => onDone(null)}>
          Cancel
        </button>
      </form>
    </section>
  );
}

function flagState(flag: StatusFlag, today: string): string {
  if (isFlagActive(flag, today)) return 'Applies now';
  return flag.from > today ? 'Not yet' : 'Ended';
}

export function StatusSection({ loaded }: { loaded: LoadedRecord }) {
  const panels = useEntryPanels();
  const announce = useAnnounce();
  const { record, status, today } = loaded;
  const flags = [...record.flags].reverse();
  return (
    <section aria-labelledby="status-title">
      <h2 id="status-title">Status flags</h2>
      <p>
        In touch: <strong>{IN_TOUCH_STATE_LABELS[status.inTouch]}</strong>.{' '}
        {status.active
          ? 'On the active caseload.'
          : 'Not on the active caseload: no due dates or exceptions are raised.'}
      </p>
      <FlagForm loaded={loaded} />
      <h3 id={LIST_HEADING_ID} tabIndex={-1}>
        Status flags recorded
      </h3>
      {flags.length === 0 ? (
        <p>No status flags recorded.</p>
      ) : (
        <ul className="periods">
          {flags.map((flag) => {
            const what = describeFlag(flag);
            const state = flagState(flag, today);
            return (
              <li key={flag.id} className="period">
                <h4>
                  {FLAG_KIND_LABELS[flag.kind]}
                  <span className={state === 'Applies now' ? 'badge badge--info' : 'tag tag--grey'}>
                    {state}
                  </span>
                </h4>
                <dl className="facts">
                  <dt>Dates</dt>
                  <dd>
                    From {ukDate(flag.from)}
                    {flag.kind === 'died'
                      ? ''
                      : flag.to === null
                        ? ', no end date'
                        : ` to ${ukDate(flag.to)}`}
                  </dd>
                  {flag.notes ? (
                    <>
                      <dt>Note</dt>
                      <dd className="prewrap">{flag.notes}</dd>
                    </>
                  ) : null}
                  <dt>What it means</dt>
                  <dd>{FLAG_KIND_MEANINGS[flag.kind]}</dd>
                </dl>
                <EntryButtons
                  panels={panels}
                  entryId={flag.id}
                  what={what}
                  change={flag.kind !== 'died'}
                  changeLabel={flag.to === null ? 'End' : 'Change end date'}
                />
                <EntryPanelsBelow
                  panels={panels}
                  entryId={flag.id}
                  what={what}
                  level={5}
                  removeTitle="Remove this status flag?"
                  removeBody={
                    <p>
                      This removes <strong>{describeFlag(flag, true)}</strong> from the record, as if it had
                      never been recorded. To say it no longer applies, end it instead.
                    </p>
                  }
                  onRemove={() => loaded.save((doc, ctx) => removeEntry(doc, 'flags', flag.id, ctx))}
                  listHeadingId={LIST_HEADING_ID}
                  announce={announce}
                  changeForm={({ id, onDone }) => (
                    <EndFlagForm loaded={loaded} flag={flag} id={id} onDone={onDone} />
                  )}
                />
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
