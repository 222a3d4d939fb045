/**
 * One way to hold a form's state: react-hook-form with its zod resolver. The form schema (built from
 * schema-fields.ts and the shared record schemas) checks what was typed on submit and turns it into the
 * values the shared writers take; anything the writer still refuses comes back through `fail`, to the
 * field it names. Errors show from the first submit; the error summary takes focus (form-state.ts).
 */
import { zodResolver } from '@hookform/resolvers/zod';
import type { FieldValues } from 'react-hook-form';
import type { z } from 'zod';
import type { FieldWords } from './context.ts';
import { useResolvedForm, type SchemaForm } from './form-state.ts';

export { focusWhenDrawn, focusWhenDrawnIfStill, type SchemaForm } from './form-state.ts';

export function useSchemaForm<I extends FieldValues, O>(
  schema: z.ZodType<O, I>,
  defaultValues: I,
  words?: FieldWords,
): SchemaForm<I, O> {
  return useResolvedForm<I, O>(zodResolver(schema), defaultValues, words);
}
