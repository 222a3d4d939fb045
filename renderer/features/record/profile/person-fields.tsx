/**
 * The fields that say who a young person is, shared by "Add a young person" and "Change details": the
 * names, date of birth and category, with their form-schema parts and the check that the date of birth
 * and category fit together (shared/domain/eligibility.ts).
 */
import { z } from 'zod';
import { birthAndCategoryProblem } from '../../../../shared/domain/eligibility.ts';
import { profileSchema } from '../../../../shared/domain/schemas.ts';
import { CARE_LEAVER_CATEGORIES, CATEGORY_LABELS } from '../../../../shared/domain/vocabulary.ts';
import {
  choice,
  DateField,
  optionalTextOrNull,
  requiredText,
  requiredUkDate,
  SelectField,
  TextField,
} from '../../../ui/form/index.ts';

export const PERSON_LABELS = {
  givenName: 'Given name',
  familyName: 'Family name',
  preferredName: 'Preferred name',
  dateOfBirth: 'Date of birth',
  category: 'Category',
} as const;

/** The form-schema parts for the names, date of birth and category. */
export const personShape = {
  givenName: requiredText('Enter the young person’s given name', {
    label: PERSON_LABELS.givenName,
    max: profileSchema.shape.givenName,
  }),
  familyName: requiredText('Enter the young person’s family name', {
    label: PERSON_LABELS.familyName,
    max: profileSchema.shape.familyName,
  }),
  preferredName: optionalTextOrNull({
    label: PERSON_LABELS.preferredName,
    max: profileSchema.shape.preferredName,
  }),
  dateOfBirth: requiredUkDate('Enter the date of birth', {
    label: PERSON_LABELS.dateOfBirth,
    example: '27/3/2009',
  }),
  category: choice(CARE_LEAVER_CATEGORIES, 'Select the category'),
};

/**
 * Adds the date of birth and category problem (born in the future, under 16, former relevant under 18)
 * to the field it belongs to. Values that failed their own checks are left to those messages.
 */
export function checkBirthAndCategory(
  values: { dateOfBirth: string; category: string },
  today: string,
  ctx: z.RefinementCtx,
): void {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(values.dateOfBirth)) return;
  if (!(CARE_LEAVER_CATEGORIES as readonly string[]).includes(values.category)) return;
  const problem = birthAndCategoryProblem(
    values.dateOfBirth,
    values.category as (typeof CARE_LEAVER_CATEGORIES)[number],
    today,
  );
  if (problem !== null) ctx.addIssue({ code: 'custom', path: [problem.field], message: problem.message });
}

export const CATEGORY_OPTIONS = CARE_LEAVER_CATEGORIES.map((value) => ({
  value,
  label: CATEGORY_LABELS[value],
}));

/** Given, family and preferred name. */
export function NameFields() {
  return (
    <>
      <TextField name="givenName" label={PERSON_LABELS.givenName} autoComplete="off" />
      <TextField name="familyName" label={PERSON_LABELS.familyName} />
      <TextField
        name="preferredName"
        label={PERSON_LABELS.preferredName}
        hint="Optional. The name they like to be called."
      />
    </>
  );
}

/** The date of birth and the category, with their hints. */
export function BirthAndCategoryFields({
  birthHint,
  categoryHint,
  placeholder,
}: {
  birthHint: string;
  categoryHint?: string;
  placeholder?: string;
}) {
  return (
    <>
      <DateField name="dateOfBirth" label={PERSON_LABELS.dateOfBirth} hint={birthHint} />
      <SelectField
        name="category"
        label={PERSON_LABELS.category}
        hint={categoryHint}
        placeholder={placeholder}
        options={CATEGORY_OPTIONS}
      />
    </>
  );
}
