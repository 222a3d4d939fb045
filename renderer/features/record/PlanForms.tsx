/** The smaller pathway-plan forms: plan dates, a matter's needs and views, objectives and reviews. */
import { useId, useState, type FormEvent } from 'react';
import type { Objective, PlanSection as PlanSectionValues } from '../../../shared/domain/model.ts';
import {
  SCHEDULE_1_LABELS,
  type ReviewTrigger,
  type Schedule1Matter,
} from '../../../shared/domain/vocabulary.ts';
import { addEntry, setPlanDates, setPlanSection, updateEntry } from '../../../shared/ydoc/write-record.ts';
import { fieldError, formErrorsFrom, type FormError } from '../../ui/form-errors.ts';
import { DateField, ErrorSummary, SelectField, TextArea, useForm } from '../../ui/forms.tsx';
import { inputDate, parseUkDate, ukDate } from '../../ui/format.ts';
import { useAnnounce, useConfirmation } from './announce.tsx';
import { PanelHeading } from './entry-panels.tsx';
import { options, REVIEW_TRIGGER_LABELS } from './labels.ts';
import { changedOnly, isEmptyPatch } from './patch.ts';
import { timescaleInput } from './timescale.ts';
import { useEditBasis } from './edit-basis.ts';
import type { LoadedRecord } from './use-record.ts';

function Saved({ text }: { text: string | null }) {
  return (
    <p role="status" className="saved">
      {text}
    </p>
  );
}

const DATE_HINT = 'must be a real date, such as 27/3/2027';

const DATES_LABELS = {
  needsAssessmentCompletedOn: 'Needs assessment completed on',
  firstAgreedOn: 'First pathway plan agreed on',
} as const;

export function PlanDatesForm({ loaded }: { loaded: LoadedRecord }) {
  const { plan } = loaded.record;
  const basis = useEditBasis(loaded.doc);
  const form = useForm({
    needsAssessmentCompletedOn: inputDate(plan.needsAssessmentCompletedOn),
    firstAgreedOn: inputDate(plan.firstAgreedOn),
  });
  const announce = useAnnounce();
  const titleId = useId();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const problems: FormError[] = [];
    const parsed = {
      needsAssessmentCompletedOn: null as string | null,
      firstAgreedOn: null as string | null,
    };
    for (const field of ['needsAssessmentCompletedOn', 'firstAgreedOn'] as const) {
      const text = form.values[field].trim();
      if (text === '') continue;
      parsed[field] = parseUkDate(text);
      if (parsed[field] === null) problems.push(fieldError(field, DATES_LABELS, DATE_HINT));
    }
    if (problems.length > 0) return form.fail(problems);
    try {
      await loaded.save((doc, ctx) => setPlanDates(doc, parsed, ctx), basis);
      form.fail([]);
      announce('Plan dates saved.');
    } catch (error) {
      form.fail(formErrorsFrom(error, DATES_LABELS));
    }
  }

  return (
    <form
      className="form panel"
      aria-labelledby={titleId}
      noValidate
      onSubmit={(event) => void submit(event)}
    >
      <h3 id={titleId}>Assessment and plan dates</h3>
      <ErrorSummary form={form} />
      <DateField
        form={form}
        name="needsAssessmentCompletedOn"
        label={DATES_LABELS.needsAssessmentCompletedOn}
      />
      <DateField form={form} name="firstAgreedOn" label={DATES_LABELS.firstAgreedOn} />
      <button type="submit" className="button">
        Save plan dates
      </button>
    </form>
  );
}

