import { useId } from 'react';
import { z } from 'zod';
import { missingMovePaperwork } from '../../../../shared/domain/accommodation.ts';
import {
  ACCOM_LETTERS,
  NEVER_SUITABLE_LETTERS,
  SENIOR_APPROVAL_LETTERS,
  type AccomLetter,
} from '../../../../shared/domain/codes.ts';
import { addDaysIso } from '../../../../shared/domain/dates.ts';
import type { AccommodationPeriod } from '../../../../shared/domain/model.ts';
import { accommodationSchema, ukPhoneSchema } from '../../../../shared/domain/schemas.ts';
import {
  SUITABILITY_MATTER_LABELS,
  SUITABILITY_MATTERS,
  type SuitabilityMatter,
} from '../../../../shared/domain/vocabulary.ts';
import { addAccommodation, updateAccommodation } from '../../../../shared/ydoc/write-record.ts';
import {
  Checkbox,
  Checkboxes,
  choice,
  DateField,
  Form,
  maxLengthOf,
  optionalText,
  optionalUkDate,
  RadioGroup,
  requiredUkDate,
  SelectField,
  TextArea,
  TextField,
  useSchemaForm,
  yesNo,
  yesNoValue,
} from '../../../ui/form/index.ts';
import { inputDate, ukDate } from '../../../ui/format.ts';
import { useEditBasis } from '../common/edit-basis.ts';
import { PanelHeading } from '../common/entry-panels.tsx';
import { SaveOrCancel, useConfirmation } from '../common/SaveOrCancel.tsx';
import { changedOnly, isEmptyPatch } from '../common/patch.ts';
import { saveOrFail } from '../common/save-or-fail.ts';
import { ACCOMMODATION_OPTIONS, accommodationLabel } from '../labels.ts';
import type { LoadedRecord } from '../use-record.ts';

const LABELS = {
  code: 'Type of accommodation',
  startDate: 'Moved in on',
  endDate: 'Moved out on',
  suitable: 'Is it suitable?',
  suitabilityReason: 'Why',
  suitabilityConcerns: 'Matters of concern',
  councilProvided: 'Provided by the council',
  address: 'Address',
  provider: 'Landlord or provider',
  contactPhone: 'Contact phone',
  riskAssessedOn: 'Risk assessed on',
  riskReviewDue: 'Review the risk assessment by',
  seniorApprovalBy: 'Approved by (senior manager)',
  seniorApprovalOn: 'Approved on',
  carer: 'Former foster carer’s name',
  formerFosterCarer: 'They were the young person’s foster carer when care ended at 18',
} as const;

const WORDS = {
  labels: LABELS,
  hints: {
    code: 'With the SSDA903 accommodation code',
    endDate: 'Leave blank while they still live there',
    suitabilityReason: 'Required when it is unsuitable.',
    suitabilityConcerns: 'Tick each matter that makes the accommodation less than suitable.',
    councilProvided: 'The PA must then visit within 7 days of the move and at least every 2 months.',
    address: 'Optional.',
    provider: 'Optional. For example, the housing association or the B&B.',
    contactPhone: 'Optional. For example, 01632 960 001.',
  },
};

const shape = accommodationSchema.shape;

/** What the accommodation form holds as typed. Only the type, the move-in date and suitability are needed. */
const accommodationFormSchema = z
  .object({
    code: choice(ACCOM_LETTERS, 'Select the type of accommodation'),
    startDate: requiredUkDate('Enter the date they moved in', { label: LABELS.startDate }),
    endDate: optionalUkDate({ label: LABELS.endDate }),
    suitable: yesNo('Select whether the accommodation is suitable'),
    suitabilityReason: optionalText({ label: LABELS.suitabilityReason, max: shape.suitabilityReason }),
    suitabilityConcerns: z.array(z.enum(SUITABILITY_MATTERS)),
    councilProvided: z.boolean(),
    address: optionalText({ label: LABELS.address, max: shape.address }),
    provider: optionalText({ label: LABELS.provider, max: shape.provider }),
    contactPhone: z
      .string()
      .trim()
      .refine((text) => text === '' || ukPhoneSchema.safeParse(text).success, {
        error: 'Enter a UK phone number, like 01632 960 001 or 07700 900 123',
      }),
    riskAssessedOn: optionalUkDate({ label: LABELS.riskAssessedOn }),
    riskReviewDue: optionalUkDate({ label: LABELS.riskReviewDue }),
    seniorApprovalBy: optionalText({ label: LABELS.seniorApprovalBy, max: 200 }),
    seniorApprovalOn: optionalUkDate({ label: LABELS.seniorApprovalOn }),
    carer: optionalText({ label: LABELS.carer, max: 200 }),
    formerFosterCarer: z.boolean(),
  })
  .superRefine((values, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if (values.suitable === false && values.suitabilityReason.trim() === '')
      issue('suitabilityReason', 'Enter why the accommodation is unsuitable');
    if (values.code === 'Z' && values.carer.trim() === '')
      issue('carer', 'Enter the name of the former foster carer');
    if (values.code === 'Z' && !values.formerFosterCarer)
      issue(
        'formerFosterCarer',
        'Staying Put is only with the young person’s foster carer when care ended at 18: confirm it, or select another type',
      );
  });

