/**
 * The end of a record form: the save button, then either Cancel (changing an entry in place) or the
 * confirmation of what was saved (adding one), which takes focus after a save (focusWhenDrawn).
 */
import { SubmitButton } from '../../../ui/form/index.ts';

export function SaveOrCancel({
  label,
  onCancel,
  saved,
  savedId,
}: {
  label: string;
  /** Given when the form changes an entry in place: Cancel closes it. */
  onCancel?: (() => void) | null;
  /** The confirmation of the last save (a form that adds entries). */
  saved?: string | null;
  savedId?: string;
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
        <p role="status" className="saved" id={savedId} tabIndex={-1}>
          {saved}
        </p>
      )}
    </>
  );
}
