import { useMemo } from 'react';
import { ukDate } from '../../ui/format.ts';
import { displayNameOf, useCurrentUser } from './current-user.ts';
import { describePath, describeValue } from './field-paths.ts';
import { groupHistory, recordHistory } from './history.ts';
import type { LoadedRecord } from './use-record.ts';

/** Who changed what and when: the writer and date kept with every field of the record. */
export function HistorySection({ loaded }: { loaded: LoadedRecord }) {
  const user = useCurrentUser();
  const { doc, version } = loaded;
  const groups = useMemo(() => {
    void version;
    return groupHistory(recordHistory(doc).filter((entry) => entry.value !== null && entry.value !== ''));
  }, [doc, version]);
  return (
    <section aria-labelledby="history-title">
      <h2 id="history-title">History</h2>
      <p className="hint">
        Who last changed each part of this record and on which day, newest first. Changes made on other
        laptops appear once they have synced. Blank fields are not listed.
      </p>
      {groups.map((group) => (
        <div key={`${group.on}-${group.by}`} className="history-group">
          <h3>
            {ukDate(group.on)}: {displayNameOf(user, group.by)}
          </h3>
          <table className="table">
            <caption className="visually-hidden">
              Changes on {ukDate(group.on)} by {displayNameOf(user, group.by)}
            </caption>
            <thead>
              <tr>
                <th scope="col">What changed</th>
                <th scope="col">Value</th>
              </tr>
            </thead>
            <tbody>
              {group.entries.map((entry) => (
                <tr key={entry.path}>
                  <td>{describePath(entry.path)}</td>
                  <td>{describeValue(entry.field, entry.value)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
    </section>
  );
}
