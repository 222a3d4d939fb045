import { Fragment, useId, useState, type FormEvent } from 'react';
import { isEetCode, type ActivCode } from '../../../shared/domain/codes.ts';
import { addDaysIso } from '../../../shared/domain/dates.ts';
import type { EetPeriod } from '../../../shared/domain/model.ts';
import { addEntry, removeEntry, updateEntry } from '../../../shared/ydoc/write-record.ts';
import { fieldError, type FormError } from '../../ui/form-errors.ts';
import { DateField, ErrorSummary, SelectField, TextArea, useForm } from '../../ui/forms.tsx';
import { inputDate, parseUkDate, ukDate } from '../../ui/format.ts';
import { useAnnounce, useConfirmation } from './announce.tsx';
import { EntryButtons, PanelHeading, EntryPanelsBelow, useEntryPanels } from './entry-panels.tsx';
import { ACTIVITY_GROUPS, activityLabel, EET_STATE_LABELS } from './labels.ts';
import { changedOnly, isEmptyPatch } from './patch.ts';
import { formErrorsFrom } from '../../ui/form-errors.ts';
import { useEditBasis } from './edit-basis.ts';
import type { LoadedRecord } from './use-record.ts';

const LABELS = { activ: 'Main activity', startDate: 'From', detail: 'Details' } as const;

/** Records what the young person does now; the period before ends the day before. */
function EetForm({ loaded }: { loaded: LoadedRecord }) {
  const initial = { activ: '', startDate: inputDate(loaded.today), detail: '' };
  const form = useForm(initial);
  const [saved, setSaved] = useConfirmation();
  const titleId = useId();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(null);
    const problems: FormError[] = [];
    const startDate = parseUkDate(form.values.startDate);
    if (form.values.activ === '') problems.push({ field: 'activ', message: 'Choose the main activity' });
    if (startDate === null)
      problems.push(fieldError('startDate', LABELS, 'must be a real date, such as 27/3/2027'));
    if (problems.length > 0 || startDate === null) return form.fail(problems);
    const activ = form.values.activ as ActivCode;
    try {
      await loaded.save((doc, ctx) => {
        addEntry(
          doc,
          'eet',
          { id: crypto.randomUUID(), activ, startDate, endDate: null, detail: form.values.detail },
          ctx,
        );
        const dayBefore = addDaysIso(startDate, -1);
        for (const open of loaded.record.eet)
          if (open.endDate === null && open.startDate <= dayBefore)
            updateEntry(doc, 'eet', open.id, { endDate: dayBefore }, ctx);
      });
      form.reset(initial);
      setSaved(`Recorded: ${activityLabel(activ)} from ${ukDate(startDate)}.`);
    } catch (error) {
      form.fail(formErrorsFrom(error, LABELS));
    }
  }

  return (
    <form
      className="form panel"
      aria-labelledby={titleId}
      noValidate
      onSubmit={(event) => void submit(event)}
    >
      <h3 id={titleId}>Record education, employment or training</h3>
      <ErrorSummary form={form} />
      <SelectField
        form={form}
        name="activ"
        label={LABELS.activ}
        hint="With the SSDA903 activity code. For someone not in education, employment or training, choose the reason."
        placeholder="Choose the activity"
        groups={ACTIVITY_GROUPS}
      />
      <DateField form={form} name="startDate" label={LABELS.startDate} />
      <TextArea
        form={form}
        name="detail"
        label={LABELS.detail}
        hint="Optional. For example, the course or employer."
        rows={2}
      />
      <button type="submit" className="button">
        Save activity
      </button>
      <p role="status" className="saved">
        {saved}
      </p>
    </form>
  );
}

const EDIT_LABELS = { ...LABELS, endDate: 'To' } as const;

