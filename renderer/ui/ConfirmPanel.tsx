import { useEffect, useId, useRef, type ReactNode } from 'react';

/**
 * A "check before you continue" question (GOV.UK): the question as a heading that takes focus when the
 * panel appears, what the action will do (children), then the action, named for what it does
 * ("Yes, reassign"), and Cancel; both buttons disabled while the action runs.
 */
export function ConfirmPanel({
  question,
  headingLevel = 2,
  labels: [confirmLabel, busyLabel],
  busy,
  onConfirm,
  onCancel,
  children,
}: {
  question: ReactNode;
  /** 1 when the question is the whole page (the administrator's move); 2 inside a page. */
  headingLevel?: 1 | 2;
  /** The action's button, and its text while the action runs: ['Yes, reassign', 'Reassigning…']. */
  labels: readonly [string, string];
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
  children: ReactNode;
}) {
  const headingId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const Heading = headingLevel === 1 ? 'h1' : 'h2';
  return (
    <section className="form confirm-panel" aria-labelledby={headingId}>
      <Heading id={headingId} ref={heading} tabIndex={-1}>
        {question}
      </Heading>
      {children}
      <div className="button-group">
        <button type="button" className="button" disabled={busy} onClick={onConfirm}>
          {busy ? busyLabel : confirmLabel}
        </button>
        <button type="button" className="button button--secondary" disabled={busy} onClick={onCancel}>
          Cancel
        </button>
      </div>
    </section>
  );
}
