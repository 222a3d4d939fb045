/** "There is a problem": links to each field in error (hash routing: links focus, never navigate). */
import { useId } from 'react';
import { useFormState } from 'react-hook-form';
import { useFormIds } from './context.ts';
import { summaryErrors } from './errors.ts';

export function ErrorSummary() {
  const { errors } = useFormState();
  const { id, summaryId } = useFormIds();
  const titleId = useId();
  const items = summaryErrors(errors);
  if (items.length === 0) return null;
  return (
    <div className="error-summary" id={summaryId} tabIndex={-1} role="alert" aria-labelledby={titleId}>
      <h2 id={titleId} className="error-summary__title">
        There is a problem
      </h2>
      <ul className="error-summary__list">
        {items.map((error, index) => (
          <li key={`${error.field ?? 'form'}-${index}`}>
            {error.field === null ? (
              error.message
            ) : (
              <a
                href={`#${id(error.field)}`}
                onClick={(event) => {
                  event.preventDefault();
                  document.getElementById(id(error.field ?? ''))?.focus();
                }}
              >
                {error.message}
              </a>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
