/**
 * A form's state on the form layer: react-hook-form with a resolver that checks what was typed on submit
 * (use-schema-form.ts gives zod's); anything a save still refuses comes back through `fail`, to the field
 * it names. Errors show from the first submit; the error summary takes focus.
 */
import { useCallback, useId, useMemo } from 'react';
import {
  useForm,
  type DefaultValues,
  type FieldValues,
  type Path,
  type Resolver,
  type UseFormReturn,
} from 'react-hook-form';
import type { FormError } from '../form-errors.ts';
import type { FieldWords } from './context.ts';

export interface SchemaForm<I extends FieldValues, O> {
  readonly methods: UseFormReturn<I, unknown, O>;
  /** The fields' labels and hints (the field components show them; a save's errors are worded with the labels). */
  readonly words: FieldWords;
  /** The element id of a field (the first radio of a group): error summary links point at it. */
  id(name: string): string;
  /** The element id of the error summary. */
  readonly summaryId: string;
  /** Shows errors a save threw (field null: the form as a whole) and moves focus to the summary. */
  fail(errors: readonly FormError[]): void;
  /** Moves focus to the error summary once it is drawn. */
  focusSummary(): void;
}

/** Focuses an element once React has drawn it (after the current frame). */
export function focusWhenDrawn(elementId: string): void {
  requestAnimationFrame(() => document.getElementById(elementId)?.focus());
}

/**
 * Like focusWhenDrawn, for what a save reports once its storage has settled: focus moves only while the
 * user is still at the form (focus in the form or lost to the page), never away from something
 * they have moved on to meanwhile (a save can settle a moment after the new entry is on screen).
 */
export function focusWhenDrawnIfStill(elementId: string): void {
  requestAnimationFrame(() => {
    const target = document.getElementById(elementId);
    const active = document.activeElement;
    const form = target?.closest('form') ?? null;
    const stillHere = active === null || active === document.body || !!form?.contains(active);
    if (stillHere) target?.focus();
  });
}

const NO_WORDS: FieldWords = { labels: {} };

/**
 * The form's state for any resolver (useSchemaForm's is zod's; a form with nothing but a required field
 * or two, such as the lock screen's, checks them itself and loads no zod).
 */
export function useResolvedForm<I extends FieldValues, O>(
  resolver: Resolver<I, unknown, O>,
  defaultValues: I,
  words: FieldWords = NO_WORDS,
): SchemaForm<I, O> {
  const prefix = useId();
  const methods = useForm<I, unknown, O>({
    resolver,
    defaultValues: defaultValues as DefaultValues<I>,
    mode: 'onSubmit',
    reValidateMode: 'onChange',
    shouldFocusError: false,
  });
  const summaryId = `${prefix}-error-summary`;
  const id = useCallback((name: string) => `${prefix}-${name.replace(/\./g, '-')}`, [prefix]);
  const { setError } = methods;
  const focusSummary = useCallback(() => focusWhenDrawn(summaryId), [summaryId]);
  const fail = useCallback(
    (errors: readonly FormError[]) => {
      errors.forEach((error, index) => {
        if (error.field === null) setError(`root.save${index}`, { type: 'save', message: error.message });
        else setError(error.field as Path<I>, { type: 'save', message: error.message });
      });
      if (errors.length > 0) focusSummary();
    },
    [setError, focusSummary],
  );
  return useMemo(
    () => ({ methods, words, id, summaryId, fail, focusSummary }),
    [methods, words, id, summaryId, fail, focusSummary],
  );
}