/** Corrects an EET period: the activity, its dates and details. Only changed fields are written. */
function EetEditForm({
  loaded,
  period,
  id,
  onDone,
}: {
  loaded: LoadedRecord;
  period: EetPeriod;
  id: string;
  onDone: (announcement: string | null) => void;
}) {
  const basis = useEditBasis(loaded.doc);
  const form = useForm({
    activ: period.activ as string,
    startDate: inputDate(period.startDate),
    endDate: inputDate(period.endDate),
    detail: period.detail,
  });
  const [busy, setBusy] = useState(false);
  const headingId = useId();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const problems: FormError[] = [];
    const startDate = parseUkDate(form.values.startDate);
    const endText = form.values.endDate.trim();
    const endDate = endText === '' ? null : parseUkDate(endText);
    if (startDate === null)
      problems.push(fieldError('startDate', EDIT_LABELS, 'must be a real date, such as 27/3/2027'));
    if (endText !== '' && endDate === null)
      problems.push(fieldError('endDate', EDIT_LABELS, 'must be a real date, such as 27/3/2027'));
    if (problems.length > 0 || startDate === null) return form.fail(problems);
    const patch = changedOnly(period, {
      activ: form.values.activ as ActivCode,
      startDate,
      endDate,
      detail: form.values.detail,
    });
    if (isEmptyPatch(patch)) return onDone('Nothing was changed.');
    setBusy(true);
    try {
      await loaded.save((doc, ctx) => updateEntry(doc, 'eet', period.id, patch, ctx), basis);
      onDone(`Activity saved: ${activityLabel(patch.activ ?? period.activ)} from ${ukDate(startDate)}.`);
    } catch (error) {
      form.fail(formErrorsFrom(error, EDIT_LABELS));
      setBusy(false);
    }
  }

  return (
    <section id={id} className="panel--inner" aria-labelledby={headingId}>
      <PanelHeading level={4} id={headingId}>
        Change: {activityLabel(period.activ)} from {ukDate(period.startDate)}
      </PanelHeading>
      <form className="form" aria-labelledby={headingId} noValidate onSubmit={(event) => void submit(event)}>
        <ErrorSummary form={form} />
        <SelectField form={form} name="activ" label={EDIT_LABELS.activ} groups={ACTIVITY_GROUPS} />
        <DateField form={form} name="startDate" label={EDIT_LABELS.startDate} />
        <DateField
          form={form}
          name="endDate"
          label={EDIT_LABELS.endDate}
          hint="Leave blank while it carries on. For example, 27/3/2027."
        />
        <TextArea form={form} name="detail" label={EDIT_LABELS.detail} rows={2} />
        <button type="submit" className="button" disabled={busy}>
          Save activity
        </button>{' '}
        <button type="button" className="button button--secondary" onClick={() => onDone(null)}>
          Cancel
        </button>
      </form>
    </section>
  );
}

export function EetSection({ loaded }: { loaded: LoadedRecord }) {
  const periods = [...loaded.record.eet].reverse();
  const panels = useEntryPanels();
  const announce = useAnnounce();
  return (
    <section aria-labelledby="eet-title">
      <h2 id="eet-title">Education, employment and training</h2>
      <p>
        Now: <strong>{EET_STATE_LABELS[loaded.status.eet.state]}</strong>
        {loaded.status.eet.code ? ` (${activityLabel(loaded.status.eet.code)})` : ''}
      </p>
      <EetForm loaded={loaded} />
      <h3 id="eet-list-title" tabIndex={-1}>
        Activities
      </h3>
      {periods.length === 0 ? (
        <p>No activity recorded yet.</p>
      ) : (
        <table className="table">
          <caption>Education, employment and training, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Activity</th>
              <th scope="col">EET or NEET</th>
              <th scope="col">Dates</th>
              <th scope="col">Details</th>
              <th scope="col">
                <span className="visually-hidden">Change or remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {periods.map((period) => {
              const what = `${activityLabel(period.activ)} from ${ukDate(period.startDate)}`;
              return (
                <Fragment key={period.id}>
                  <tr>
                    <td>{activityLabel(period.activ)}</td>
                    <td>{isEetCode(period.activ) ? 'EET' : 'NEET'}</td>
                    <td>
                      {ukDate(period.startDate)} to {period.endDate ? ukDate(period.endDate) : 'now'}
                    </td>
                    <td>{period.detail}</td>
                    <td>
                      <EntryButtons panels={panels} entryId={period.id} what={what} />
                    </td>
                  </tr>
                  <EntryPanelsBelow
                    panels={panels}
                    entryId={period.id}
                    what={what}
                    level={4}
                    tableColumns={5}
                    removeTitle="Remove this activity?"
                    removeBody={
                      <p>
                        This removes <strong>{what}</strong> from the record. The activity before it keeps its
                        end date: change that one if it carries on.
                      </p>
                    }
                    onRemove={() => loaded.save((doc, ctx) => removeEntry(doc, 'eet', period.id, ctx))}
                    listHeadingId="eet-list-title"
                    announce={announce}
                    changeForm={({ id, onDone }) => (
                      <EetEditForm loaded={loaded} period={period} id={id} onDone={onDone} />
                    )}
                  />
                </Fragment>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