const NOTES_LABELS = { needs: 'Needs', youngPersonViews: 'In their own words' } as const;

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
  const form = useForm({ needs: section.needs, youngPersonViews: section.youngPersonViews });
  const announce = useAnnounce();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    try {
      await loaded.save((doc, ctx) => setPlanSection(doc, matter, form.values, ctx), basis);
      form.fail([]);
      announce(`Needs and views saved: ${SCHEDULE_1_LABELS[matter]}.`);
    } catch (error) {
      form.fail(formErrorsFrom(error, NOTES_LABELS));
    }
  }

  return (
    <form
      className="form"
      aria-label={`Needs and views: ${SCHEDULE_1_LABELS[matter]}`}
      noValidate
      onSubmit={(event) => void submit(event)}
    >
      <ErrorSummary form={form} />
      <TextArea form={form} name="needs" label={NOTES_LABELS.needs} hint="What the assessment found." />
      <TextArea
        form={form}
        name="youngPersonViews"
        label={NOTES_LABELS.youngPersonViews}
        hint="The young person’s views, written as they said them."
      />
      <button type="submit" className="button button--secondary">
        Save needs and views
      </button>
    </form>
  );
}

const OBJECTIVE_LABELS = { description: 'Objective', targetDate: 'By when' } as const;

export function ObjectiveForm({ loaded, matter }: { loaded: LoadedRecord; matter: Schedule1Matter }) {
  const form = useForm({ description: '', targetDate: '' });
  const [saved, setSaved] = useConfirmation();
  const titleId = useId();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(null);
    try {
      await loaded.save((doc, ctx) =>
        addEntry(
          doc,
          'objectives',
          {
            id: crypto.randomUUID(),
            matter,
            description: form.values.description,
            targetDate: timescaleInput(form.values.targetDate),
            achievedOn: null,
          },
          ctx,
        ),
      );
      form.reset({ description: '', targetDate: '' });
      setSaved('Objective added.');
    } catch (error) {
      form.fail(formErrorsFrom(error, OBJECTIVE_LABELS));
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
        Add an objective<span className="visually-hidden"> to {SCHEDULE_1_LABELS[matter]}</span>
      </h4>
      <ErrorSummary form={form} />
      <TextArea form={form} name="description" label={OBJECTIVE_LABELS.description} rows={2} />
      <DateField
        form={form}
        name="targetDate"
        label={OBJECTIVE_LABELS.targetDate}
        hint="A date, for example 27/3/2027."
      />
      <button type="submit" className="button button--secondary">
        Add objective
      </button>
      <Saved text={saved} />
    </form>
  );
}

const OBJECTIVE_EDIT_LABELS = { ...OBJECTIVE_LABELS, achievedOn: 'Achieved on' } as const;

/** Changes an objective: what, by when, and the day it was achieved. Only changed fields are written. */
export function ObjectiveEditForm({
  loaded,
  objective,
  id,
  onDone,
}: {
  loaded: LoadedRecord;
  objective: Objective;
  id: string;
  onDone: (announcement: string | null) => void;
}) {
  const basis = useEditBasis(loaded.doc);
  const form = useForm({
    description: objective.description,
    targetDate: inputDate(objective.targetDate),
    achievedOn: inputDate(objective.achievedOn),
  });
  const [busy, setBusy] = useState(false);
  const headingId = useId();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const text = form.values.achievedOn.trim();
    const achievedOn = text === '' ? null : parseUkDate(text);
    if (text !== '' && achievedOn === null)
      return form.fail([fieldError('achievedOn', OBJECTIVE_EDIT_LABELS, DATE_HINT)]);
    const patch = changedOnly(objective, {
      description: form.values.description,
      targetDate: timescaleInput(form.values.targetDate),
      achievedOn,
    });
    if (isEmptyPatch(patch)) return onDone('Nothing was changed.');
    setBusy(true);
    try {
      await loaded.save((doc, ctx) => updateEntry(doc, 'objectives', objective.id, patch, ctx), basis);
      onDone(`Objective saved: ${patch.description ?? objective.description}.`);
    } catch (error) {
      form.fail(formErrorsFrom(error, OBJECTIVE_EDIT_LABELS));
      setBusy(false);
    }
  }

  return (
    <section id={id} className="panel--inner" aria-labelledby={headingId}>
      <PanelHeading level={5} id={headingId}>
        Change objective: {objective.description}
      </PanelHeading>
      <form className="form" aria-labelledby={headingId} noValidate onSubmit={(event) => void submit(event)}>
        <ErrorSummary form={form} />
        <TextArea form={form} name="description" label={OBJECTIVE_EDIT_LABELS.description} rows={2} />
        <DateField
          form={form}
          name="targetDate"
          label={OBJECTIVE_EDIT_LABELS.targetDate}
          hint="A date, for example 27/3/2027."
        />
        <DateField
          form={form}
          name="achievedOn"
          label={OBJECTIVE_EDIT_LABELS.achievedOn}
          hint="Leave blank until it is achieved. For example, 27/3/2027."
        />
        <button type="submit" className="button" disabled={busy}>
          Save objective
        </button>{' '}
        <button type="button" className="button button--secondary" onClick={() => onDone(null)}>
          Cancel
        </button>
      </form>
    </section>
  );
}

