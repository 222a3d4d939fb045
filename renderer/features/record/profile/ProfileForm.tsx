import { useId, useState, type FormEvent } from 'react';
import { nthBirthday } from '../../../../shared/domain/dates.ts';
import type { Profile } from '../../../../shared/domain/model.ts';
import {
  CARE_LEAVER_CATEGORIES,
  CATEGORY_LABELS,
  type CareLeaverCategory,
} from '../../../../shared/domain/vocabulary.ts';
import { setProfile } from '../../../../shared/ydoc/write-record.ts';
import { fieldError, type FormError } from '../../../ui/form-errors.ts';
import { Checkbox, DateField, ErrorSummary, SelectField, TextField, useForm } from '../../../ui/forms.tsx';
import { inputDate, parseUkDate, ukDate } from '../../../ui/format.ts';
import { PanelHeading } from '../common/entry-panels.tsx';
import { changedOnly, isEmptyPatch } from '../common/patch.ts';
import { describeEntries, entriesBefore, profileSaveErrors } from './save-errors.ts';
import { useEditBasis } from '../common/edit-basis.ts';
import type { LoadedRecord } from '../use-record.ts';

const LABELS = {
  givenName: 'Given name',
  familyName: 'Family name',
  preferredName: 'Preferred name',
  dateOfBirth: 'Date of birth',
  category: 'Category',
  dateLeftCare: 'Date they left care',
  becameEligibleOn: 'Became eligible on',
  supportExtendedTo25: 'Support extended to 25',
  returnRequestedOn: 'Asked to come back for support on',
  paAllocatedOn: 'Personal Adviser allocated on',
} as const;

const OPTIONAL_DATES = ['dateLeftCare', 'becameEligibleOn', 'returnRequestedOn', 'paAllocatedOn'] as const;

const CATEGORY_OPTIONS = CARE_LEAVER_CATEGORIES.map((value) => ({ value, label: CATEGORY_LABELS[value] }));

function valuesOf(profile: Profile) {
  return {
    givenName: profile.givenName,
    familyName: profile.familyName,
    preferredName: profile.preferredName ?? '',
    dateOfBirth: inputDate(profile.dateOfBirth),
    category: profile.category as string,
    dateLeftCare: inputDate(profile.dateLeftCare),
    becameEligibleOn: inputDate(profile.becameEligibleOn),
    supportExtendedTo25: profile.supportExtendedTo25,
    returnRequestedOn: inputDate(profile.returnRequestedOn),
    paAllocatedOn: inputDate(profile.paAllocatedOn),
  };
}

/** The earliest dated entry in the record: the date of birth must not come after it. */
function earliestEntry(loaded: LoadedRecord): string | null {
  const dates = entriesBefore(loaded.record, '9999-12-31')
    .map((entry) => entry.date?.slice(0, 10))
    .filter((date): date is string => date !== undefined)
    .sort();
  return dates[0] ?? null;
}

/**
 * "Change details": the young person's profile after creation. Only the fields that changed are
 * written (setProfile); a date of birth that would leave entries dated before it is refused by the
 * writer and the refusal is shown at the date of birth.
 */
