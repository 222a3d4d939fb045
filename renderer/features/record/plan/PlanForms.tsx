/** The smaller pathway-plan forms: plan dates, a matter's needs and views, objectives and reviews. */
import { useId } from 'react';
import { z } from 'zod';
import type { Objective, PlanSection as PlanSectionValues } from '../../../../shared/domain/model.ts';
import {
  objectiveSchema,
  planSectionSchema,
  reviewRequestSchema,
  reviewSchema,
} from '../../../../shared/domain/schemas.ts';
import {
  REVIEW_TRIGGERS,
  SCHEDULE_1_LABELS,
  type Schedule1Matter,
} from '../../../../shared/domain/vocabulary.ts';
import { setPlanDates, setPlanSection } from '../../../../shared/ydoc/write-record.ts';
import {
  choice,
  DateField,
  Form,
  maxLengthOf,
  optionalText,
  optionalUkDate,
  requiredText,
  requiredUkDate,
  SelectField,
  SubmitButton,
  TextArea,
  useSchemaForm,
} from '../../../ui/form/index.ts';
import { inputDate, ukDate } from '../../../ui/format.ts';
import { useAnnounce } from '../announce.tsx';
import { useEditBasis } from '../common/edit-basis.ts';
import { EditPanel } from '../common/EditPanel.tsx';
import { useEntryChange, type ChangeFormProps } from '../common/save-entry-change.ts';
import { options, REVIEW_TRIGGER_LABELS } from '../labels.ts';
import { saveNewEntry } from '../common/save-new-entry.ts';
import { saveOrFail } from '../common/save-or-fail.ts';
import type { LoadedRecord } from '../use-record.ts';
import { timescaleInput } from './timescale.ts';
import { AddForm } from '../common/AddForm.tsx';

const DATES_LABELS = {
  needsAssessmentCompletedOn: 'Needs assessment completed on',
  firstAgreedOn: 'First pathway plan agreed on',
} as const;
const DATES_WORDS = { labels: DATES_LABELS };

const planDatesSchema = z.object({
  needsAssessmentCompletedOn: optionalUkDate({ label: DATES_LABELS.needsAssessmentCompletedOn }),
  firstAgreedOn: optionalUkDate({ label: DATES_LABELS.firstAgreedOn }),
});

export function PlanDatesForm({ loaded }: { loaded: LoadedRecord }) {
  const { plan } = loaded.record;
  const basis = useEditBasis(loaded.doc);
  const form = useSchemaForm(
    planDatesSchema,
    {
      needsAssessmentCompletedOn: inputDate(plan.needsAssessmentCompletedOn),
      firstAgreedOn: inputDate(plan.firstAgreedOn),
    },
    DATES_WORDS,
  );
  const announce = useAnnounce();
  const titleId = useId();

  async function submit(values: z.output<typeof planDatesSchema>) {
    await saveOrFail(form, async () => {
      await loaded.save((doc, ctx) => setPlanDates(doc, values, ctx), basis);
      announce('Plan dates saved.');
    });
  }

  return (
    <Form
      form={form}
      onSubmit={submit}
      className="form panel"
      labelledBy={titleId}
      heading={<h3 id={titleId}>Assessment and plan dates</h3>}
    >
      <DateField name="needsAssessmentCompletedOn" />
      <DateField name="firstAgreedOn" />
      <SubmitButton>Save plan dates</SubmitButton>
    </Form>
  );
}

const NOTES_LABELS = { needs: 'Needs', youngPersonViews: 'In their own words' } as const;
const NOTES_WORDS = {
  labels: NOTES_LABELS,
  hints: {
    needs: 'What the assessment found.',
    youngPersonViews: 'The young person’s views, written as they said them.',
  },
};

const matterNotesSchema = z.object({
  needs: optionalText({ label: NOTES_LABELS.needs, max: planSectionSchema.shape.needs }),
  youngPersonViews: optionalText({
    label: NOTES_LABELS.youngPersonViews,
    max: planSectionSchema.shape.youngPersonViews,
  }),
});
const NOTES_MAX = maxLengthOf(planSectionSchema.shape.needs);

export function MatterNotesForm({
  loaded,
  matter,
  section,
}: {
  loaded: LoadedRecord;
  matter: Schedule1Matter;
  section: PlanSectionValues;
}) {
  const basis = useEditBasis(loaded.doc);
  const form = useSchemaForm(
    matterNotesSchema,
    { needs: section.needs, youngPersonViews: section.youngPersonViews },
    NOTES_WORDS,
  );
  const announce = useAnnounce();
  const titleId = useId();

  async function submit(values: z.output<typeof matterNotesSchema>) {
    await saveOrFail(form, async () => {
      await loaded.save((doc, ctx) => setPlanSection(doc, matter, values, ctx), basis);
      announce(`Needs and views saved: ${SCHEDULE_1_LABELS[matter]}.`);
    });
  }

  return (
    <Form
      form={form}
      onSubmit={submit}
      labelledBy={titleId}
      heading={
        <h4 id={titleId} className="visually-hidden">
          Needs and views: {SCHEDULE_1_LABELS[matter]}
        </h4>
      }
    >
      <TextArea name="needs" maxLength={NOTES_MAX} />
      <TextArea name="youngPersonViews" maxLength={NOTES_MAX} />
      <button type="submit" className="button button--secondary">
        Save needs and views
      </button>
    </Form>
  );
}

