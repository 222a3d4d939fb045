/** What the field components need from the form around them: its ids and words (react-hook-form has the rest). */
import { createContext, useContext } from 'react';

/**
 * A form's wording, keyed by field name: each field's label (also used to word the errors a save
 * throws) and, for some, the hint under it. A field component shows these unless given its own.
 */
export interface FieldWords {
  readonly labels: Readonly<Record<string, string>>;
  readonly hints?: Readonly<Record<string, string>>;
}

export interface FormIds {
  id(name: string): string;
  readonly summaryId: string;
  readonly words?: FieldWords;
}

export const FormIdsContext = createContext<FormIds | null>(null);

export function useFormIds(): FormIds {
  const ids = useContext(FormIdsContext);
  if (ids === null) throw new Error('A form field must be inside a <Form>.');
  return ids;
}
