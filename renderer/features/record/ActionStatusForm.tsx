import { useState, type FormEvent } from 'react';
import type { PlanAction } from '../../../shared/domain/model.ts';
import type { ActionStatus } from '../../../shared/domain/vocabulary.ts';
import { updateEntry } from '../../../shared/ydoc/write-record.ts';
import { fieldError, formErrorsFrom } from '../../ui/form-errors.ts';
import { DateField, ErrorSummary, SelectField, TextArea, useForm } from '../../ui/forms.tsx';
import { inputDate, parseUkDate } from '../../ui/format.ts';
import { ACTION_STATUS_LABELS, options } from './labels.ts';
import type { LoadedRecord } from './use-record.ts';

const LABELS = { status: 'Status', completedOn: 'Done on', evidence: 'Evidence' } as const;

/** Updates an action's status, the day it was done and the evidence. */
export function ActionStatusForm({
  loaded,
  action,
  onDone,
}: {
  loaded: LoadedRecord;
  action: PlanAction;
  onDone: () => void;
}) {
  const form = useForm({
    status: action.status as string,
    completedOn: inputDate(action.completedOn ?? loaded.today),
    evidence: action.evidence,
  });
  const [busy, setBusy] = useState(false);
  const done = form.values.status === 'done';

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const completedOn = done ? parseUkDate(form.values.completedOn) : null;
    if (done && completedOn === null)
      return form.fail([fieldError('completedOn', LABELS, 'must be a real date, such as 27/3/2027')]);
    setBusy(true);
    try {
      await loaded.save((doc, ctx) =>
        updateEntry(
          doc,
          'actions',
          action.id,
          { status: form.values.status as ActionStatus, completedOn, evidence: form.values.evidence },
          ctx,
        ),
      );
      onDone();
    } catch (error) {
      form.fail(formErrorsFrom(error, LABELS));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      className="form panel--inner"
      aria-label={`Update action: ${action.description}`}
      noValidate
      onSubmit={(event) => void submit(event)}
    >
      <ErrorSummary form={form} />
      <SelectField form={form} name="status" label={LABELS.status} options={options(ACTION_STATUS_LABELS)} />
      {done ? <DateField form={form} name="completedOn" label={LABELS.completedOn} /> : null}
      <TextArea form={form} name="evidence" label={LABELS.evidence} rows={2} />
      <button type="submit" className="button" disabled={busy}>
        Save action
      </button>{' '}
      <button type="button" className="button button--secondary" onClick={onDone}>
        Cancel
      </button>
    </form>
  );
}