const REVIEW_LABELS = { date: 'Review held on', trigger: 'Why', notes: 'Notes' } as const;

export function ReviewForm({ loaded }: { loaded: LoadedRecord }) {
  const initial = { date: inputDate(loaded.today), trigger: 'scheduled', notes: '' };
  const form = useForm(initial);
  const [saved, setSaved] = useConfirmation();
  const titleId = useId();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(null);
    const date = parseUkDate(form.values.date);
    if (date === null) return form.fail([fieldError('date', REVIEW_LABELS, DATE_HINT)]);
    try {
      await loaded.save((doc, ctx) =>
        addEntry(
          doc,
          'reviews',
          {
            id: crypto.randomUUID(),
            date,
            trigger: form.values.trigger as ReviewTrigger,
            notes: form.values.notes,
          },
          ctx,
        ),
      );
      form.reset(initial);
      setSaved(`Review on ${ukDate(date)} recorded.`);
    } catch (error) {
      form.fail(formErrorsFrom(error, REVIEW_LABELS));
    }
  }

  return (
    <form
      className="form panel"
      aria-labelledby={titleId}
      noValidate
      onSubmit={(event) => void submit(event)}
    >
      <h3 id={titleId}>Record a review</h3>
      <ErrorSummary form={form} />
      <DateField form={form} name="date" label={REVIEW_LABELS.date} />
      <SelectField
        form={form}
        name="trigger"
        label={REVIEW_LABELS.trigger}
        options={options(REVIEW_TRIGGER_LABELS)}
      />
      <TextArea form={form} name="notes" label={REVIEW_LABELS.notes} rows={2} />
      <button type="submit" className="button button--secondary">
        Save review
      </button>
      <Saved text={saved} />
    </form>
  );
}

const REQUEST_LABELS = { requestedOn: 'Asked on', notes: 'What they asked for' } as const;

/** The young person asked for a review: it is then due within the team's set days (Care Leavers Regs 2010 reg 7). */
export function ReviewRequestForm({ loaded }: { loaded: LoadedRecord }) {
  const initial = { requestedOn: inputDate(loaded.today), notes: '' };
  const form = useForm(initial);
  const [saved, setSaved] = useConfirmation();
  const titleId = useId();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(null);
    const requestedOn = parseUkDate(form.values.requestedOn);
    if (requestedOn === null) return form.fail([fieldError('requestedOn', REQUEST_LABELS, DATE_HINT)]);
    try {
      await loaded.save((doc, ctx) =>
        addEntry(
          doc,
          'reviewRequests',
          { id: crypto.randomUUID(), requestedOn, notes: form.values.notes },
          ctx,
        ),
      );
      form.reset(initial);
      setSaved(`Request on ${ukDate(requestedOn)} recorded.`);
    } catch (error) {
      form.fail(formErrorsFrom(error, REQUEST_LABELS));
    }
  }

  return (
    <form
      className="form panel"
      aria-labelledby={titleId}
      noValidate
      onSubmit={(event) => void submit(event)}
    >
      <h3 id={titleId}>The young person asked for a review</h3>
      <ErrorSummary form={form} />
      <DateField form={form} name="requestedOn" label={REQUEST_LABELS.requestedOn} />
      <TextArea form={form} name="notes" label={REQUEST_LABELS.notes} rows={2} />
      <button type="submit" className="button button--secondary">
        Save request
      </button>
      <Saved text={saved} />
    </form>
  );
}
