import { useId, type FormEvent } from 'react';
import { addDaysIso } from '../../../shared/domain/dates.ts';
import type { RiskLevel } from '../../../shared/domain/vocabulary.ts';
import { addEntry } from '../../../shared/ydoc/write-record.ts';
import { fieldError, formErrorsFrom, type FormError } from '../../ui/form-errors.ts';
import { DateField, ErrorSummary, SelectField, TextArea, useForm } from '../../ui/forms.tsx';
import { inputDate, parseUkDate } from '../../ui/format.ts';
import { options, RISK_LEVEL_LABELS } from './labels.ts';
import type { LoadedRecord } from './use-record.ts';
import { useConfirmation } from './announce.tsx';

const LABELS = {
  assessedOn: 'Risk assessed on',
  risk: 'Risk',
  plan: 'Plan to get back in touch',
  reviewDue: 'Review the plan by',
} as const;

/** Risk assessment and re-contact plan, required for every young person not in touch (s23C(2)(b)). */
export function RecontactPlanForm({ loaded }: { loaded: LoadedRecord }) {
  const initial = {
    assessedOn: inputDate(loaded.today),
    risk: 'medium',
    plan: '',
    reviewDue: inputDate(addDaysIso(loaded.today, 28)),
  };
  const form = useForm(initial);
  const [saved, setSaved] = useConfirmation();
  const titleId = useId();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const assessedOn = parseUkDate(form.values.assessedOn);
    const reviewDue = parseUkDate(form.values.reviewDue);
    const problems: FormError[] = [];
    if (assessedOn === null)
      problems.push(fieldError('assessedOn', LABELS, 'must be a real date, such as 27/3/2027'));
    if (reviewDue === null)
      problems.push(fieldError('reviewDue', LABELS, 'must be a real date, such as 27/3/2027'));
    if (problems.length > 0 || assessedOn === null || reviewDue === null) return form.fail(problems);
    try {
      await loaded.save((doc, ctx) =>
        addEntry(
          doc,
          'recontactPlans',
          {
            id: crypto.randomUUID(),
            assessedOn,
            by: ctx.writer,
            risk: form.values.risk as RiskLevel,
            plan: form.values.plan,
            reviewDue,
          },
          ctx,
        ),
      );
      form.reset(initial);
      setSaved('Re-contact plan saved.');
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
      <h3 id={titleId}>Record a risk assessment and re-contact plan</h3>
      <ErrorSummary form={form} />
      <DateField form={form} name="assessedOn" label={LABELS.assessedOn} />
      <SelectField form={form} name="risk" label={LABELS.risk} options={options(RISK_LEVEL_LABELS)} />
      <TextArea form={form} name="plan" label={LABELS.plan} hint="Who will try what, and how often." />
      <DateField form={form} name="reviewDue" label={LABELS.reviewDue} />
      <button type="submit" className="button">
        Save re-contact plan
      </button>
      <p role="status" className="saved">
        {saved}
      </p>
    </form>
  );
}
