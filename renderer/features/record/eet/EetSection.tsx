import { z } from 'zod';
import { ACTIV_CODES, isEetCode } from '../../../../shared/domain/codes.ts';
import { addDaysIso } from '../../../../shared/domain/dates.ts';
import type { EetPeriod } from '../../../../shared/domain/model.ts';
import { eetSchema } from '../../../../shared/domain/schemas.ts';
import { addEntry, removeEntry, updateEntry } from '../../../../shared/ydoc/write-record.ts';
import {
  choice,
  DateField,
  optionalText,
  optionalUkDate,
  requiredUkDate,
  SelectField,
  TextArea,
  useSchemaForm,
} from '../../../ui/form/index.ts';
import { inputDate, ukDate } from '../../../ui/format.ts';
import { AddForm } from '../common/AddForm.tsx';
import { EditPanel } from '../common/EditPanel.tsx';
import { EntryTable } from '../common/EntryTable.tsx';
import { ACTIVITY_GROUPS, activityLabel, EET_STATE_LABELS } from '../labels.ts';
import { useEntryChange, type ChangeFormProps } from '../common/save-entry-change.ts';
import type { LoadedRecord } from '../use-record.ts';

const LABELS = { activ: 'Main activity', startDate: 'From', endDate: 'To', detail: 'Details' } as const;

/** Adding an activity explains the codes; changing one says how to leave it open. */
const ADD_WORDS = {
  labels: LABELS,
  hints: {
    activ:
      'With the SSDA903 activity code. For someone not in education, employment or training, select the reason.',
    detail: 'Optional. For example, the course or employer.',
  },
};
const CHANGE_WORDS = {
  labels: LABELS,
  hints: { endDate: 'Leave blank while it carries on. For example, 27/3/2027.' },
};

const activityShape = {
  activ: choice(ACTIV_CODES, 'Select the main activity'),
  startDate: requiredUkDate('Enter the date it started', { label: LABELS.startDate }),
  detail: optionalText({ label: LABELS.detail, max: eetSchema.shape.detail }),
};
const eetFormSchema = z.object(activityShape);
const eetEditSchema = z.object({ ...activityShape, endDate: optionalUkDate({ label: LABELS.endDate }) });

/** Records what the young person does now; the period before ends the day before. */
function EetForm({ loaded }: { loaded: LoadedRecord }) {
  const form = useSchemaForm(
    eetFormSchema,
    { activ: '', startDate: inputDate(loaded.today), detail: '' },
    ADD_WORDS,
  );
  return (
    <AddForm
      form={form}
      title="Record education, employment or training"
      button="Save activity"
      onSave={async (values) => {
        await loaded.save((doc, ctx) => {
          addEntry(doc, 'eet', { id: crypto.randomUUID(), ...values, endDate: null }, ctx);
          const dayBefore = addDaysIso(values.startDate, -1);
          for (const open of loaded.record.eet)
            if (open.endDate === null && open.startDate <= dayBefore)
              updateEntry(doc, 'eet', open.id, { endDate: dayBefore }, ctx);
        });
        return `Recorded: ${activityLabel(values.activ)} from ${ukDate(values.startDate)}.`;
      }}
    >
      <SelectField name="activ" placeholder="Select the activity" groups={ACTIVITY_GROUPS} />
      <DateField name="startDate" />
      <TextArea name="detail" rows={2} />
    </AddForm>
  );
}

/** Corrects an EET period: the activity, its dates and details. Only changed fields are written. */
function EetEditForm({ loaded, period, id, onDone }: ChangeFormProps & { period: EetPeriod }) {
  const form = useSchemaForm(
    eetEditSchema,
    {
      activ: period.activ,
      startDate: inputDate(period.startDate),
      endDate: inputDate(period.endDate),
      detail: period.detail,
    },
    CHANGE_WORDS,
  );
  const saveChange = useEntryChange(loaded, form, onDone);

  async function submit(values: z.output<typeof eetEditSchema>) {
    await saveChange(
      'eet',
      period,
      values,
      () => `Activity saved: ${activityLabel(values.activ)} from ${ukDate(values.startDate)}.`,
    );
  }

  return (
    <EditPanel
      id={id}
      form={form}
      level={4}
      title={`Change: ${activityLabel(period.activ)} from ${ukDate(period.startDate)}`}
      submitLabel="Save activity"
      onSubmit={submit}
      onCancel={() => onDone(null)}
    >
      <SelectField name="activ" groups={ACTIVITY_GROUPS} />
      <DateField name="startDate" />
      <DateField name="endDate" />
      <TextArea name="detail" rows={2} />
    </EditPanel>
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
      <EntryTable
        heading="Activities"
        headingLevel={3}
        empty="No activity recorded yet."
        entries={periods}
        caption="Education, employment and training, newest first"
        headers={['Activity', 'EET or NEET', 'Dates', 'Details']}
        level={4}
        listHeadingId="eet-list-title"
        what={(period) => `${activityLabel(period.activ)} from ${ukDate(period.startDate)}`}
        cells={(period) => [
          activityLabel(period.activ),
          isEetCode(period.activ) ? 'EET' : 'NEET',
          `${ukDate(period.startDate)} to ${period.endDate ? ukDate(period.endDate) : 'now'}`,
          period.detail,
        ]}
        panelsOf={(period) => ({
          removeTitle: 'Remove this activity?',
          removeBody: (
            <p>
              This removes{' '}
              <strong>
                {activityLabel(period.activ)} from {ukDate(period.startDate)}
              </strong>{' '}
              from the record. The activity before it keeps its end date: change that one if it carries on.
            </p>
          ),
          onRemove: () => loaded.save((doc, ctx) => removeEntry(doc, 'eet', period.id, ctx)),
          changeForm: ({ id, onDone }) => (
            <EetEditForm loaded={loaded} period={period} id={id} onDone={onDone} />
          ),
        })}
      />
    </section>
  );
}
