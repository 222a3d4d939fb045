/**
 * What a step would delete for good (signing in as someone else, removing the data): a bold lead that
 * says how much and what happens to it, one line per record with unconfirmed changes and per paused home
 * visit, then how to keep them.
 */
import type { ReactNode } from 'react';
import { describeLosableWork, type PausedVisit, type UnconfirmedRecord } from '../sync/unconfirmed-work.ts';

export function LosableWorkNotice({
  titleId,
  lead,
  records,
  visits,
  toKeepThem,
}: {
  /** The id of the lead paragraph (it names the warning around it). */
  titleId: string;
  /** "2 records have changes not yet on the sync server. Removing the data deletes them for good". */
  lead: string;
  records: readonly UnconfirmedRecord[];
  visits: readonly PausedVisit[];
  /** How to keep them: "To keep them, …". */
  toKeepThem: ReactNode;
}) {
  return (
    <>
      <p id={titleId}>
        <strong>{lead}:</strong>
      </p>
      <ul>
        {describeLosableWork(records, visits).map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      <p>{toKeepThem}</p>
    </>
  );
}