type FormValues = z.input<typeof accommodationFormSchema>;

function valuesOf(period: AccommodationPeriod | null): FormValues {
  return {
    code: period?.code ?? '',
    startDate: inputDate(period?.startDate),
    endDate: inputDate(period?.endDate),
    suitable: yesNoValue(period?.suitable),
    suitabilityReason: period?.suitabilityReason ?? '',
    suitabilityConcerns: [...(period?.suitabilityConcerns ?? [])],
    councilProvided: period?.councilProvided ?? false,
    address: period?.address ?? '',
    provider: period?.provider ?? '',
    contactPhone: period?.contactPhone ?? '',
    riskAssessedOn: inputDate(period?.riskAssessedOn),
    riskReviewDue: inputDate(period?.riskReviewDue),
    seniorApprovalBy: period?.seniorApprovalBy ?? '',
    seniorApprovalOn: inputDate(period?.seniorApprovalOn),
    carer: period?.carer ?? '',
    formerFosterCarer: period?.formerFosterCarer ?? false,
  };
}

/** Optional text: kept when given (or when the period already had it, so clearing it is written). */
function optional(text: string, before: string | undefined): { value?: string } {
  const value = text.trim();
  return value !== '' || before !== undefined ? { value } : {};
}

/** The period the form describes, ready for the writer. */
function periodOf(
  values: z.output<typeof accommodationFormSchema>,
  period: AccommodationPeriod | null,
): AccommodationPeriod {
  const code = values.code;
  const approvalBy = values.seniorApprovalBy.trim();
  const concerns: SuitabilityMatter[] = SUITABILITY_MATTERS.filter((matter) =>
    values.suitabilityConcerns.includes(matter),
  );
  const text = (field: 'address' | 'provider' | 'contactPhone') => {
    const { value } = optional(values[field], period?.[field]);
    return value === undefined ? {} : { [field]: value };
  };
  return {
    id: period?.id ?? crypto.randomUUID(),
    code,
    startDate: values.startDate,
    endDate: values.endDate,
    suitable: values.suitable,
    suitabilityReason: values.suitabilityReason,
    councilProvided: values.councilProvided,
    riskAssessedOn: values.riskAssessedOn,
    riskReviewDue: values.riskReviewDue,
    seniorApprovalBy: approvalBy === '' ? null : approvalBy,
    seniorApprovalOn: values.seniorApprovalOn,
    ...(concerns.length > 0 || period?.suitabilityConcerns !== undefined
      ? { suitabilityConcerns: concerns }
      : {}),
    ...(code === 'Z' || period?.carer !== undefined
      ? { carer: values.carer.trim(), formerFosterCarer: values.formerFosterCarer }
      : {}),
    ...text('address'),
    ...text('provider'),
    ...text('contactPhone'),
  };
}

const SUITABLE_OPTIONS = [
  { value: 'yes', label: 'Suitable' },
  { value: 'no', label: 'Unsuitable' },
] as const;

const CONCERN_OPTIONS = SUITABILITY_MATTERS.map((matter) => ({
  value: matter,
  label: SUITABILITY_MATTER_LABELS[matter],
}));

