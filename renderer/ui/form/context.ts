/** What the field components need from the form around them: its ids (react-hook-form has the rest). */
import { createContext, useContext } from 'react';

export interface FormIds {
  id(name: string): string;
  readonly summaryId: string;
}

export const FormIdsContext = createContext<FormIds | null>(null);

export function useFormIds(): FormIds {
  const ids = useContext(FormIdsContext);
  if (ids === null) throw new Error('A form field must be inside a <Form>.');
  return ids;
}
