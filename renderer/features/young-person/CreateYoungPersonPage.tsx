import { useLiveQuery } from 'dexie-react-hooks';
import { useState, type FormEvent } from 'react';
import { Link, useLocation } from 'wouter';
import type { YoungPersonRecord } from '../../../shared/domain/model.ts';
import { SCHEMA_VERSION } from '../../../shared/domain/record.ts';
import {
  CARE_LEAVER_CATEGORIES,
  CATEGORY_LABELS,
  SCHEDULE_1_MATTERS,
} from '../../../shared/domain/vocabulary.ts';
import { createRecordDoc } from '../../../shared/ydoc/write-record.ts';
import { useRecordStore } from '../../db/store-context.tsx';
import { todayIso } from '../../db/today.ts';
import { fieldError, formErrorsFrom, type FormError } from '../../ui/form-errors.ts';
import { Checkbox, DateField, ErrorSummary, SelectField, TextField, useForm } from '../../ui/forms.tsx';
import { parseUkDate, ukDate } from '../../ui/format.ts';
import { usePageTitle } from '../../ui/use-page-title.ts';
import { useCurrentUser } from '../record/current-user.ts';
import { possibleDuplicates } from './duplicates.ts';

const LABELS = {
  givenName: 'Given name',
  familyName: 'Family name',
  preferredName: 'Preferred name',
  dateOfBirth: 'Date of birth',
  category: 'Category',
  dateLeftCare: 'Date they left care',
  notDuplicate: 'Not the same person',
} as const;

const INITIAL = {
  givenName: '',
  familyName: '',
  preferredName: '',
  dateOfBirth: '',
  category: '',
  dateLeftCare: '',
  notDuplicate: false,
};

function emptyRecord(): Omit<YoungPersonRecord, 'profile'> {
  return {
    schemaVersion: SCHEMA_VERSION,
    plan: {
      needsAssessmentCompletedOn: null,
      firstAgreedOn: null,
      sections: Object.fromEntries(
        SCHEDULE_1_MATTERS.map((matter) => [matter, { needs: '', youngPersonViews: '' }]),
      ) as YoungPersonRecord['plan']['sections'],
    },
    objectives: [],
    actions: [],
    reviews: [],
    reviewRequests: [],
    contacts: [],
    accommodation: [],
    eet: [],
    entitlements: [],
    flags: [],
    oversight: [],
    recontactPlans: [],
    contested: [],
    readIssues: [],
  };
}

/** Adds a young person to this laptop, allocated to the signed-in PA, warning about likely duplicates. */
export function CreateYoungPersonPage() {
  usePageTitle('Add a young person');
  const store = useRecordStore();
  const user = useCurrentUser();
  const rows = useLiveQuery(() => store.db.caseload.toArray(), [store]);
  const [, navigate] = useLocation();
  const form = useForm(INITIAL);
  const [busy, setBusy] = useState(false);
  const { values } = form;
  const dateOfBirth = parseUkDate(values.dateOfBirth);
  const duplicates = rows && dateOfBirth ? possibleDuplicates(rows, { ...values, dateOfBirth }) : [];

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const problems: FormError[] = [];
    const dateLeftCare = values.dateLeftCare.trim() === '' ? null : parseUkDate(values.dateLeftCare);
    if (values.dateOfBirth.trim() === '')
      problems.push({ field: 'dateOfBirth', message: 'Enter the date of birth' });
    else if (dateOfBirth === null)
      problems.push(fieldError('dateOfBirth', LABELS, 'must be a real date, such as 27/3/2009'));
    if (values.dateLeftCare.trim() !== '' && dateLeftCare === null)
      problems.push(fieldError('dateLeftCare', LABELS, 'must be a real date, such as 27/3/2025'));
    if (values.category === '') problems.push({ field: 'category', message: 'Choose the category' });
    if (duplicates.length > 0 && !values.notDuplicate)
      problems.push({
        field: 'notDuplicate',
        message: 'Someone with this name and date of birth is already on your caseload: check it is not them',
      });
    if (problems.length > 0 || dateOfBirth === null) return form.fail(problems);
    const id = crypto.randomUUID();
    const today = todayIso();
    const record: YoungPersonRecord = {
      ...emptyRecord(),
      profile: {
        id,
        givenName: values.givenName,
        familyName: values.familyName,
        preferredName: values.preferredName.trim() === '' ? null : values.preferredName,
        dateOfBirth,
        category: values.category as YoungPersonRecord['profile']['category'],
        dateLeftCare,
        becameEligibleOn: null,
        allocatedPaId: user.id,
        paAllocatedOn: today,
        teamId: user.teamId,
        supportExtendedTo25: false,
        returnRequestedOn: null,
      },
    };
    setBusy(true);
    try {
      await store.create(id, (doc) => {
        createRecordDoc(record, { writer: user.id, today }, doc);
      });
      navigate(`/young-people/${id}`);
    } catch (error) {
      form.fail(formErrorsFrom(error, LABELS));
      setBusy(false);
    }
  }

  return (
    <>
      <p className="caption">
        <Link href="/">My caseload</Link>
      </p>
      <h1>Add a young person</h1>
      <form
        className="form"
        noValidate
        onSubmit={(event) => void submit(event)}
        aria-label="Add a young person"
      >
        <ErrorSummary form={form} />
        <TextField form={form} name="givenName" label={LABELS.givenName} />
        <TextField form={form} name="familyName" label={LABELS.familyName} />
        <TextField
          form={form}
          name="preferredName"
          label={LABELS.preferredName}
          hint="Optional. The name they like to be called."
        />
        <DateField form={form} name="dateOfBirth" label={LABELS.dateOfBirth} hint="For example, 27/3/2009" />
        <SelectField
          form={form}
          name="category"
          label={LABELS.category}
          placeholder="Choose the category"
          options={CARE_LEAVER_CATEGORIES.map((category) => ({
            value: category,
            label: CATEGORY_LABELS[category],
          }))}
        />
        <DateField
          form={form}
          name="dateLeftCare"
          label={LABELS.dateLeftCare}
          hint="Leave blank while they are still looked after. For example, 1/6/2026"
        />
        {duplicates.length > 0 ? (
          <div className="warning" role="status">
            <p>
              <strong>Possible duplicate:</strong> {duplicates.map((row) => row.displayName).join(', ')}, born{' '}
              {ukDate(dateOfBirth)}, is already on this laptop.{' '}
              {duplicates.map((row) => (
                <Link key={row.id} href={`/young-people/${encodeURIComponent(row.id)}`}>
                  Open {row.displayName}’s record
                </Link>
              ))}
            </p>
            <Checkbox
              form={form}
              name="notDuplicate"
              label="I have checked: this is a different young person"
            />
          </div>
        ) : null}
        <p>They will be allocated to {user.signedIn ? user.displayName : 'you on this laptop'} from today.</p>
        <button type="submit" className="button" disabled={busy}>
          Add young person
        </button>
      </form>
    </>
  );
}