export function ProfileForm({
  loaded,
  id,
  onDone,
}: {
  loaded: LoadedRecord;
  /** The element id of the panel (for the button's aria-controls). */
  id: string;
  /** Called after a save (with what to announce) or on cancel (null). */
  onDone: (announcement: string | null) => void;
}) {
  const { profile } = loaded.record;
  const basis = useEditBasis(loaded.doc);
  const form = useForm(valuesOf(profile));
  const [busy, setBusy] = useState(false);
  const headingId = useId();
  const { values } = form;
  const earliest = earliestEntry(loaded);
  const typedBirth = parseUkDate(values.dateOfBirth);
  const stranded =
    typedBirth !== null && typedBirth !== profile.dateOfBirth ? entriesBefore(loaded.record, typedBirth) : [];

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const problems: FormError[] = [];
    const dateOfBirth = parseUkDate(values.dateOfBirth);
    if (values.dateOfBirth.trim() === '')
      problems.push({ field: 'dateOfBirth', message: 'Enter the date of birth' });
    else if (dateOfBirth === null)
      problems.push(fieldError('dateOfBirth', LABELS, 'must be a real date, such as 27/3/2009'));
    const dates: Record<(typeof OPTIONAL_DATES)[number], string | null> = {
      dateLeftCare: null,
      becameEligibleOn: null,
      returnRequestedOn: null,
      paAllocatedOn: null,
    };
    for (const field of OPTIONAL_DATES) {
      if (values[field].trim() === '') continue;
      dates[field] = parseUkDate(values[field]);
      if (dates[field] === null)
        problems.push(fieldError(field, LABELS, 'must be a real date, such as 27/3/2025'));
    }
    if (problems.length > 0 || dateOfBirth === null) return form.fail(problems);
    const patch = changedOnly(profile, {
      givenName: values.givenName,
      familyName: values.familyName,
      preferredName: values.preferredName.trim() === '' ? null : values.preferredName,
      dateOfBirth,
      category: values.category as CareLeaverCategory,
      ...dates,
      supportExtendedTo25: values.supportExtendedTo25,
    });
    if (isEmptyPatch(patch)) return onDone('Nothing was changed.');
    setBusy(true);
    try {
      await loaded.save((doc, ctx) => setProfile(doc, patch, ctx), basis);
      const changed = Object.keys(patch).map((field) => LABELS[field as keyof typeof LABELS].toLowerCase());
      onDone(`Details saved: ${changed.join(', ')}.`);
    } catch (error) {
      form.fail(profileSaveErrors(error, loaded.record, LABELS));
      setBusy(false);
    }
  }

  const birth = typedBirth ?? profile.dateOfBirth;
  return (
    <section id={id} className="panel" aria-labelledby={headingId}>
      <PanelHeading level={2} id={headingId}>
        Change details
      </PanelHeading>
      <form className="form" aria-labelledby={headingId} noValidate onSubmit={(event) => void submit(event)}>
        <ErrorSummary form={form} />
        <TextField form={form} name="givenName" label={LABELS.givenName} />
        <TextField form={form} name="familyName" label={LABELS.familyName} />
        <TextField
          form={form}
          name="preferredName"
          label={LABELS.preferredName}
          hint="Optional. The name they like to be called."
        />
        <DateField
          form={form}
          name="dateOfBirth"
          label={LABELS.dateOfBirth}
          hint={`For example, 27/3/2009. Nothing in the record may be dated before it${earliest ? `: the earliest entry is on ${ukDate(earliest)}` : ''}.`}
        />
        {stranded.length > 0 ? (
          <p className="notice warning">
            With this date of birth, {describeEntries(stranded)} would be dated before it, so the change
            cannot be saved. Check the date, or correct those entries first.
          </p>
        ) : null}
        <SelectField
          form={form}
          name="category"
          label={LABELS.category}
          hint="The category the council recorded. Waymark moves it on with age: eligible, then relevant once they leave care, then former relevant at 18."
          options={CATEGORY_OPTIONS}
        />
        <DateField
          form={form}
          name="dateLeftCare"
          label={LABELS.dateLeftCare}
          hint="Leave blank while they are still looked after. For example, 27/3/2025."
        />
        <DateField
          form={form}
          name="becameEligibleOn"
          label={LABELS.becameEligibleOn}
          hint="Only if they became eligible after their 16th birthday: the first plan and PA allocation are then due from this date."
        />
        <Checkbox
          form={form}
          name="supportExtendedTo25"
          label="The young person asked for Personal Adviser support until they are 25"
          hint={`Children Act 1989 s23CZB. Support then ends on their 25th birthday (${ukDate(nthBirthday(birth, 25))}) instead of their 21st (${ukDate(nthBirthday(birth, 21))}).`}
        />
        <DateField
          form={form}
          name="returnRequestedOn"
          label={LABELS.returnRequestedOn}
          hint={`Only for a young person aged 21 to 24 who came back asking for advice and support (Children Act 1989 s23CZB): a new needs assessment, pathway plan and Personal Adviser are due from this date. Between ${ukDate(nthBirthday(birth, 21))} and ${ukDate(nthBirthday(birth, 25))}.`}
        />
        <DateField
          form={form}
          name="paAllocatedOn"
          label={LABELS.paAllocatedOn}
          hint="The day a Personal Adviser was allocated. The duty starts when they become eligible; the team's local target is shown on the record. For example, 27/3/2025."
        />
        <button type="submit" className="button" disabled={busy}>
          Save details
        </button>{' '}
        <button type="button" className="button button--secondary" onClick={() => onDone(null)}>
          Cancel
        </button>
      </form>
    </section>
  );
}
