import { z } from 'zod';
import { addDaysIso } from '../../../../shared/domain/dates.ts';
import { recontactPlanSchema } from '../../../../shared/domain/schemas.ts';
import { RISK_LEVELS } from '../../../../shared/domain/vocabulary.ts';
import {
  choice,
  DateField,
  maxLengthOf,
  requiredText,
  requiredUkDate,
  SelectField,
  TextArea,
  useSchemaForm,
} from '../../../ui/form/index.ts';
import { inputDate } from '../../../ui/format.ts';
import { AddForm } from '../common/AddForm.tsx';
import { options, RISK_LEVEL_LABELS } from '../labels.ts';
import { saveNewEntry } from '../common/save-new-entry.ts';
import type { LoadedRecord } from '../use-record.ts';

const LABELS = {
  assessedOn: 'Risk assessed on',
  risk: 'Risk',
  plan: 'Plan to get back in touch',
  reviewDue: 'Review the plan by',
} as const;

const WORDS = { labels: LABELS, hints: { plan: 'Who will try what, and how often.' } };

const recontactFormSchema = z.object({
  assessedOn: requiredUkDate('Enter the date of the risk assessment', { label: LABELS.assessedOn }),
  risk: choice(RISK_LEVELS, 'Select the risk'),
  plan: requiredText('Enter the plan to get back in touch', {
    label: LABELS.plan,
    max: recontactPlanSchema.shape.plan,
  }),
  reviewDue: requiredUkDate('Enter the date to review the plan by', { label: LABELS.reviewDue }),
});

/** Risk assessment and re-contact plan, required for every young person not in touch (s23C(2)(b)). */
export function RecontactPlanForm({ loaded }: { loaded: LoadedRecord }) {
  const form = useSchemaForm(
    recontactFormSchema,
    {
      assessedOn: inputDate(loaded.today),
      risk: 'medium',
      plan: '',
      reviewDue: inputDate(addDaysIso(loaded.today, 28)),
    },
    WORDS,
  );
  return (
    <AddForm
      form={form}
      title="Record a risk assessment and re-contact plan"
      button="Save re-contact plan"
      onSave={async (values) => {
        await saveNewEntry(loaded, 'recontactPlans', (ctx) => ({ by: ctx.writer, ...values }));
        return 'Re-contact plan saved.';
      }}
    >
      <DateField name="assessedOn" />
      <SelectField name="risk" options={options(RISK_LEVEL_LABELS)} />
      <TextArea name="plan" maxLength={maxLengthOf(recontactPlanSchema.shape.plan)} />
      <DateField name="reviewDue" />
    </AddForm>
  );
}
