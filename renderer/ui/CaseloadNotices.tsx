import { useLiveQuery } from 'dexie-react-hooks';
import { useRecordStore } from '../db/store-context.tsx';
import { caseloadNotices, dismissNotice, noticeText } from '../sync/caseload-notices.ts';
import { ukDate } from './format.ts';

/**
 * Young people who left this laptop's caseload (reassigned by the team manager, access removed): said
 * once in a notification banner that stays until dismissed (GOV.UK notification banner pattern), so
 * nobody silently vanishes from the caseload.
 */
export function CaseloadNotices() {
  const { db } = useRecordStore();
  const notices = useLiveQuery(() => caseloadNotices(db), [db]);
  if (!notices || notices.length === 0) return null;
  return (
    <section className="notification-banner" aria-labelledby="caseload-notices-title">
      <h2 id="caseload-notices-title" className="notification-banner__title">
        Important
      </h2>
      <ul className="notification-banner__list">
        {notices.map((notice) => (
          <li key={notice.youngPersonId}>
            <p className="notification-banner__heading">{noticeText(notice)}</p>
            <p className="hint">
              Their record was taken off this laptop on {ukDate(notice.at)}. Nothing you recorded was lost.
            </p>
            <button
              type="button"
              className="button button--secondary"
              onClick={() => void dismissNotice(db, notice.youngPersonId)}
            >
              Dismiss<span className="visually-hidden"> the message about {notice.name}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
