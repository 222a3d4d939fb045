import { z } from 'zod';
import type { Objective, PlanAction } from '../../../../shared/domain/model.ts';
import { optionalUkDate, useSchemaForm } from '../../../ui/form/index.ts';
import { inputDate } from '../../../ui/format.ts';
import { EditPanel } from '../common/EditPanel.tsx';
import { useEntryChange, type ChangeFormProps } from '../common/save-entry-change.ts';
import { ACTION_LABELS, ActionFields, actionShape, usePastDueCheck } from './action-fields.tsx';

const actionEditSchema = z
  .object({ ...actionShape, completedOn: optionalUkDate({ label: ACTION_LABELS.completedOn }) })
  .superRefine((values, ctx) => {
    if (values.status === 'done' && values.completedOn === null)
      ctx.addIssue({ code: 'custom', path: ['completedOn'], message: 'Enter the date it was done' });
  });

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
}: ChangeFormProps & { action: PlanAction; objectives: readonly Objective[] }) {
  const form = useSchemaForm(actionEditSchema, {
    description: action.description,
    owner: action.owner,
    dueDate: inputDate(action.dueDate),
    status: action.status,
    completedOn: inputDate(action.completedOn ?? loaded.today),
    objectiveId: action.objectiveId ?? '',
    evidence: action.evidence,
  });
  const saveChange = useEntryChange(loaded, form, ACTION_LABELS, onDone);
  const pastDue = usePastDueCheck(loaded.today);
  const done = form.methods.watch('status') === 'done';

  async function submit(values: z.output<typeof actionEditSchema>) {
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
      id={id}
      form={form}
      level={5}
      title={`Change action: ${action.description}`}
      submitLabel="Save action"
      onSubmit={submit}
      onCancel={() => onDone(null)}
    >
      <ActionFields
        objectives={objectives}
        done={done}
        warning={pastDue.warning}
        warningId={pastDue.warningId}
      />
    </EditPanel>
  );
}
