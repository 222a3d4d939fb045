import { Link } from 'wouter';
import { accommodationValue } from '../../../shared/domain/accommodation.ts';
import { CATEGORY_LABELS } from '../../../shared/domain/vocabulary.ts';
import { recordExceptions } from '../../../shared/kpi/exceptions.ts';
import { displayName } from '../../../shared/ydoc/projection.ts';
import { ukDate, ukDatesIn } from '../../ui/format.ts';
import { displayNameOf, useCurrentUser } from './current-user.ts';
import { accommodationLabel, activityLabel, EET_STATE_LABELS, IN_TOUCH_STATE_LABELS } from './labels.ts';
import type { LoadedRecord } from './use-record.ts';

function reviewText(loaded: LoadedRecord): string {
  const { plan } = loaded.status;
  const due = ukDate(plan.due);
  switch (plan.state) {
    case 'not-yet-due':
      return `First pathway plan due by ${due}`;
    case 'first-plan-overdue':
      return `First pathway plan overdue (was due ${due})`;
    case 'up-to-date':
      return plan.reason === 'young-person-request' ? `${due} (asked for by the young person)` : due;
    case 'review-overdue':
      return `Overdue (was due ${due})`;
  }
}

/** The header of a record: who the young person is and where things stand today. */
export function RecordSummary({ loaded }: { loaded: LoadedRecord }) {
  const user = useCurrentUser();
  const { record, status } = loaded;
  const { profile } = record;
  const accommodation = status.accommodation;
  const exceptions = recordExceptions(record, status);
  return (
    <section aria-labelledby="record-name" className="record-summary">
      <p className="caption">
        <Link href="/">My caseload</Link>
      </p>
      <h1 id="record-name">{displayName(record)}</h1>
      <dl className="facts">
        <dt>Age</dt>
        <dd>
          {status.age} (born {ukDate(profile.dateOfBirth)})
        </dd>
        <dt>Category</dt>
        <dd>
          {status.category === null ? 'Under 16: not yet a care leaver' : CATEGORY_LABELS[status.category]}
        </dd>
        <dt>Personal Adviser</dt>
        <dd>{displayNameOf(user, profile.allocatedPaId)}</dd>
        <dt>In touch</dt>
        <dd>
          {IN_TOUCH_STATE_LABELS[status.inTouch]}
          {status.lastContact
            ? `, last contact ${ukDate(status.lastContact.at.slice(0, 10))}`
            : ', no contact recorded'}
        </dd>
        <dt>Accommodation</dt>
        <dd>
          {accommodation === null
            ? 'Not recorded'
            : `${accommodationLabel(accommodation.code)}, ${accommodation.suitable ? 'suitable' : 'unsuitable'} (${accommodationValue(accommodation)})`}
        </dd>
        <dt>Education, employment, training</dt>
        <dd>{status.eet.code === null ? EET_STATE_LABELS.unknown : activityLabel(status.eet.code)}</dd>
        <dt>Next review</dt>
        <dd>{reviewText(loaded)}</dd>
      </dl>
      {exceptions.length > 0 ? (
        <div className="attention">
          <h2 className="attention__title">Needs attention</h2>
          <ul>
            {exceptions.map((reason, index) => (
              <li key={`${reason.kind}-${index}`}>{ukDatesIn(reason.message)}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <p>
        <Link href={`/young-people/${encodeURIComponent(loaded.id)}/my-plan`}>
          “My plan”: a copy for the young person to print
        </Link>
      </p>
    </section>
  );
}
