import { z } from 'zod';
import type { Objective } from '../../../../shared/domain/model.ts';
import { SCHEDULE_1_LABELS, type Schedule1Matter } from '../../../../shared/domain/vocabulary.ts';
import { useSchemaForm } from '../../../ui/form/index.ts';
import { ukDate } from '../../../ui/format.ts';
import { AddForm } from '../common/AddForm.tsx';
import { saveNewEntry } from '../common/save-new-entry.ts';
import type { LoadedRecord } from '../use-record.ts';
import { ACTION_LABELS, ActionFields, actionShape, usePastDueCheck } from './action-fields.tsx';

const actionFormSchema = z.object(actionShape);

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
  const form = useSchemaForm(actionFormSchema, {
    description: '',
    owner: '',
    dueDate: '',
    status: 'not-started',
    objectiveId: '',
    evidence: '',
  });
  const pastDue = usePastDueCheck(loaded.today);
  return (
    <AddForm
      form={form}
      level={4}
      labels={ACTION_LABELS}
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
      <ActionFields
        objectives={objectives}
        done={false}
        warning={pastDue.warning}
        warningId={pastDue.warningId}
      />
    </AddForm>
  );
}