/**
 * Records a move (a new accommodation period, ending the current one the day before) or updates a
 * period. A move saves at once, even an emergency or out-of-hours one: unsuitable accommodation needs a
 * risk assessment with a review date, and bed and breakfast or emergency accommodation a senior
 * manager's approval (Care Leavers (England) Regulations 2010 reg 9 and Sch 2; DESIGN.md §2), but what
 * is missing is shown as needing attention until it is recorded, rather than stopping the move.
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
  const form = useSchemaForm(accommodationFormSchema, valuesOf(period), WORDS);
  const confirmation = useConfirmation();
  const titleId = useId();
  const typedCode = form.methods.watch('code');
  const code = (ACCOM_LETTERS as readonly string[]).includes(typedCode) ? (typedCode as AccomLetter) : null;
  const needsApproval = code !== null && SENIOR_APPROVAL_LETTERS.has(code);
  const unsuitable = form.methods.watch('suitable') === 'no';

  async function submit(values: z.output<typeof accommodationFormSchema>) {
    confirmation.clear();
    const entry = periodOf(values, period);
    const still = missingMovePaperwork(entry);
    const chase = still.length > 0 ? ' It needs attention until the missing details are recorded.' : '';
    await saveOrFail(form, async () => {
      if (period !== null) {
        const patch = changedOnly(period, entry);
        if (isEmptyPatch(patch)) return onDone?.('Nothing was changed.');
        await loaded.save((doc, ctx) => updateAccommodation(doc, period.id, patch, ctx), basis);
        onDone?.(
          `Accommodation updated: ${accommodationLabel(entry.code)} from ${ukDate(entry.startDate)}.${chase}`,
        );
        return;
      }
      await loaded.save((doc, ctx) => {
        const added = addAccommodation(doc, entry, ctx);
        // A move ends the period the young person moves from, on the day before.
        const dayBefore = addDaysIso(entry.startDate, -1);
        for (const open of loaded.record.accommodation)
          if (open.endDate === null && open.startDate <= dayBefore)
            updateAccommodation(doc, open.id, { endDate: dayBefore }, ctx);
        return added;
      });
      form.methods.reset(valuesOf(null));
      confirmation.confirm(
        `Moved to ${accommodationLabel(entry.code)} on ${ukDate(entry.startDate)}.${chase}`,
      );
    });
  }

  return (
    <Form
      form={form}
      onSubmit={submit}
      id={id}
      className={period === null ? 'form panel' : 'form panel--inner'}
      labelledBy={titleId}
      heading={
        period === null ? (
          <h3 id={titleId}>Record a move</h3>
        ) : (
          <PanelHeading level={5} id={titleId}>
            Change: {accommodationLabel(period.code)} from {ukDate(period.startDate)}
          </PanelHeading>
        )
      }
    >
      {period === null ? (
        <p className="hint">
          Record a move as soon as it happens, even out of hours: the risk assessment and any approval can be
          added afterwards. Until then the record shows them as needing attention.
        </p>
      ) : null}
      <SelectField name="code" placeholder="Select the type" options={ACCOMMODATION_OPTIONS} />
      {code !== null && NEVER_SUITABLE_LETTERS.has(code) ? (
        <p className="notice">{accommodationLabel(code)} is never suitable accommodation.</p>
      ) : null}
      {needsApproval ? (
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
          <TextField name="carer" />
          <Checkbox name="formerFosterCarer" />
        </fieldset>
      ) : null}
      <DateField name="startDate" />
      {period !== null ? <DateField name="endDate" /> : null}
      <RadioGroup name="suitable" inline options={SUITABLE_OPTIONS} />
      <TextArea name="suitabilityReason" rows={2} maxLength={maxLengthOf(shape.suitabilityReason)} />
      <Checkboxes
        name="suitabilityConcerns"
        label="Matters of concern (Care Leavers (England) Regulations 2010, Schedule 2)"
        options={CONCERN_OPTIONS}
      />
      <Checkbox name="councilProvided" />
      <fieldset className="fieldset panel--inner">
        <legend>Where it is and who provides it</legend>
        <TextArea name="address" rows={2} />
        <TextField name="provider" />
        <TextField name="contactPhone" type="tel" inputMode="tel" width="medium" />
      </fieldset>
      {unsuitable ? (
        <fieldset className="fieldset panel--inner">
          <legend>Risk assessment (needed for unsuitable accommodation)</legend>
          <p className="hint">If it has not been done yet, leave these blank and save the move.</p>
          <DateField name="riskAssessedOn" />
          <DateField name="riskReviewDue" />
        </fieldset>
      ) : null}
      {needsApproval ? (
        <fieldset className="fieldset panel--inner">
          <legend>Senior manager’s approval (needed for bed and breakfast or emergency accommodation)</legend>
          <p className="hint">If it has not been given yet, leave these blank and save the move.</p>
          <TextField name="seniorApprovalBy" />
          <DateField name="seniorApprovalOn" />
        </fieldset>
      ) : null}
      <SaveOrCancel
        label={period === null ? 'Save move' : 'Save changes'}
        onCancel={period === null ? null : () => onDone?.(null)}
        confirmation={confirmation}
      />
    </Form>
  );
}
