import { useId, type FormEvent } from 'react';
import type { Objective, PlanAction } from '../../../shared/domain/model.ts';
import {
  SCHEDULE_1_LABELS,
  type ActionStatus,
  type Schedule1Matter,
} from '../../../shared/domain/vocabulary.ts';
import { addEntry } from '../../../shared/ydoc/write-record.ts';
import { formErrorsFrom } from '../../ui/form-errors.ts';
import { DateField, ErrorSummary, SelectField, TextArea, TextField, useForm } from '../../ui/forms.tsx';
import { ukDate } from '../../ui/format.ts';
import { ACTION_STATUS_LABELS, options } from './labels.ts';
import { timescaleInput } from './timescale.ts';
import type { LoadedRecord } from './use-record.ts';
import { useConfirmation } from './announce.tsx';

const LABELS = {
  description: 'What will be done',
  owner: 'Who will do it',
  dueDate: 'By when',
  status: 'Status',
  objectiveId: 'Towards which objective',
  evidence: 'Evidence',
} as const;

const INITIAL = {
  description: '',
  owner: '',
  dueDate: '',
  status: 'not-started',
  objectiveId: '',
  evidence: '',
};

/** Adds a SMART action to one matter of the plan: what, who, by when (a date, never "ongoing"). */
export function ActionForm({
  loaded,
  matter,
  objectives,
}: {
  loaded: LoadedRecord;
  matter: Schedule1Matter;
  objectives: readonly Objective[];
}) {
  const form = useForm(INITIAL);
  const [saved, setSaved] = useConfirmation();
  const titleId = useId();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(null);
    const action: PlanAction = {
      id: crypto.randomUUID(),
      matter,
      objectiveId: form.values.objectiveId === '' ? null : form.values.objectiveId,
      description: form.values.description,
      owner: form.values.owner,
      dueDate: timescaleInput(form.values.dueDate),
      status: form.values.status as ActionStatus,
      completedOn: form.values.status === 'done' ? loaded.today : null,
      evidence: form.values.evidence,
    };
    try {
      const added = await loaded.save((doc, ctx) => addEntry(doc, 'actions', action, ctx));
      form.reset(INITIAL);
      setSaved(`Action added, due ${ukDate(added.dueDate)}.`);
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
      <h4 id={titleId}>
        Add an action<span className="visually-hidden"> to {SCHEDULE_1_LABELS[matter]}</span>
      </h4>
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
      <SelectField form={form} name="status" label={LABELS.status} options={options(ACTION_STATUS_LABELS)} />
      {objectives.length > 0 ? (
        <SelectField
          form={form}
          name="objectiveId"
          label={LABELS.objectiveId}
          placeholder="None"
          options={objectives.map((objective) => ({ value: objective.id, label: objective.description }))}
        />
      ) : null}
      <TextArea
        form={form}
        name="evidence"
        label={LABELS.evidence}
        hint="Optional. How you will know it is done."
        rows={2}
      />
      <button type="submit" className="button">
        Add action
      </button>
      <p role="status" className="saved">
        {saved}
      </p>
    </form>
  );
}
