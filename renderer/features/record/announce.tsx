/**
 * Confirmation messages on a record page ("Contact on 5 Jul 2026 recorded."): one at a time. A new
 * confirmation, from any form or the page, replaces the one shown before (they never pile up), and
 * moving to another section of the record clears it (it does not follow the user to another tab).
 */
import {
  createContext,
  useCallback,
  useContext,
  useId,
  useMemo,
  useState,
  type Dispatch,
  type ReactNode,
  type SetStateAction,
} from 'react';

interface Confirmation {
  /** Who showed it: a form (its React id) or the page. */
  readonly owner: string;
  readonly text: string;
  /** The section it was shown on (AnnounceProvider's `resetOn`). */
  readonly scope?: string | undefined;
}

interface ConfirmationSlot {
  readonly current: Confirmation | null;
  readonly set: Dispatch<SetStateAction<Confirmation | null>>;
}

const ConfirmationContext = createContext<ConfirmationSlot | null>(null);

/** The page's own status line (undo, saves whose form is replaced by the saved values). */
const PAGE = 'page';

/**
 * A form's confirmation, like `useState<string | null>(null)`: the text is shown only while it is the
 * page's latest confirmation. Outside a provider it is plain local state.
 */
export function useConfirmation(): [string | null, (text: string | null) => void] {
  const owner = useId();
  return useConfirmationOf(owner);
}

function useConfirmationOf(owner: string): [string | null, (text: string | null) => void] {
  const slot = useContext(ConfirmationContext);
  const [local, setLocal] = useState<string | null>(null);
  const set = slot?.set;
  const show = useCallback(
    (text: string | null) => {
      if (!set) return setLocal(text);
      set((current) => (text !== null ? { owner, text } : current?.owner === owner ? null : current));
    },
    [owner, set],
  );
  if (!slot) return [local, show];
  return [slot.current?.owner === owner ? slot.current.text : null, show];
}

/** Says something in the page's status line (replacing any confirmation shown). */
export function useAnnounce(): (message: string) => void {
  const [, show] = useConfirmationOf(PAGE);
  return show;
}

/**
 * Holds the record page's one confirmation; `resetOn` (the section shown) clears it when it changes.
 * `children` gets the page's own message to place in its status line.
 */
export function AnnounceProvider({
  resetOn,
  children,
}: {
  resetOn?: string;
  children: (message: string) => ReactNode;
}) {
  const [stored, setStored] = useState<Confirmation | null>(null);
  // Stamped with the section it was shown on; on another section it is no longer shown.
  const set = useCallback<Dispatch<SetStateAction<Confirmation | null>>>(
    (action) =>
      setStored((previous) => {
        const next = typeof action === 'function' ? action(previous) : action;
        return next && { ...next, scope: resetOn };
      }),
    [resetOn],
  );
  const current = stored?.scope === resetOn ? stored : null;
  const slot = useMemo(() => ({ current, set }), [current, set]);
  return (
    <ConfirmationContext value={slot}>
      {children(current?.owner === PAGE ? current.text : '')}
    </ConfirmationContext>
  );
}
