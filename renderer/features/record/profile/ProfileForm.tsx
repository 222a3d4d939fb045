import { z } from 'zod';
import { nthBirthday } from '../../../../shared/domain/dates.ts';
import type { Profile } from '../../../../shared/domain/model.ts';
import { setProfile } from '../../../../shared/ydoc/write-record.ts';
import { Checkbox, DateField, optionalUkDate, useSchemaForm } from '../../../ui/form/index.ts';
import { inputDate, parseUkDate, ukDate } from '../../../ui/format.ts';
import { useEditBasis } from '../common/edit-basis.ts';
import { EditPanel } from '../common/EditPanel.tsx';
import { changedOnly, isEmptyPatch } from '../common/patch.ts';
import type { ChangeFormProps } from '../common/save-entry-change.ts';
import type { LoadedRecord } from '../use-record.ts';
import {
  BirthAndCategoryFields,
  checkBirthAndCategory,
  NameFields,
  PERSON_LABELS,
  personShape,
} from './person-fields.tsx';
import { describeEntries, entriesBefore, profileSaveErrors } from './save-errors.ts';

const LABELS = {
  ...PERSON_LABELS,
  dateLeftCare: 'Date they left care',
  becameEligibleOn: 'Became eligible on',
  supportExtendedTo25: 'Support extended to 25',
  returnRequestedOn: 'Asked to come back for support on',
  paAllocatedOn: 'Personal Adviser allocated on',
} as const;

const WORDS = {
  labels: LABELS,
  hints: {
    dateLeftCare: 'Leave blank while they are still looked after. For example, 27/3/2025.',
    becameEligibleOn:
      'Only if they became eligible after their 16th birthday: the first plan and PA allocation are then due from this date.',
    paAllocatedOn:
      "The day a Personal Adviser was allocated. The duty starts when they become eligible; the team's local target is shown on the record. For example, 27/3/2025.",
  },
};

/** The profile form's schema; the date of birth and category are checked together only when changed. */
function profileFormSchema(profile: Profile, today: string, earliest: string | null) {
  return z
    .object({
      ...personShape,
      dateLeftCare: optionalUkDate({ label: LABELS.dateLeftCare }),
      becameEligibleOn: optionalUkDate({ label: LABELS.becameEligibleOn }),
      supportExtendedTo25: z.boolean(),
      returnRequestedOn: optionalUkDate({ label: LABELS.returnRequestedOn }),
      paAllocatedOn: optionalUkDate({ label: LABELS.paAllocatedOn }),
    })
    .superRefine((values, ctx) => {
      // A date of birth after an entry is refused by the writer, naming the entries (save-errors.ts).
      const stranding = earliest !== null && values.dateOfBirth > earliest;
      if (!stranding && (values.dateOfBirth !== profile.dateOfBirth || values.category !== profile.category))
        checkBirthAndCategory(values, today, ctx);
    });
}

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
export function ProfileForm({ loaded, id, onDone }: ChangeFormProps) {
  const { profile } = loaded.record;
  const basis = useEditBasis(loaded.doc);
  const earliest = earliestEntry(loaded);
  const form = useSchemaForm(profileFormSchema(profile, loaded.today, earliest), valuesOf(profile), WORDS);
  const typedBirth = parseUkDate(form.methods.watch('dateOfBirth'));
  const stranded =
    typedBirth !== null && typedBirth !== profile.dateOfBirth ? entriesBefore(loaded.record, typedBirth) : [];

  async function submit(values: z.output<ReturnType<typeof profileFormSchema>>) {
    const patch = changedOnly(profile, values);
    if (isEmptyPatch(patch)) return onDone('Nothing was changed.');
    try {
      await loaded.save((doc, ctx) => setProfile(doc, patch, ctx), basis);
      const changed = Object.keys(patch).map((field) => LABELS[field as keyof typeof LABELS].toLowerCase());
      onDone(`Details saved: ${changed.join(', ')}.`);
    } catch (error) {
      form.fail(profileSaveErrors(error, loaded.record, LABELS));
    }
  }

  const birth = typedBirth ?? profile.dateOfBirth;
  return (
    <EditPanel
      id={id}
      form={form}
      level={2}
      className="panel"
      title="Change details"
      submitLabel="Save details"
      onSubmit={submit}
      onCancel={() => onDone(null)}
    >
      <NameFields />
      <BirthAndCategoryFields
        birthHint={`For example, 27/3/2009. Nothing in the record may be dated before it${earliest ? `: the earliest entry is on ${ukDate(earliest)}` : ''}.`}
        categoryHint="The category the council recorded. Waymark moves it on with age: eligible, then relevant once they leave care, then former relevant at 18."
      />
      {stranded.length > 0 ? (
        <p className="notice warning">
          With this date of birth, {describeEntries(stranded)} would be dated before it, so the change cannot
          be saved. Check the date, or correct those entries first.
        </p>
      ) : null}
      <DateField name="dateLeftCare" />
      <DateField name="becameEligibleOn" />
      <Checkbox
        name="supportExtendedTo25"
        label="The young person asked for Personal Adviser support until they are 25"
        hint={`Children Act 1989 s23CZB. Support then ends on their 25th birthday (${ukDate(nthBirthday(birth, 25))}) instead of their 21st (${ukDate(nthBirthday(birth, 21))}).`}
      />
      <DateField
        name="returnRequestedOn"
        hint={`Only for a young person aged 21 to 24 who came back asking for advice and support (Children Act 1989 s23CZB): a new needs assessment, pathway plan and Personal Adviser are due from this date. Between ${ukDate(nthBirthday(birth, 21))} and ${ukDate(nthBirthday(birth, 25))}.`}
      />
      <DateField name="paAllocatedOn" />
    </EditPanel>
  );
}
