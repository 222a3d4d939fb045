import { useEffect, useRef, useState } from 'react';
import { z } from 'zod';
import type { AdminRecordPlace, AdminUser } from '../../../shared/admin-api.ts';
import { normaliseRecordReference } from '../../../shared/record-reference.ts';
import {
  Form,
  SelectField,
  SubmitButton,
  TextField,
  useSchemaForm,
  type OptionGroup,
} from '../../ui/form/index.ts';
import { ConfirmPanel } from '../../ui/ConfirmPanel.tsx';
import { usePageTitle } from '../../ui/use-page-title.ts';
import { AdminPageWaiting } from './admin-parts.tsx';
import { serverFormError } from './server-form-error.ts';
import { problemOf, useAdminLoad, useAdminServer } from './use-admin.ts';

const FIELDS = { record: 'record', paUsername: 'paUsername' };

const moveSchema = z.object({
  record: z.string().transform((typed, ctx) => {
    if (typed.trim() === '') {
      ctx.addIssue({ code: 'custom', message: 'Enter the record reference the team manager gave you' });
      return z.NEVER;
    }
    const reference = normaliseRecordReference(typed);
    if (reference === null) {
      ctx.addIssue({
        code: 'custom',
        message: 'Enter the record reference as 9 letters and digits, such as BC4-7KM-X9T',
      });
      return z.NEVER;
    }
    return reference;
  }),
  paUsername: z.string().min(1, { error: 'Select the personal adviser to move the record to' }),
});

interface Planned {
  readonly place: AdminRecordPlace;
  readonly to: AdminUser;
  readonly toTeam: string;
}

/** Active PAs, by team, as the choice of who the record moves to. */
function paGroups(
  users: readonly AdminUser[],
  teams: readonly { id: string; name: string }[],
): OptionGroup[] {
  return teams
    .map((team) => ({
      label: team.name,
      options: users
        .filter((user) => user.role === 'pa' && !user.disabled && user.teamId === team.id)
        .toSorted((a, b) => a.displayName.localeCompare(b.displayName))
        .map((user) => ({ value: user.username, label: user.displayName })),
    }))
    .filter((group) => group.options.length > 0);
}

/**
 * The administrator moves a young person's record to a personal adviser of another team: the move a team
 * manager cannot make. The record is named only by the reference its team manager reads out (shown on
 * the manager's view of the record), so the console still shows no case data. A confirmation names where
 * the record is now, where it goes and what moves with it, as the manager's reassignment does.
 */
export function MoveRecordPage() {
  usePageTitle('Move a record to another team');
  const server = useAdminServer();
  const directory = useAdminLoad(async (s) => ({ users: await s.users(), teams: await s.teams() }), 'move');
  const form = useSchemaForm(moveSchema, { record: '', paUsername: '' });
  const [planned, setPlanned] = useState<Planned | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const doneMessage = useRef<HTMLParagraphElement>(null);

  useEffect(() => {
    if (done) doneMessage.current?.focus();
  }, [done]);

  if (directory.data === undefined)
    return <AdminPageWaiting title="Move a record to another team" problem={directory.problem} />;
  const { users, teams } = directory.data;
  const teamName = (teamId: string | null) => teams.find((team) => team.id === teamId)?.name ?? 'no team';

  async function check({ record, paUsername }: z.output<typeof moveSchema>) {
    if (!server) return;
    setDone(null);
    const to = users.find((user) => user.username === paUsername);
    if (!to) return;
    try {
      const place = await server.recordPlace(record);
      if (place.pa?.username === to.username)
        return form.fail([
          { field: 'paUsername', message: `${to.displayName} already supports this young person.` },
        ]);
      setProblem(null);
      setPlanned({ place, to, toTeam: teamName(to.teamId) });
    } catch (error) {
      form.fail([serverFormError(error, FIELDS)]);
    }
  }

  async function move({ place, to, toTeam }: Planned) {
    if (!server) return;
    setBusy(true);
    try {
      await server.moveRecord(place.reference, to.username);
      form.methods.reset({ record: '', paUsername: '' });
      setDone(
        `Record ${place.reference} has moved to ${to.displayName} in ${toTeam}. ` +
          `${place.pa?.displayName ?? 'The former personal adviser'} is told at their next sync.`,
      );
    } catch (error) {
      setProblem(problemOf(error).replace(/^The sync server refused: /, ''));
    } finally {
      setBusy(false);
      setPlanned(null);
    }
  }

  if (planned) {
    const { place, to, toTeam } = planned;
    const from = place.pa?.displayName ?? 'a personal adviser no longer in Waymark';
    return (
      <ConfirmPanel
        question={`Are you sure you want to move record ${place.reference} to ${to.displayName} in ${toTeam}?`}
        headingLevel={1}
        labels={['Yes, move the record', 'Moving…']}
        busy={busy}
        onConfirm={() => void move(planned)}
        onCancel={() => setPlanned(null)}
      >
        <p>
          The record is now with {from} in {place.team.name}.
        </p>
        <p>These move with the record:</p>
        <ul data-testid="move-record-moves">
          <li>The young person’s whole record, including case notes, the pathway plan and its history</li>
          <li>Their open plan actions: {to.displayName} takes them on</li>
          <li>
            Management oversight actions for the personal adviser: these become {to.displayName}’s to do
          </li>
        </ul>
        <p>
          From now on only {toTeam} can open the record. {from} is told at their next sync; {to.displayName}’s
          laptop receives the record at its next sync, and {toTeam}’s manager sees it in the team view.
        </p>
      </ConfirmPanel>
    );
  }

  return (
    <>
      <h1>Move a record to another team</h1>
      <p>
        When a young person moves to another team, their team manager gives you the record reference shown on
        their page (for example BC4-7KM-X9T). Moves within a team are made by the team manager.
      </p>
      {done ? (
        <p className="saved" role="status" ref={doneMessage} tabIndex={-1}>
          {done}
        </p>
      ) : null}
      {problem ? (
        <p className="notice warning" role="alert">
          {problem}
        </p>
      ) : null}
      <Form form={form} label="Move a record to another team" onSubmit={check}>
        <TextField
          name="record"
          label="Record reference"
          hint="9 letters and digits, as the team manager read them out"
          width="medium"
        />
        <SelectField
          name="paUsername"
          label="Move to personal adviser"
          placeholder="Choose a personal adviser"
          groups={paGroups(users, teams)}
        />
        <SubmitButton>Continue</SubmitButton>
      </Form>
    </>
  );
}
