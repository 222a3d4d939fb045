import { useId, useState, type FormEvent } from 'react';
import type { Objective, PlanAction } from '../../../../shared/domain/model.ts';
import type { ActionStatus } from '../../../../shared/domain/vocabulary.ts';
import { updateEntry } from '../../../../shared/ydoc/write-record.ts';
import { fieldError } from '../../../ui/form-errors.ts';
import { DateField, ErrorSummary, SelectField, TextArea, TextField, useForm } from '../../../ui/forms.tsx';
import { inputDate, parseUkDate } from '../../../ui/format.ts';
import { PanelHeading } from '../common/entry-panels.tsx';
import { ACTION_STATUS_LABELS, options } from '../labels.ts';
import { changedOnly, isEmptyPatch } from '../common/patch.ts';
import { formErrorsFrom } from '../../../ui/form-errors.ts';
import { timescaleInput } from './timescale.ts';
import { useEditBasis } from '../common/edit-basis.ts';
import type { LoadedRecord } from '../use-record.ts';

const LABELS = {
  description: 'What will be done',
  owner: 'Who will do it',
  dueDate: 'By when',
  status: 'Status',
  completedOn: 'Done on',
  objectiveId: 'Towards which objective',
  evidence: 'Evidence',
} as const;

/**
 * Changes an action: what, who, by when, its status (and the day it was done) and the evidence. Only the
 * fields that changed are written (updateEntry); a vague "by when" is refused by the shared SMART check.
 */
export function ActionEditForm({
  loaded,
  action,
  objectives,
  id,
  onDone,
}: {
  loaded: LoadedRecord;
  action: PlanAction;
  objectives: readonly Objective[];
  id: string;
  onDone: (announcement: string | null) => void;
}) {
  const basis = useEditBasis(loaded.doc);
  const form = useForm({
    description: action.description,
    owner: action.owner,
    dueDate: inputDate(action.dueDate),
    status: action.status as string,
    completedOn: inputDate(action.completedOn ?? loaded.today),
    objectiveId: action.objectiveId ?? '',
    evidence: action.evidence,
  });
  const [busy, setBusy] = useState(false);
  const headingId = useId();
  const done = form.values.status === 'done';

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const completedOn = done ? parseUkDate(form.values.completedOn) : null;
    if (done && completedOn === null)
      return form.fail([fieldError('completedOn', LABELS, 'must be a real date, such as 27/3/2027')]);
    const patch = changedOnly(action, {
      description: form.values.description,
      owner: form.values.owner,
      dueDate: timescaleInput(form.values.dueDate),
      status: form.values.status as ActionStatus,
      completedOn,
      objectiveId: form.values.objectiveId === '' ? null : form.values.objectiveId,
      evidence: form.values.evidence,
    });
    if (isEmptyPatch(patch)) return onDone('Nothing was changed.');
    setBusy(true);
    try {
      await loaded.save((doc, ctx) => updateEntry(doc, 'actions', action.id, patch, ctx), basis);
      onDone(`Action saved: ${patch.description ?? action.description}.`);
    } catch (error) {
      form.fail(formErrorsFrom(error, LABELS));
      setBusy(false);
    }
  }

  return (
    <section id={id} className="panel--inner" aria-labelledby={headingId}>
      <PanelHeading level={5} id={headingId}>
        Change action: {action.description}
      </PanelHeading>
      <form className="form" aria-labelledby={headingId} noValidate onSubmit={(event) => void submit(event)}>
        <ErrorSummary form={form} />
        <TextArea form={form} name="description" label={LABELS.description} rows={2} />
        <TextField
          form={form}
          name="owner"
          label={LABELS.owner}
          hint="A named person or role, for example ‘PA’ or ‘the young person’."
        />
        <DateField
          form={form}
          name="dueDate"
          label={LABELS.dueDate}
          hint="A date, for example 27/3/2027. ‘Ongoing’ is not a timescale."
        />
        <SelectField
          form={form}
          name="status"
          label={LABELS.status}
          options={options(ACTION_STATUS_LABELS)}
        />
        {done ? <DateField form={form} name="completedOn" label={LABELS.completedOn} /> : null}
        {objectives.length > 0 ? (
          <SelectField
            form={form}
            name="objectiveId"
            label={LABELS.objectiveId}
            placeholder="None"
            options={objectives.map((objective) => ({ value: objective.id, label: objective.description }))}
          />
        ) : null}
        <TextArea form={form} name="evidence" label={LABELS.evidence} rows={2} />
        <button type="submit" className="button" disabled={busy}>
          Save action
        </button>{' '}
        <button type="button" className="button button--secondary" onClick={() => onDone(null)}>
          Cancel
        </button>
      </form>
    </section>
  );
}
