import { useLiveQuery } from 'dexie-react-hooks';
import { z } from 'zod';
import { Link, useLocation } from 'wouter';
import { newRecord } from '../../../shared/domain/record.ts';
import { createRecordDoc } from '../../../shared/ydoc/write-record.ts';
import { useRecordStore } from '../../db/store-context.tsx';
import { useSessionState } from '../../sync/session-context.tsx';
import { todayIso } from '../../db/today.ts';
import {
  Checkbox,
  DateField,
  Form,
  formErrorsFrom,
  optionalUkDate,
  SubmitButton,
  useSchemaForm,
} from '../../ui/form/index.ts';
import { parseUkDate, ukDate } from '../../ui/format.ts';
import { usePageTitle } from '../../ui/use-page-title.ts';
import { useCurrentUser } from '../record/current-user.ts';
import {
  BirthAndCategoryFields,
  checkBirthAndCategory,
  NameFields,
  PERSON_LABELS,
  personShape,
} from '../record/profile/person-fields.tsx';
import { possibleDuplicates } from './duplicates.ts';

const LABELS = {
  ...PERSON_LABELS,
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

/** "Add a young person": who they are; today's date checks the date of birth against the category. */
function createFormSchema(today: string) {
  return z
    .object({
      ...personShape,
      dateLeftCare: optionalUkDate({ label: LABELS.dateLeftCare, example: '1/6/2026' }),
      notDuplicate: z.boolean(),
    })
    .superRefine((values, ctx) => checkBirthAndCategory(values, today, ctx));
}

/**
 * What a team manager is told instead of the form: the sync server lets only a PA claim a new record
 * (server/sync/access.ts), so a record added on a manager's laptop would never sync (issue 16 found the
 * same trap for the administrator).
 */
function AddedByTheirPa() {
  return (
    <>
      <h1>Add a young person</h1>
      <p>
        A young person is added by the personal adviser who will support them, on their laptop: the record is
        theirs from the start and reaches the server and the rest of the team from there. A record added on a
        team manager’s laptop could not be sent to the server.
      </p>
      <p>
        Ask the personal adviser to add them, or bring the team’s young people in from the system of record on
        the <Link href="/team/import">Import</Link> page.
      </p>
    </>
  );
}

/** Adds a young person to this laptop, allocated to the signed-in PA, warning about likely duplicates. */
export function CreateYoungPersonPage() {
  usePageTitle('Add a young person');
  const { user } = useSessionState();
  return user?.role === 'team_manager' ? <AddedByTheirPa /> : <CreateYoungPersonForm />;
}

function CreateYoungPersonForm() {
  const store = useRecordStore();
  const user = useCurrentUser();
  const rows = useLiveQuery(() => store.db.caseload.toArray(), [store]);
  const [, navigate] = useLocation();
  const form = useSchemaForm(createFormSchema(todayIso()), INITIAL);
  const [givenName, familyName, preferredName, typedBirth] = form.methods.watch([
    'givenName',
    'familyName',
    'preferredName',
    'dateOfBirth',
  ]);
  const dateOfBirth = parseUkDate(typedBirth);
  const duplicates =
    rows && dateOfBirth
      ? possibleDuplicates(rows, { givenName, familyName, preferredName, dateOfBirth })
      : [];

  async function submit(values: z.output<ReturnType<typeof createFormSchema>>) {
    if (duplicates.length > 0 && !values.notDuplicate)
      return form.fail([
        {
          field: 'notDuplicate',
          message:
            'Someone with this name and date of birth is already on your caseload: check it is not them',
        },
      ]);
    const id = crypto.randomUUID();
    const today = todayIso();
    const record = newRecord({
      id,
      givenName: values.givenName,
      familyName: values.familyName,
      preferredName: values.preferredName,
      dateOfBirth: values.dateOfBirth,
      category: values.category,
      dateLeftCare: values.dateLeftCare,
      becameEligibleOn: null,
      allocatedPaId: user.id,
      paAllocatedOn: today,
      teamId: user.teamId,
      supportExtendedTo25: false,
      returnRequestedOn: null,
    });
    try {
      await store.create(id, (doc) => {
        createRecordDoc(record, { writer: user.id, today }, doc);
      });
      navigate(`/young-people/${id}`);
    } catch (error) {
      form.fail(formErrorsFrom(error, LABELS));
    }
  }

  return (
    <>
      <p className="caption">
        <Link href="/">My caseload</Link>
      </p>
      <h1 id="add-title">Add a young person</h1>
      <Form form={form} onSubmit={submit} labelledBy="add-title">
        <NameFields />
        <BirthAndCategoryFields birthHint="For example, 27/3/2009" placeholder="Select the category" />
        <DateField
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
            <Checkbox name="notDuplicate" label="I have checked: this is a different young person" />
          </div>
        ) : null}
        <p>They will be allocated to {user.signedIn ? user.displayName : 'you on this laptop'} from today.</p>
        <SubmitButton>Add young person</SubmitButton>
      </Form>
    </>
  );
}
