import { useId, type FormEvent } from 'react';
import {
  NEVER_SUITABLE_LETTERS,
  SENIOR_APPROVAL_LETTERS,
  type AccomLetter,
} from '../../../shared/domain/codes.ts';
import { addDaysIso } from '../../../shared/domain/dates.ts';
import {
  SUITABILITY_MATTER_LABELS,
  SUITABILITY_MATTERS,
  type SuitabilityMatter,
} from '../../../shared/domain/vocabulary.ts';
import type { AccommodationPeriod } from '../../../shared/domain/model.ts';
import { addAccommodation, updateAccommodation } from '../../../shared/ydoc/write-record.ts';
import { fieldError, type FormError } from '../../ui/form-errors.ts';
import {
  Checkbox,
  DateField,
  ErrorSummary,
  RadioGroup,
  SelectField,
  TextArea,
  TextField,
  useForm,
} from '../../ui/forms.tsx';
import { inputDate, parseUkDate, ukDate } from '../../ui/format.ts';
import { PanelHeading } from './entry-panels.tsx';
import { ACCOMMODATION_OPTIONS, accommodationLabel } from './labels.ts';
import { changedOnly, isEmptyPatch } from './patch.ts';
import { formErrorsFrom } from '../../ui/form-errors.ts';
import { useEditBasis } from './edit-basis.ts';
import type { LoadedRecord } from './use-record.ts';
import { useConfirmation } from './announce.tsx';

const LABELS = {
  code: 'Type of accommodation',
  startDate: 'Moved in on',
  endDate: 'Moved out on',
  suitable: 'Is it suitable?',
  suitabilityReason: 'Why',
  councilProvided: 'Provided by the council',
  riskAssessedOn: 'Risk assessed on',
  riskReviewDue: 'Review the risk assessment by',
  seniorApprovalBy: 'Approved by (senior manager)',
  seniorApprovalOn: 'Approved on',
  carer: 'Former foster carer’s name',
  formerFosterCarer: 'They were the young person’s foster carer when care ended at 18',
  suitabilityConcerns: 'Matters of concern',
} as const;

const DATE_FIELDS = ['startDate', 'endDate', 'riskAssessedOn', 'riskReviewDue', 'seniorApprovalOn'] as const;

type ConcernKey = `concern-${SuitabilityMatter}`;
const concernKey = (matter: SuitabilityMatter): ConcernKey => `concern-${matter}`;

/** One checkbox value per Schedule 2 matter (Care Leavers (England) Regulations 2010 reg 9(3)). */
function concernValues(period: AccommodationPeriod | null): Record<ConcernKey, boolean> {
  return Object.fromEntries(
    SUITABILITY_MATTERS.map((matter) => [
      concernKey(matter),
      period?.suitabilityConcerns?.includes(matter) ?? false,
    ]),
  ) as Record<ConcernKey, boolean>;
}

function valuesOf(period: AccommodationPeriod | null) {
  return {
    ...concernValues(period),
    carer: period?.carer ?? '',
    formerFosterCarer: period?.formerFosterCarer ?? false,
    code: period?.code ?? '',
    startDate: inputDate(period?.startDate),
    endDate: inputDate(period?.endDate),
    suitable: period === null ? '' : period.suitable ? 'yes' : 'no',
    suitabilityReason: period?.suitabilityReason ?? '',
    councilProvided: period?.councilProvided ?? false,
    riskAssessedOn: inputDate(period?.riskAssessedOn),
    riskReviewDue: inputDate(period?.riskReviewDue),
    seniorApprovalBy: period?.seniorApprovalBy ?? '',
    seniorApprovalOn: inputDate(period?.seniorApprovalOn),
  };
}

/**
 * Records a move (a new accommodation period, ending the current one the day before) or updates a
 * period. Unsuitable accommodation needs a risk assessment with a review date, and bed and breakfast or
 * emergency accommodation a senior manager's approval (Care Leavers (England) Regulations 2010 reg 9
 * and Sch 2; DESIGN.md §2).
 */
