import { useId, useMemo, useState } from 'react';
import { removedEntries } from '../../../../shared/ydoc/history.ts';
import { restoreEntry } from '../../../../shared/ydoc/write-record.ts';
import { useSessionState } from '../../../sync/session-context.tsx';
import { useTeamSettings } from '../../../db/team-settings.ts';
import { useTeamMembers } from '../../team/team-members.ts';
import { displayNameOf, useCurrentUser } from '../current-user.ts';
import { describeRemoved, HISTORY_PARTS, historyRows, type PeopleNames } from './history.ts';
import { RecordAsAt } from './RecordAsAt.tsx';
import type { LoadedRecord } from '../use-record.ts';
import { DataTable } from '../../../ui/DataTable.tsx';
import { LabelledSelect } from '../../../ui/LabelledSelect.tsx';

/** How many changes are listed before "Show all". */
const FIRST_ROWS = 100;

/** Entries removed from the record; a team manager can bring one back (a PA cannot). */
function RemovedEntries({ loaded, people }: { loaded: LoadedRecord; people: PeopleNames }) {
  const { user } = useSessionState();
  const canRestore = user?.role === 'team_manager';
  const [message, setMessage] = useState<{ text: string; problem: boolean } | null>(null);
  const titleId = useId();
  const { doc, version } = loaded;
  const removed = useMemo(() => {
    void version;
    return removedEntries(doc);
  }, [doc, version]);
  return (
    <section aria-labelledby={titleId}>
      <h3 id={titleId}>Removed entries</h3>
      {message ? (
        <p className={message.problem ? 'field-error' : 'saved'} role={message.problem ? 'alert' : 'status'}>
          {message.text}
        </p>
      ) : null}
      {removed.length === 0 ? (
        <p>Nothing has been removed from this record.</p>
      ) : (
        <>
          {canRestore ? null : <p className="hint">Only a team manager can restore a removed entry.</p>}
          <ul className="list">
            {removed.map((entry) => {
              const described = describeRemoved(entry, people);
              return (
                <li key={`${entry.collection}.${entry.id}`}>
                  <strong>{described.what}</strong>. {described.removed}.{' '}
                  {canRestore ? (
                    <button
                      type="button"
                      className="button button--secondary button--small"
                      onClick={() => {
                        setMessage(null);
                        loaded
                          .save((edit, ctx) => restoreEntry(edit, entry.collection, entry.id, ctx))
                          .then(() => setMessage({ text: `Restored: ${described.what}.`, problem: false }))
                          .catch((error: unknown) =>
                            setMessage({
                              text: `That entry could not be restored: ${(error as Error).message}`,
                              problem: true,
                            }),
                          );
                      }}
                    >
                      Restore<span className="visually-hidden">: {described.what}</span>
                    </button>
                  ) : null}
                </li>
              );
            })}
          </ul>
        </>
      )}
    </section>
  );
}

/**
 * The record's whole change history in plain language (who by name, date and time, old → new), the
 * record as it stood on a chosen date, and the entries removed from it.
 */
export function HistorySection({ loaded }: { loaded: LoadedRecord }) {
  // A team manager's laptop refreshes the team list, so the history names their team's people.
  useTeamMembers();
  const user = useCurrentUser();
  const [part, setPart] = useState('');
  const [showAll, setShowAll] = useState(false);
  const filterId = useId();
  const changesId = useId();
  const { doc, version } = loaded;
  const offer = useTeamSettings().entitlementChecklist;
  const people = useMemo<PeopleNames>(
    () => ({ name: (id) => displayNameOf(user, id), teamId: user.teamId, offer }),
    [user, offer],
  );
  const rows = useMemo(() => {
    void version;
    return historyRows(doc, people);
  }, [doc, version, people]);
  const parts = HISTORY_PARTS.filter((option) => rows.some((row) => row.part === option.value));
  const chosen = part === '' ? rows : rows.filter((row) => row.part === part);
  const shown = showAll ? chosen : chosen.slice(0, FIRST_ROWS);
  return (
    <section aria-labelledby="history-title">
      <h2 id="history-title">History</h2>
      <p className="hint">
        Every change to this record, newest first: what changed, who changed it, when, and the value before
        and after. Changes made on other laptops appear once they have synced.
      </p>
      <RecordAsAt doc={doc} version={version} people={people} />
      <RemovedEntries loaded={loaded} people={people} />
      <section aria-labelledby={changesId}>
        <h3 id={changesId}>Changes</h3>
        <LabelledSelect
          id={filterId}
          label="Show changes to"
          value={part}
          onChange={(value) => {
            setPart(value);
            setShowAll(false);
          }}
          emptyLabel="Every part of the record"
          options={parts}
          className="field filters"
        />
        <DataTable
          caption={<>Changes to this record, newest first ({chosen.length})</>}
          captionClassName="visually-hidden"
          headings={['When', 'Who', 'What changed', 'From', 'To']}
          className="history-table"
        >
          {shown.map((row) => (
            <tr key={row.key}>
              <td>{row.when}</td>
              <td>{row.who}</td>
              <td>{row.what}</td>
              <td>{row.from}</td>
              <td>{row.to}</td>
            </tr>
          ))}
        </DataTable>
        {shown.length < chosen.length ? (
          <p>
            <button type="button" className="button button--secondary" onClick={() => setShowAll(true)}>
              Show all {chosen.length} changes
            </button>
          </p>
        ) : null}
      </section>
    </section>
  );
}
