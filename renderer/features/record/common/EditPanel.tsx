/**
 * A form that changes an entry in place: an inline panel with its heading (focused when it opens), the
 * fields, a save button and Cancel (GOV.UK: a disclosure below the entry, not a modal).
 */
import { useId, type ReactNode } from 'react';
import type { FieldValues, SubmitHandler } from 'react-hook-form';
import { Form, SubmitButton, type SchemaForm } from '../../../ui/form/index.ts';
import { PanelHeading } from './entry-panels.tsx';

export function EditPanel<I extends FieldValues, O>({
  id,
  form,
  title,
  level,
  submitLabel,
  onSubmit,
  onCancel,
  className = 'panel--inner',
  children,
}: {
  /** The element id of the panel (for the button's aria-controls). */
  id: string;
  form: SchemaForm<I, O>;
  title: ReactNode;
  level: 2 | 4 | 5;
  submitLabel: string;
  onSubmit: SubmitHandler<O>;
  onCancel: () => void;
  className?: string;
  children: ReactNode;
}) {
  const headingId = useId();
  return (
    <section id={id} className={className} aria-labelledby={headingId}>
      <PanelHeading level={level} id={headingId}>
        {title}
      </PanelHeading>
      <Form form={form} onSubmit={onSubmit} labelledBy={headingId}>
        {children}
        <SubmitButton>{submitLabel}</SubmitButton>{' '}
        <button type="button" className="button button--secondary" onClick={onCancel}>
          Cancel
        </button>
      </Form>
    </section>
  );
}
