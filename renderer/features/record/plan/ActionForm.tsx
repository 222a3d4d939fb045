import { useId, useState } from 'react';
import { z } from 'zod';
import type { Objective, PlanAction } from '../../../../shared/domain/model.ts';
import { SCHEDULE_1_LABELS, type Schedule1Matter } from '../../../../shared/domain/vocabulary.ts';
import { addEntry } from '../../../../shared/ydoc/write-record.ts';
import { focusWhenDrawn, Form, formErrorsFrom, SubmitButton, useSchemaForm } from '../../../ui/form/index.ts';
import { ukDate } from '../../../ui/format.ts';
import type { LoadedRecord } from '../use-record.ts';
import { ACTION_LABELS, ActionFields, actionShape, usePastDueCheck } from './action-fields.tsx';

const actionFormSchema = z.object(actionShape);

const INITIAL: z.input<typeof actionFormSchema> = {
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
  const form = useSchemaForm(actionFormSchema, INITIAL);
  const pastDue = usePastDueCheck(loaded.today);
  const [saved, setSaved] = useState<string | null>(null);
  const titleId = useId();
  const savedId = useId();

  async function submit(values: z.output<typeof actionFormSchema>) {
    setSaved(null);
    if (!pastDue.mayProceed(values.dueDate, values.status)) return;
    const action: PlanAction = {
      id: crypto.randomUUID(),
      matter,
      ...values,
      completedOn: values.status === 'done' ? loaded.today : null,
    };
    try {
      const added = await loaded.save((doc, ctx) => addEntry(doc, 'actions', action, ctx));
      form.methods.reset(INITIAL);
      setSaved(`Action added, due ${ukDate(added.dueDate)}.`);
      focusWhenDrawn(savedId);
    } catch (error) {
      form.fail(formErrorsFrom(error, ACTION_LABELS));
    }
  }

  return (
    <Form
      form={form}
      onSubmit={submit}
      className="form panel"
      labelledBy={titleId}
      heading={
        <h4 id={titleId}>
          Add an action<span className="visually-hidden"> to {SCHEDULE_1_LABELS[matter]}</span>
        </h4>
      }
    >
      <ActionFields
        objectives={objectives}
        done={false}
        warning={pastDue.warning}
        warningId={pastDue.warningId}
      />
      <SubmitButton>Add action</SubmitButton>
      <p role="status" className="saved" id={savedId} tabIndex={-1}>
        {saved}
      </p>
    </Form>
  );
}
