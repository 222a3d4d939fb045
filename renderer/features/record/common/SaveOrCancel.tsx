/**
 * The end of a record form: the save button, then either Cancel (changing an entry in place) or the
 * confirmation of what was saved (adding one), which takes focus after a save unless the user has moved on (focusWhenDrawnIfStill).
 */
import { useId } from 'react';
import { focusWhenDrawnIfStill, SubmitButton } from '../../../ui/form/index.ts';
import { useConfirmation as usePageConfirmation } from '../announce.tsx';

export interface Confirmation {
  /** What the last save did, shown under the button. */
  readonly saved: string | null;
  readonly savedId: string;
  /** Shows what was saved and moves focus to it. */
  confirm(message: string): void;
  clear(): void;
}

/**
 * The confirmation under a form that adds entries: one at a time on the record page (announce.tsx), so
 * confirmations never pile up and leave with the section.
 */
export function useConfirmation(): Confirmation {
  const [saved, setSaved] = usePageConfirmation();
  const savedId = useId();
  return {
    saved,
    savedId,
    confirm: (message) => {
      setSaved(message);
      focusWhenDrawnIfStill(savedId);
    },
    clear: () => setSaved(null),
  };
}

export function SaveOrCancel({
  label,
  onCancel,
  confirmation,
}: {
  label: string;
  /** Given when the form changes an entry in place: Cancel closes it. */
  onCancel?: (() => void) | null;
  /** The confirmation of the last save (a form that adds entries). */
  confirmation: Confirmation;
}) {
  return (
    <>
      <SubmitButton>{label}</SubmitButton>
      {onCancel ? (
        <>
          {' '}
          <button type="button" className="button button--secondary" onClick={onCancel}>
            Cancel
          </button>
        </>
      ) : (
        <p role="status" className="saved" id={confirmation.savedId} tabIndex={-1}>
          {confirmation.saved}
        </p>
      )}
    </>
  );
}
