/**
 * A list's heading, then its entries in a table (or a line saying there are none), newest first as
 * given, with a last column of "Change" and "Remove" buttons; each entry's change form or removal
 * confirmation opens in a full-width row below it.
 */
import { Fragment, type ReactNode } from 'react';
import { useAnnounce } from '../announce.tsx';
import { EntryButtons, EntryPanelsBelow, useEntryPanels } from './entry-panels.tsx';

/** What one entry's panels hold: the removal confirmation's wording and writer, and its change form. */
export interface EntryPanelContent {
  removeTitle: string;
  removeBody: ReactNode;
  onRemove: () => Promise<void>;
  changeForm: (props: { id: string; onDone: (announcement: string | null) => void }) => ReactNode;
}

export function EntryTable<T extends { readonly id: string }>({
  heading,
  headingLevel,
  empty,
  entries,
  caption,
  captionClassName,
  headers,
  level,
  listHeadingId,
  what,
  cells,
  panelsOf,
}: {
  /** The list's heading, e.g. "Contacts"; focused once an entry is removed. */
  heading: string;
  headingLevel: 3 | 4;
  /** Said when there are no entries, e.g. "No contacts recorded yet." */
  empty: string;
  entries: readonly T[];
  caption: ReactNode;
  captionClassName?: string;
  /** The column headings, before the buttons' column. */
  headers: readonly string[];
  /** The heading level of the panels' headings. */
  level: 4 | 5;
  /** The element id of the list's heading. */
  listHeadingId: string;
  /** Names the entry for the buttons and the removal announcement, e.g. "contact: 5 Jul 2026". */
  what: (entry: T) => string;
  /** One cell per heading. */
  cells: (entry: T) => readonly ReactNode[];
  panelsOf: (entry: T) => EntryPanelContent;
}) {
  const panels = useEntryPanels();
  const announce = useAnnounce();
  const Heading = `h${headingLevel}` as const;
  return (
    <>
      <Heading id={listHeadingId} tabIndex={-1}>
        {heading}
      </Heading>
      {entries.length === 0 ? (
        <p>{empty}</p>
      ) : (
        <table className="table">
          <caption className={captionClassName}>{caption}</caption>
          <thead>
            <tr>
              {headers.map((header) => (
                <th key={header} scope="col">
                  {header}
                </th>
              ))}
              <th scope="col">
                <span className="visually-hidden">Change or remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => {
              const named = what(entry);
              return (
                <Fragment key={entry.id}>
                  <tr>
                    {cells(entry).map((cell, column) => (
                      <td key={headers[column]}>{cell}</td>
                    ))}
                    <td>
                      <EntryButtons panels={panels} entryId={entry.id} what={named} />
                    </td>
                  </tr>
                  <EntryPanelsBelow
                    {...panelsOf(entry)}
                    panels={panels}
                    entryId={entry.id}
                    what={named}
                    level={level}
                    tableColumns={headers.length + 1}
                    listHeadingId={listHeadingId}
                    announce={announce}
                  />
                </Fragment>
              );
            })}
          </tbody>
        </table>
      )}
    </>
  );
}
