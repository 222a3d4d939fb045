import { useId, type ReactNode } from 'react';
import type { FieldValues } from 'react-hook-form';
import { Form, type SchemaForm } from '../../../ui/form/index.ts';
import { SaveOrCancel, useConfirmation } from './SaveOrCancel.tsx';
import { saveOrFail } from './save-or-fail.ts';

/**
 * A form that adds an entry: a panel with its heading, the fields, a save button and the confirmation,
 * which takes focus after a save.
 */
export function AddForm<I extends FieldValues, O>({
  form,
  title,
  button,
  onSave,
  level = 3,
  className,
  children,
}: {
  /** The heading level of the title (3 in a section, 4 under a matter). */
  level?: 3 | 4;
  className?: string;
  /** The form (with its fields' words: the writer's refusals are worded with their labels). */
  form: SchemaForm<I, O>;
  title: ReactNode;
  button: string;
  /**
   * Saves and resolves to the confirmation (null: not saved, the form stays as it is), or throws what
   * the writer refused.
   */
  onSave: (values: O) => Promise<string | null>;
  children: ReactNode;
}) {
  const confirmation = useConfirmation();
  const titleId = useId();
  return (
    <Form
      form={form}
      className={className ?? 'form panel'}
      labelledBy={titleId}
      heading={level === 4 ? <h4 id={titleId}>{title}</h4> : <h3 id={titleId}>{title}</h3>}
      onSubmit={async (values) => {
        confirmation.clear();
        await saveOrFail(form, async () => {
          const message = await onSave(values);
          if (message === null) return;
          form.methods.reset();
          confirmation.confirm(message);
        });
      }}
    >
      {children}
      <SaveOrCancel label={button} confirmation={confirmation} />
    </Form>
  );
}
