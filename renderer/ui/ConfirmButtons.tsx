/**
 * The two buttons under a "check before you continue" question (GOV.UK): the action, named for what it
 * does ("Yes, reassign"), and Cancel; both disabled while the action runs.
 */
export function ConfirmButtons({
  confirmLabel,
  busyLabel,
  busy,
  onConfirm,
  onCancel,
}: {
  confirmLabel: string;
  busyLabel: string;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  return (
    <div className="button-group">
      <button type="button" className="button" disabled={busy} onClick={onConfirm}>
        {busy ? busyLabel : confirmLabel}
      </button>
      <button type="button" className="button button--secondary" disabled={busy} onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}
