import { useState } from 'react';
import { ukDate } from '../../../ui/format.ts';
import { displayNameOf, useCurrentUser } from '../current-user.ts';
import { describePath, writeFieldValue } from './field-paths.ts';
import { displayValue, type PeopleNames } from '../history/history.ts';
import type { LoadedRecord } from '../use-record.ts';

/**
 * Fields two people set differently while offline (shared/ydoc/contested.ts), shown plainly with every
 * value, who recorded it and when, and a button to keep each one.
 */
export function ContestedPanel({ loaded }: { loaded: LoadedRecord }) {
  const user = useCurrentUser();
  const [problem, setProblem] = useState<string | null>(null);
  const { contested } = loaded.record;
  if (contested.length === 0) return null;
  const people: PeopleNames = { name: (id) => displayNameOf(user, id), teamId: user.teamId };
  return (
    <section className="contested" aria-labelledby="contested-title">
      <h2 id="contested-title">Two people recorded different values while offline</h2>
      {problem ? (
        <p className="field-error" role="alert">
          {problem}
        </p>
      ) : null}
      {contested.map((field) => {
        const shown = (value: unknown) => displayValue(field.path, value, people);
        return (
          <div key={field.path} className="contested__field">
            <h3>{describePath(field.path)}</h3>
            <p>Choose the value that is right. The other will be replaced.</p>
            <ul className="contested__list">
              {field.candidates.map((candidate, index) => (
                <li key={`${candidate.by}-${candidate.on}-${index}`}>
                  <strong>{shown(candidate.value)}</strong> — recorded by {displayNameOf(user, candidate.by)}{' '}
                  on {ukDate(candidate.on)}{' '}
                  <button
                    type="button"
                    className="button button--secondary button--small"
                    aria-label={`Choose this: ${shown(candidate.value)}`}
                    onClick={() => {
                      setProblem(null);
                      loaded
                        .save((doc, ctx) => writeFieldValue(doc, field.path, candidate.value, ctx))
                        .catch((error: unknown) =>
                          setProblem(`That value could not be kept: ${(error as Error).message}`),
                        );
                    }}
                  >
                    Choose this
                    <span className="visually-hidden">: {shown(candidate.value)}</span>
                  </button>
                </li>
              ))}
            </ul>
          </div>
        );
      })}
    </section>
  );
}
