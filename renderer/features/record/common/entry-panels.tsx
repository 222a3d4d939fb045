/**
 * Changing and removing entries in place: a "Change" and a "Remove" button per entry, each opening an
 * inline panel below it (a disclosure, not a modal). Opening a panel moves focus to its heading; closing
 * it returns focus to the button that opened it, or to a heading when the entry has gone.
 */
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useAnnounce } from '../announce.tsx';

export type EntryMode = 'change' | 'remove';

/** Moves focus to an element once React has rendered it (or re-rendered after a change). */
export function focusLater(elementId: string): void {
  requestAnimationFrame(() => document.getElementById(elementId)?.focus());
}

export interface EntryPanels {
  isOpen(entryId: string, mode: EntryMode): boolean;
  toggle(entryId: string, mode: EntryMode): void;
  /** Closes the open panel and returns focus to its button (or to `focusId` when given). */
  close(focusId?: string): void;
  buttonId(entryId: string, mode: EntryMode): string;
  panelId(entryId: string): string;
}

/** Which entry of a list has its change or remove panel open (one at a time). */
export function useEntryPanels(): EntryPanels {
  const prefix = useId();
  const [open, setOpen] = useState<{ readonly entryId: string; readonly mode: EntryMode } | null>(null);
  const buttonId = (entryId: string, mode: EntryMode) => `${prefix}-${mode}-${entryId}`;
  return {
    isOpen: (entryId, mode) => open?.entryId === entryId && open.mode === mode,
    toggle: (entryId, mode) =>
      setOpen((current) =>
        current?.entryId === entryId && current.mode === mode ? null : { entryId, mode },
      ),
    close: (focusId) => {
      if (open !== null) focusLater(focusId ?? buttonId(open.entryId, open.mode));
      setOpen(null);
    },
    buttonId,
    panelId: (entryId) => `${prefix}-panel-${entryId}`,
  };
}

/** "Change" and "Remove" buttons for one entry; `what` completes their names for screen readers. */
export function EntryButtons({
  panels,
  entryId,
  what,
  change = true,
  changeLabel = 'Change',
  remove = true,
}: {
  panels: EntryPanels;
  entryId: string;
  what: string;
  change?: boolean;
  changeLabel?: string;
  remove?: boolean;
}) {
  const button = (mode: EntryMode, label: string) => {
    const open = panels.isOpen(entryId, mode);
    return (
      <button
        type="button"
        id={panels.buttonId(entryId, mode)}
        className="button button--secondary button--small"
        aria-expanded={open}
        aria-controls={open ? panels.panelId(entryId) : undefined}
        onClick={() => panels.toggle(entryId, mode)}
      >
        {label}
        <span className="visually-hidden"> {what}</span>
      </button>
    );
  };
  return (
    <span className="entry-buttons">
      {change ? button('change', changeLabel) : null}
      {change && remove ? ' ' : null}
      {remove ? button('remove', 'Remove') : null}
    </span>
  );
}

type HeadingLevel = 2 | 3 | 4 | 5;

/** A heading that takes focus when its panel opens. */
export function PanelHeading({
  level,
  id,
  children,
}: {
  level: HeadingLevel;
  id: string;
  children: ReactNode;
}) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => ref.current?.focus(), []);
  const Tag = `h${level}` as const;
  return (
    <Tag id={id} ref={ref} tabIndex={-1}>
      {children}
    </Tag>
  );
}

/**
 * "Remove this contact?": names what will be removed, says how to bring it back, and removes it only
 * on "Yes, remove it". `onRemove` runs the writer's soft delete.
 */
export function RemoveConfirmation({
  id,
  level,
  title,
  children,
  onRemove,
  onCancel,
}: {
  id: string;
  level: HeadingLevel;
  title: string;
  children: ReactNode;
  onRemove: () => Promise<void>;
  onCancel: () => void;
}) {
  const headingId = useId();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  async function remove() {
    setBusy(true);
    setProblem(null);
    try {
      await onRemove();
    } catch (error) {
      setProblem(error instanceof Error ? error.message : 'It could not be removed.');
      setBusy(false);
    }
  }
  return (
    <section id={id} className="panel--inner warning" aria-labelledby={headingId}>
      <PanelHeading level={level} id={headingId}>
        {title}
      </PanelHeading>
      {children}
      <p>You can bring it back straight away with ‘Undo my last change’ at the top of the record.</p>
      {problem ? (
        <p className="field-error" role="alert">
          {problem}
        </p>
      ) : null}
      <button type="button" className="button button--warning" disabled={busy} onClick={() => void remove()}>
        Yes, remove it
      </button>{' '}
      <button type="button" className="button button--secondary" onClick={onCancel}>
        Cancel
      </button>
    </section>
  );
}

/**
 * The change and remove panels of one entry, below its buttons: the entry's own change form, or the
 * removal confirmation, which runs `onRemove` (the writer's soft delete), announces it and returns focus
 * to the list's heading. In a table, `tableColumns` puts each panel in a full-width row of its own.
 */
export interface EntryPanelsProps {
  panels: EntryPanels;
  entryId: string;
  what: string;
  level: HeadingLevel;
  removeTitle: string;
  removeBody: ReactNode;
  onRemove: () => Promise<void>;
  listHeadingId: string;
  announce: (message: string) => void;
  changeForm?: (props: { id: string; onDone: (announcement: string | null) => void }) => ReactNode;
  tableColumns?: number;
}

export function EntryPanelsBelow({
  panels,
  entryId,
  what,
  level,
  removeTitle,
  removeBody,
  onRemove,
  listHeadingId,
  announce,
  changeForm,
  tableColumns,
}: EntryPanelsProps) {
  const place = (node: ReactNode) =>
    tableColumns === undefined ? (
      node
    ) : (
      <tr>
        <td colSpan={tableColumns}>{node}</td>
      </tr>
    );
  const id = panels.panelId(entryId);
  return (
    <>
      {changeForm && panels.isOpen(entryId, 'change')
        ? place(
            changeForm({
              id,
              onDone: (announcement) => {
                if (announcement !== null) announce(announcement);
                panels.close();
              },
            }),
          )
        : null}
      {panels.isOpen(entryId, 'remove')
        ? place(
            <RemoveConfirmation
              id={id}
              level={level}
              title={removeTitle}
              onCancel={() => panels.close()}
              onRemove={async () => {
                await onRemove();
                announce(`Removed: ${what}.`);
                panels.close(listHeadingId);
              }}
            >
              {removeBody}
            </RemoveConfirmation>,
          )
        : null}
    </>
  );
}

/**
 * An entry's buttons in a list, with its change and remove panels below them; the panels' headings are
 * h5 (under the entry's h4) unless `level` says otherwise.
 */
export function EntryButtonsAndPanels({
  change,
  changeLabel,
  level = 5,
  ...props
}: Omit<EntryPanelsProps, 'tableColumns' | 'announce' | 'level'> & {
  level?: HeadingLevel;
  change?: boolean;
  changeLabel?: string;
}) {
  const announce = useAnnounce();
  return (
    <>
      <EntryButtons
        panels={props.panels}
        entryId={props.entryId}
        what={props.what}
        change={change}
        changeLabel={changeLabel}
      />
      <EntryPanelsBelow {...props} level={level} announce={announce} />
    </>
  );
}
