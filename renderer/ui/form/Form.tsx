/**
 * <Form>: the form element for a SchemaForm. It gives the fields inside their state (react-hook-form's
 * FormProvider) and ids, shows the error summary first, submits through the zod resolver and, when the
 * check fails, moves focus to the summary (GOV.UK error pattern).
 */
import type { ReactNode } from 'react';
import { FormProvider, useFormState, type FieldValues, type SubmitHandler } from 'react-hook-form';
import { FormIdsContext } from './context.ts';
import { ErrorSummary } from './ErrorSummary.tsx';
import type { SchemaForm } from './form-state.ts';

export function Form<I extends FieldValues, O>({
  form,
  onSubmit,
  children,
  id,
  className,
  labelledBy,
  label,
  heading,
}: {
  form: SchemaForm<I, O>;
  /** The form's heading, drawn above the error summary. */
  heading?: ReactNode;
  /** Called with the checked values; may be async (the form is "submitting" until it settles). */
  onSubmit: SubmitHandler<O>;
  children: ReactNode;
  id?: string;
  className?: string;
  labelledBy?: string;
  /** The form's accessible name when no heading names it. */
  label?: string;
}) {
  return (
    <FormProvider {...form.methods}>
      <FormIdsContext value={form}>
        <form
          id={id}
          className={className ?? 'form'}
          aria-labelledby={labelledBy}
          aria-label={labelledBy ? undefined : label}
          noValidate
          onSubmit={(event) => void form.methods.handleSubmit(onSubmit, form.focusSummary)(event)}
        >
          {heading}
          <ErrorSummary />
          {children}
        </form>
      </FormIdsContext>
    </FormProvider>
  );
}

/** The submit button: disabled while the form is saving. */
export function SubmitButton({ children }: { children: ReactNode }) {
  const { isSubmitting } = useFormState();
  return (
    <button type="submit" className="button" disabled={isSubmitting}>
      {children}
    </button>
  );
}