export function AccommodationForm({
  loaded,
  period,
  id,
  onDone,
}: {
  loaded: LoadedRecord;
  period: AccommodationPeriod | null;
  /** The element id of the form when it is an inline panel. */
  id?: string;
  /** For an update: called after a save (with what to announce) or on cancel (null). */
  onDone?: (announcement: string | null) => void;
}) {
  const basis = useEditBasis(loaded.doc);
  const form = useForm(valuesOf(period));
  const [saved, setSaved] = useConfirmation();
  const titleId = useId();
  const { values } = form;
  const code = values.code === '' ? null : (values.code as AccomLetter);
  const needsApproval = code !== null && SENIOR_APPROVAL_LETTERS.has(code);
  const unsuitable = values.suitable === 'no';

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(null);
    const problems: FormError[] = [];
    const dates: Record<(typeof DATE_FIELDS)[number], string | null> = {
      startDate: null,
      endDate: null,
      riskAssessedOn: null,
      riskReviewDue: null,
      seniorApprovalOn: null,
    };
    for (const field of DATE_FIELDS) {
      const text = values[field];
      if (text.trim() === '') continue;
      dates[field] = parseUkDate(text);
      if (dates[field] === null)
        problems.push(fieldError(field, LABELS, 'must be a real date, such as 27/3/2027'));
    }
    if (code === null) problems.push({ field: 'code', message: 'Choose the type of accommodation' });
    if (values.startDate.trim() === '')
      problems.push({ field: 'startDate', message: 'Enter the date they moved in' });
    if (values.suitable === '')
      problems.push({ field: 'suitable', message: 'Say whether the accommodation is suitable' });
    if (unsuitable && values.riskAssessedOn.trim() === '')
      problems.push({
        field: 'riskAssessedOn',
        message: 'Unsuitable accommodation needs a risk assessment: enter its date',
      });
    if (unsuitable && values.riskReviewDue.trim() === '')
      problems.push({ field: 'riskReviewDue', message: 'Enter when the risk assessment will be reviewed' });
    if (needsApproval && values.seniorApprovalBy.trim() === '')
      problems.push({
        field: 'seniorApprovalBy',
        message:
          'Bed and breakfast and emergency accommodation need a senior manager’s approval: enter who approved it',
      });
    if (needsApproval && values.seniorApprovalOn.trim() === '')
      problems.push({ field: 'seniorApprovalOn', message: 'Enter the date the senior manager approved it' });
    if (code === 'Z' && values.carer.trim() === '')
      problems.push({ field: 'carer', message: 'Enter the name of the former foster carer' });
    if (code === 'Z' && !values.formerFosterCarer)
      problems.push({
        field: 'formerFosterCarer',
        message:
          'Staying Put is only with the young person’s foster carer when care ended at 18: confirm it, or choose another type',
      });
    if (problems.length > 0 || code === null || dates.startDate === null) return form.fail(problems);
    const concerns = SUITABILITY_MATTERS.filter((matter) => values[concernKey(matter)]);
    const entry: AccommodationPeriod = {
      id: period?.id ?? crypto.randomUUID(),
      code,
      startDate: dates.startDate,
      endDate: dates.endDate,
      suitable: values.suitable === 'yes',
      suitabilityReason: values.suitabilityReason,
      councilProvided: values.councilProvided,
      riskAssessedOn: dates.riskAssessedOn,
      riskReviewDue: dates.riskReviewDue,
      seniorApprovalBy:
        needsApproval || values.seniorApprovalBy.trim() !== ''
          ? values.seniorApprovalBy.trim() || null
          : null,
      seniorApprovalOn:
        needsApproval || values.seniorApprovalBy.trim() !== '' ? dates.seniorApprovalOn : null,
      ...(concerns.length > 0 || period?.suitabilityConcerns !== undefined
        ? { suitabilityConcerns: concerns }
        : {}),
      ...(code === 'Z' || period?.carer !== undefined
        ? { carer: values.carer.trim(), formerFosterCarer: values.formerFosterCarer }
        : {}),
    };
    const startDate = dates.startDate;
    if (period !== null) {
      const patch = changedOnly(period, entry);
      if (isEmptyPatch(patch)) return onDone?.('Nothing was changed.');
      try {
        await loaded.save((doc, ctx) => updateAccommodation(doc, period.id, patch, ctx), basis);
        onDone?.(`Accommodation updated: ${accommodationLabel(code)} from ${ukDate(startDate)}.`);
      } catch (error) {
        form.fail(formErrorsFrom(error, LABELS));
      }
      return;
    }
    try {
      await loaded.save((doc, ctx) => {
        const added = addAccommodation(doc, entry, ctx);
        // A move ends the period the young person moves from, on the day before.
        const dayBefore = addDaysIso(startDate, -1);
        for (const open of loaded.record.accommodation)
          if (open.endDate === null && open.startDate <= dayBefore)
            updateAccommodation(doc, open.id, { endDate: dayBefore }, ctx);
        return added;
      });
      form.reset(valuesOf(null));
      setSaved(`Moved to ${accommodationLabel(code)} on ${ukDate(startDate)}.`);
    } catch (error) {
      form.fail(formErrorsFrom(error, LABELS));
    }
  }

  return (
    <form
      id={id}
      className={period === null ? 'form panel' : 'form panel--inner'}
      aria-labelledby={titleId}
      noValidate
      onSubmit={(event) => void submit(event)}
    >
      {period === null ? (
        <h3 id={titleId}>Record a move</h3>
      ) : (
        <PanelHeading level={5} id={titleId}>
          Change: {accommodationLabel(period.code)} from {ukDate(period.startDate)}
        </PanelHeading>
      )}
      <ErrorSummary form={form} />
      <SelectField
        form={form}
        name="code"
        label={LABELS.code}
        hint="With the SSDA903 accommodation code"
        placeholder="Choose the type"
        options={ACCOMMODATION_OPTIONS}
      />
      {code !== null && NEVER_SUITABLE_LETTERS.has(code) ? (
        <p className="notice">{accommodationLabel(code)} is never suitable accommodation.</p>
      ) : null}
      {code !== null && SENIOR_APPROVAL_LETTERS.has(code) ? (
        <p className="notice">
          {accommodationLabel(code)} needs a senior manager’s approval. For 16- and 17-year-olds, statutory
          guidance says it is not suitable: record it as unsuitable unless you can say why it is suitable.
        </p>
      ) : null}
      {code === 'Z' ? (
        <fieldset className="fieldset panel--inner">
          <legend>Staying Put (Children Act 1989 s23CZA)</legend>
          <p className="hint">
            Staying Put starts on or after the 18th birthday, with the foster carer they lived with when care
            ended, and the council supports it until they are 21.
          </p>
          <TextField form={form} name="carer" label={LABELS.carer} />
          <Checkbox form={form} name="formerFosterCarer" label={LABELS.formerFosterCarer} />
        </fieldset>
      ) : null}
      <DateField form={form} name="startDate" label={LABELS.startDate} />
      {period !== null ? (
        <DateField
          form={form}
          name="endDate"
          label={LABELS.endDate}
          hint="Leave blank while they still live there"
        />
      ) : null}
      <RadioGroup
        form={form}
        name="suitable"
        label={LABELS.suitable}
        inline
        options={[
          { value: 'yes', label: 'Suitable' },
          { value: 'no', label: 'Unsuitable' },
        ]}
      />
      <TextArea
        form={form}
        name="suitabilityReason"
        label={LABELS.suitabilityReason}
        hint="Required when it is unsuitable."
        rows={2}
      />
      <fieldset className="fieldset panel--inner">
        <legend>Matters of concern (Care Leavers (England) Regulations 2010, Schedule 2)</legend>
        <p className="hint">Tick each matter that makes the accommodation less than suitable.</p>
        {SUITABILITY_MATTERS.map((matter) => (
          <Checkbox
            key={matter}
            form={form}
            name={concernKey(matter)}
            label={SUITABILITY_MATTER_LABELS[matter]}
          />
        ))}
      </fieldset>
      <Checkbox
        form={form}
        name="councilProvided"
        label={LABELS.councilProvided}
        hint="The PA must then visit within 7 days of the move and at least every 2 months."
      />
      {unsuitable ? (
        <fieldset className="fieldset panel--inner">
          <legend>Risk assessment (required for unsuitable accommodation)</legend>
          <DateField form={form} name="riskAssessedOn" label={LABELS.riskAssessedOn} />
          <DateField form={form} name="riskReviewDue" label={LABELS.riskReviewDue} />
        </fieldset>
      ) : null}
      {needsApproval ? (
        <fieldset className="fieldset panel--inner">
          <legend>
            Senior manager’s approval (required for bed and breakfast or emergency accommodation)
          </legend>
          <TextField form={form} name="seniorApprovalBy" label={LABELS.seniorApprovalBy} />
          <DateField form={form} name="seniorApprovalOn" label={LABELS.seniorApprovalOn} />
        </fieldset>
      ) : null}
      <button type="submit" className="button">
        {period === null ? 'Save move' : 'Save changes'}
      </button>
      {period === null ? (
        <p role="status" className="saved">
          {saved}
        </p>
      ) : (
        <>
          {' '}
          <button type="button" className="button button--secondary" onClick={() => onDone?.(null)}>
            Cancel
          </button>
        </>
      )}
    </form>
  );
}
