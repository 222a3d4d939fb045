import { useId, useState, type FormEvent } from 'react';
import type { YoungPersonRecord } from '../../../shared/domain/model.ts';
import type { TeamMember } from '../../../shared/team-api.ts';
import { setProfile } from '../../../shared/ydoc/write-record.ts';
import { useBridge } from '../../bridge/bridge-context.tsx';
import { useRecordStore } from '../../db/store-context.tsx';
import { useSessionState } from '../../sync/session-context.tsx';
import { problemText, useWriteContext } from './write-context.ts';
import { reassignOnServer } from './team-server.ts';
import { ServerActionProblems } from './ServerActionProblems.tsx';
import { LabelledSelect } from '../../ui/LabelledSelect.tsx';
import { ConfirmPanel } from '../../ui/ConfirmPanel.tsx';

/** How many days after a move the former PA's unsent changes still reach the record (server/sync/former-holder.ts). */
export const HANDOVER_GRACE_DAYS = 14;

/** What moves with the young person: open plan actions and the oversight actions for the PA. */
export function whatMoves(record: YoungPersonRecord | null): string[] {
  if (record === null) return ['Their whole record, including case notes and the pathway plan'];
  const open = record.actions.filter((a) => a.status !== 'done' && a.status !== 'dropped').length;
  const oversight = record.oversight.filter((note) => note.actionRequired.trim() !== '').length;
  const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;
  return [
    'Their whole record, including case notes and the pathway plan',
    `${plural(open, 'open plan action', 'open plan actions')}: the new personal adviser takes them on`,
    `${plural(oversight, 'management oversight action', 'management oversight actions')} for the personal adviser: these become the new personal adviser’s to do, and stay on the record for you to follow up`,
  ];
}

/**
 * A manager moves a young person to another PA of the team, after a confirmation page (GOV.UK
 * "check before you continue") that says what moves with them and what the former PA is told.
 */
export function ReassignForm({
  id,
  name,
  paId,
  paName,
  record,
  members,
}: {
  id: string;
  name: string;
  paId: string | null;
  paName: string;
  record: YoungPersonRecord | null;
  members: readonly TeamMember[];
}) {
  const store = useRecordStore();
  const bridge = useBridge();
  const { user, serverUrl } = useSessionState();
  const { ctx } = useWriteContext();
  const choices = members.filter((member) => member.role === 'pa' && member.id !== paId);
  const [choice, setChoice] = useState('');
  const [confirming, setConfirming] = useState<TeamMember | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const baseId = useId();
  const canReassign = user?.role === 'team_manager' && serverUrl !== null;

  const check = (event: FormEvent) => {
    event.preventDefault();
    setDone(null);
    const member = choices.find((m) => m.id === choice);
    if (!member?.username) return setProblem('Select the personal adviser to move this young person to');
    if (!canReassign)
      return setProblem('Sign in as a team manager, with the sync server reachable, to reassign');
    setProblem(null);
    setConfirming(member);
  };

  const reassign = async (member: TeamMember) => {
    if (serverUrl === null || !member.username) return;
    const username = member.username;
    setBusy(true);
    try {
      // The server moves access first (only it can); then the record names the new PA, which syncs to both.
      await reassignOnServer(bridge, serverUrl, id, username);
      await store.edit(id, (doc) => setProfile(doc, { allocatedPaId: member.id }, ctx));
      setChoice('');
      setDone(
        `${name} is now supported by ${member.displayName}. Their laptop receives the record at its next sync.`,
      );
    } catch (error) {
      setProblem(problemText(error));
    } finally {
      setBusy(false);
      setConfirming(null);
    }
  };

  if (confirming) {
    return (
      <ConfirmPanel
        question={`Are you sure you want to move ${name} to ${confirming.displayName}?`}
        labels={['Yes, reassign', 'Reassigning…']}
        busy={busy}
        onConfirm={() => void reassign(confirming)}
        onCancel={() => setConfirming(null)}
      >
        <p>These move with {name}:</p>
        <ul data-testid="reassign-moves">
          {whatMoves(record).map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
        <p>
          {paName} is told at their next sync that {name} is now supported by {confirming.displayName}.
          Changes {paName} made on their laptop and has not yet sent still reach the record for{' '}
          {HANDOVER_GRACE_DAYS} days; you see them in the exception report as late changes from a former
          personal adviser.
        </p>
      </ConfirmPanel>
    );
  }

  return (
    <form className="form" onSubmit={check} noValidate aria-labelledby={`${baseId}-heading`}>
      <h2 id={`${baseId}-heading`}>Reassign to another personal adviser</h2>
      <ServerActionProblems allowed={canReassign} action="reassign" problem={problem} />
      <LabelledSelect
        id={`${baseId}-pa`}
        label="New personal adviser"
        value={choice}
        onChange={setChoice}
        emptyLabel="Choose a personal adviser"
        options={choices.map((member) => ({ value: member.id, label: member.displayName }))}
      />
      <button type="submit" className="button" disabled={choices.length === 0}>
        Reassign
      </button>
      <p role="status" className="team-status">
        {done}
      </p>
    </form>
  );
}
