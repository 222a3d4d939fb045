/**
 * "Add an action" to one matter of the plan, and "Change action" for one already in it: one form with
 * the same fields (what, who, by when: a date, never "ongoing"; status; the day it was done; the
 * objective; the evidence). Adding saves a new entry and confirms under the form; changing writes only
 * the fields that changed (updateEntry) and closes its panel. A vague "by when" is refused by the shared
 * SMART check; a past one asks for the save to be confirmed (usePastDueCheck).
 */
import { z } from 'zod';
import type { Objective, PlanAction } from '../../../../shared/domain/model.ts';
import { SCHEDULE_1_LABELS, type Schedule1Matter } from '../../../../shared/domain/vocabulary.ts';
import { optionalUkDate, useSchemaForm } from '../../../ui/form/index.ts';
import { inputDate, ukDate } from '../../../ui/format.ts';
import { AddForm } from '../common/AddForm.tsx';
import { EditPanel } from '../common/EditPanel.tsx';
import { useEntryChange, type ChangeFormProps } from '../common/save-entry-change.ts';
import { saveNewEntry } from '../common/save-new-entry.ts';
import type { LoadedRecord } from '../use-record.ts';
import { ACTION_LABELS, ACTION_WORDS, ActionFields, actionShape, usePastDueCheck } from './action-fields.tsx';

const actionFormSchema = z
  .object({ ...actionShape, completedOn: optionalUkDate({ label: ACTION_LABELS.completedOn }) })
  .superRefine((values, ctx) => {
    if (values.status === 'done' && values.completedOn === null)
      ctx.addIssue({ code: 'custom', path: ['completedOn'], message: 'Enter the date it was done' });
  });

/** The form's values: a new action's (not started, done today if marked done), or the action's own. */
function valuesOf(action: PlanAction | null, today: string) {
  return {
    description: action?.description ?? '',
    owner: action?.owner ?? '',
    dueDate: inputDate(action?.dueDate),
    status: action?.status ?? 'not-started',
    completedOn: inputDate(action?.completedOn ?? today),
    objectiveId: action?.objectiveId ?? '',
    evidence: action?.evidence ?? '',
  };
}

const noAnnouncement = () => undefined;

export function ActionForm({
  loaded,
  matter,
  objectives,
  change,
}: {
  loaded: LoadedRecord;
  matter: Schedule1Matter;
  objectives: readonly Objective[];
  /** Changing an action in place (an inline panel); without it the form adds one to `matter`. */
  change?: Omit<ChangeFormProps, 'loaded'> & { action: PlanAction };
}) {
  const action = change?.action ?? null;
  const form = useSchemaForm(actionFormSchema, valuesOf(action, loaded.today), ACTION_WORDS);
  const saveChange = useEntryChange(loaded, form, change?.onDone ?? noAnnouncement);
  const pastDue = usePastDueCheck(loaded.today);
  const done = form.methods.watch('status') === 'done';
  const fields = (
    <ActionFields
      objectives={objectives}
      done={action !== null && done}
      warning={pastDue.warning}
      warningId={pastDue.warningId}
    />
  );

  if (change === undefined || action === null)
    return (
      <AddForm
        form={form}
        level={4}
        title={
          <>
            Add an action<span className="visually-hidden"> to {SCHEDULE_1_LABELS[matter]}</span>
          </>
        }
        button="Add action"
        onSave={async (values) => {
          if (!pastDue.mayProceed(values.dueDate, values.status)) return null;
          const completedOn = values.status === 'done' ? loaded.today : null;
          const added = await saveNewEntry(loaded, 'actions', () => ({ matter, ...values, completedOn }));
          return `Action added, due ${ukDate(added.dueDate)}.`;
        }}
      >
        {fields}
      </AddForm>
    );

  async function submit(values: z.output<typeof actionFormSchema>) {
    if (action === null) return;
    if (values.dueDate !== action.dueDate && !pastDue.mayProceed(values.dueDate, values.status)) return;
    await saveChange(
      'actions',
      action,
      { ...values, completedOn: values.status === 'done' ? values.completedOn : null },
      (patch) => `Action saved: ${patch.description ?? action.description}.`,
    );
  }

  return (
    <EditPanel
      id={change.id}
      form={form}
      level={5}
      title={`Change action: ${action.description}`}
      submitLabel="Save action"
      onSubmit={submit}
      onCancel={() => change.onDone(null)}
    >
      {fields}
    </EditPanel>
  );
}
