/** "There is a problem": links to each field in error (hash routing: links focus, never navigate). */
import { useFormState } from 'react-hook-form';
import { useFormIds } from './context.ts';
import { summaryErrors } from './errors.ts';
import { ProblemSummary } from './ProblemSummary.tsx';

export function ErrorSummary() {
  const { errors } = useFormState();
  const { id, summaryId } = useFormIds();
  const problems = summaryErrors(errors).map((error) => ({
    id: error.field === null ? null : id(error.field),
    message: error.message,
  }));
  return <ProblemSummary problems={problems} id={summaryId} />;
}
