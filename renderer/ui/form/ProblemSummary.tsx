import { useId, type RefObject } from 'react';

/** One problem in an error summary: the id of the field to focus, or null for the form as a whole. */
export interface Problem {
  readonly id: string | null;
  readonly message: string;
}

/**
 * The GOV.UK "There is a problem" summary: each problem links to its field (hash routing: links
 * focus, never navigate). Nothing when there are no problems.
 */
export function ProblemSummary({
  problems,
  id,
  summaryRef,
}: {
  problems: readonly Problem[];
  id?: string;
  summaryRef?: RefObject<HTMLDivElement | null>;
}) {
  const titleId = useId();
  if (problems.length === 0) return null;
  return (
    <div
      className="error-summary"
      id={id}
      tabIndex={-1}
      ref={summaryRef}
      role="alert"
      aria-labelledby={titleId}
    >
      <h2 id={titleId} className="error-summary__title">
        There is a problem
      </h2>
      <ul className="error-summary__list">
        {problems.map((problem, index) => (
          <li key={`${problem.id ?? 'form'}-${index}`}>
            {problem.id === null ? (
              problem.message
            ) : (
              <a
                href={`#${problem.id}`}
                onClick={(event) => {
                  event.preventDefault();
                  document.getElementById(problem.id ?? '')?.focus();
                }}
              >
                {problem.message}
              </a>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
