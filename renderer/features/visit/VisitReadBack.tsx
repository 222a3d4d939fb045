/**
 * "Read back": everything the visit will write, in plain language, for the young person to hear or
 * read before the PA saves (no codes they would not know, no internal keys).
 */
import type { Ref } from 'react';
import type { VisitOutcome } from '../../../shared/domain/home-visit.ts';

export function VisitReadBack({
  name,
  outcome,
  headingRef,
  saving,
  error,
  onSave,
  onChange,
}: {
  name: string;
  outcome: VisitOutcome;
  headingRef: Ref<HTMLHeadingElement>;
  saving: boolean;
  error: string | null;
  onSave: () => void;
  onChange: () => void;
}) {
  return (
    <>
      <h1 ref={headingRef} tabIndex={-1}>
        Read back the visit to {name}
      </h1>
      <p>Read this through with {name}. Nothing is saved until you choose “Save visit”.</p>
      {error !== null ? (
        <div className="error-summary" role="alert">
          <h2 className="error-summary__title">There is a problem</h2>
          <p>{error}</p>
        </div>
      ) : null}
      <section aria-labelledby="read-back-note" className="read-back">
        <h2 id="read-back-note">What will be written in the contact log</h2>
        {outcome.sections.map((section) => (
          <div key={section.heading}>
            <h3>{section.heading}</h3>
            <ul>
              {section.lines.map((line, index) => (
                <li key={index}>{line}</li>
              ))}
            </ul>
          </div>
        ))}
      </section>
      <section aria-labelledby="read-back-changes">
        <h2 id="read-back-changes">What will change in their record</h2>
        {outcome.changes.length === 0 ? (
          <p>Nothing else: only the contact above.</p>
        ) : (
          <ul>
            {outcome.changes.map((change, index) => (
              <li key={index}>{change.description}</li>
            ))}
          </ul>
        )}
      </section>
      <div className="button-group">
        <button type="button" className="button" disabled={saving} onClick={onSave}>
          {saving ? 'Saving…' : 'Save visit'}
        </button>{' '}
        <button type="button" className="button button--secondary" onClick={onChange}>
          Change answers
        </button>
      </div>
    </>
  );
}
