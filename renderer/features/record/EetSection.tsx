import { useId, useState, type FormEvent } from 'react';
import { isEetCode, type ActivCode } from '../../../shared/domain/codes.ts';
import { addDaysIso } from '../../../shared/domain/dates.ts';
import { addEntry, updateEntry } from '../../../shared/ydoc/write-record.ts';
import { fieldError, formErrorsFrom, type FormError } from '../../ui/form-errors.ts';
import { DateField, ErrorSummary, SelectField, TextArea, useForm } from '../../ui/forms.tsx';
import { inputDate, parseUkDate, ukDate } from '../../ui/format.ts';
import { ACTIVITY_GROUPS, activityLabel, EET_STATE_LABELS } from './labels.ts';
import type { LoadedRecord } from './use-record.ts';

const LABELS = { activ: 'Main activity', startDate: 'From', detail: 'Details' } as const;

/** Records what the young person does now; the period before ends the day before. */
function EetForm({ loaded }: { loaded: LoadedRecord }) {
  const initial = { activ: '', startDate: inputDate(loaded.today), detail: '' };
  const form = useForm(initial);
  const [saved, setSaved] = useState<string | null>(null);
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

export function EetSection({ loaded }: { loaded: LoadedRecord }) {
  const periods = [...loaded.record.eet].reverse();
  return (
    <section aria-labelledby="eet-title">
      <h2 id="eet-title">Education, employment and training</h2>
      <p>
        Now: <strong>{EET_STATE_LABELS[loaded.status.eet.state]}</strong>
        {loaded.status.eet.code ? ` (${activityLabel(loaded.status.eet.code)})` : ''}
      </p>
      <EetForm loaded={loaded} />
      <h3>Activities</h3>
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
            </tr>
          </thead>
          <tbody>
            {periods.map((period) => (
              <tr key={period.id}>
                <td>{activityLabel(period.activ)}</td>
                <td>{isEetCode(period.activ) ? 'EET' : 'NEET'}</td>
                <td>
                  {ukDate(period.startDate)} to {period.endDate ? ukDate(period.endDate) : 'now'}
                </td>
                <td>{period.detail}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