const OBJECTIVE_LABELS = {
  description: 'Objective',
  targetDate: 'By when',
  achievedOn: 'Achieved on',
} as const;
const OBJECTIVE_WORDS = {
  labels: OBJECTIVE_LABELS,
  hints: {
    targetDate: 'A date, for example 27/3/2027.',
    achievedOn: 'Leave blank until it is achieved. For example, 27/3/2027.',
  },
};

const objectiveShape = {
  description: requiredText('Enter the objective', {
    label: OBJECTIVE_LABELS.description,
    max: objectiveSchema.shape.description,
  }),
  targetDate: z
    .string()
    .trim()
    .min(1, { error: 'Enter the date it will be achieved by' })
    .transform(timescaleInput),
};
const objectiveFormSchema = z.object(objectiveShape);

/** An objective's fields: what and by when, then (changing one) the day it was achieved. */
function ObjectiveFields({ achieved }: { achieved: boolean }) {
  return (
    <>
      <TextArea name="description" rows={2} />
      <DateField name="targetDate" />
      {achieved ? <DateField name="achievedOn" /> : null}
    </>
  );
}

export function ObjectiveForm({ loaded, matter }: { loaded: LoadedRecord; matter: Schedule1Matter }) {
  const form = useSchemaForm(objectiveFormSchema, { description: '', targetDate: '' }, OBJECTIVE_WORDS);
  return (
    <AddForm
      form={form}
      title={
        <>
          Add an objective<span className="visually-hidden"> to {SCHEDULE_1_LABELS[matter]}</span>
        </>
      }
      button="Add objective"
      level={4}
      onSave={async (values) => {
        await saveNewEntry(loaded, 'objectives', () => ({ matter, ...values, achievedOn: null }));
        return 'Objective added.';
      }}
    >
      <ObjectiveFields achieved={false} />
    </AddForm>
  );
}

const objectiveEditSchema = z.object({
  ...objectiveShape,
  achievedOn: optionalUkDate({ label: OBJECTIVE_LABELS.achievedOn }),
});

/** Changes an objective: what, by when, and the day it was achieved. Only changed fields are written. */
export function ObjectiveEditForm({
  loaded,
  objective,
  id,
  onDone,
}: ChangeFormProps & { objective: Objective }) {
  const form = useSchemaForm(
    objectiveEditSchema,
    {
      description: objective.description,
      targetDate: inputDate(objective.targetDate),
      achievedOn: inputDate(objective.achievedOn),
    },
    OBJECTIVE_WORDS,
  );
  const saveChange = useEntryChange(loaded, form, onDone);

  async function submit(values: z.output<typeof objectiveEditSchema>) {
    await saveChange(
      'objectives',
      objective,
      values,
      (patch) => `Objective saved: ${patch.description ?? objective.description}.`,
    );
  }

  return (
    <EditPanel
      id={id}
      form={form}
      level={5}
      title={`Change objective: ${objective.description}`}
      submitLabel="Save objective"
      onSubmit={submit}
      onCancel={() => onDone(null)}
    >
      <ObjectiveFields achieved />
    </EditPanel>
  );
}

const REVIEW_LABELS = { date: 'Review held on', trigger: 'Why', notes: 'Notes' } as const;
const REVIEW_WORDS = { labels: REVIEW_LABELS };

const reviewFormSchema = z.object({
  date: requiredUkDate('Enter the date the review was held', { label: REVIEW_LABELS.date }),
  trigger: choice(REVIEW_TRIGGERS, 'Select why the review was held'),
  notes: optionalText({ label: REVIEW_LABELS.notes, max: reviewSchema.shape.notes }),
});

export function ReviewForm({ loaded }: { loaded: LoadedRecord }) {
  const form = useSchemaForm(
    reviewFormSchema,
    { date: inputDate(loaded.today), trigger: 'scheduled', notes: '' },
    REVIEW_WORDS,
  );
  return (
    <AddForm
      form={form}
      title="Record a review"
      button="Save review"
      onSave={async (values) => {
        await saveNewEntry(loaded, 'reviews', () => values);
        return `Review on ${ukDate(values.date)} recorded.`;
      }}
    >
      <DateField name="date" />
      <SelectField name="trigger" options={options(REVIEW_TRIGGER_LABELS)} />
      <TextArea name="notes" rows={2} />
    </AddForm>
  );
}

const REQUEST_LABELS = { requestedOn: 'Asked on', notes: 'What they asked for' } as const;
const REQUEST_WORDS = { labels: REQUEST_LABELS };

const requestFormSchema = z.object({
  requestedOn: requiredUkDate('Enter the date they asked for a review', {
    label: REQUEST_LABELS.requestedOn,
  }),
  notes: optionalText({ label: REQUEST_LABELS.notes, max: reviewRequestSchema.shape.notes }),
});

/** The young person asked for a review: it is then due within the team's set days (Care Leavers Regs 2010 reg 7). */
export function ReviewRequestForm({ loaded }: { loaded: LoadedRecord }) {
  const form = useSchemaForm(
    requestFormSchema,
    { requestedOn: inputDate(loaded.today), notes: '' },
    REQUEST_WORDS,
  );
  return (
    <AddForm
      form={form}
      title="The young person asked for a review"
      button="Save request"
      onSave={async (values) => {
        await saveNewEntry(loaded, 'reviewRequests', () => values);
        return `Request on ${ukDate(values.requestedOn)} recorded.`;
      }}
    >
      <DateField name="requestedOn" />
      <TextArea name="notes" rows={2} />
    </AddForm>
  );
}
