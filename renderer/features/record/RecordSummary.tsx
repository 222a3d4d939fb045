import { useId, useState } from 'react';
import { Link } from 'wouter';
import { accommodationValue } from '../../../shared/domain/accommodation.ts';
import { isFlagActive } from '../../../shared/domain/flags.ts';
import { CATEGORY_LABELS } from '../../../shared/domain/vocabulary.ts';
import { recordExceptions } from '../../../shared/kpi/exceptions.ts';
import { displayName } from '../../../shared/ydoc/projection.ts';
import { ukDate, ukDatesIn } from '../../ui/format.ts';
import { useAnnounce } from './announce.tsx';
import { displayNameOf, useCurrentUser } from './current-user.ts';
import { focusLater } from './common/entry-panels.tsx';
import {
  accommodationLabel,
  activityLabel,
  EET_STATE_LABELS,
  FLAG_KIND_LABELS,
  IN_TOUCH_STATE_LABELS,
  REVIEW_REASON_LABELS,
} from './labels.ts';
import { ProfileForm } from './profile/ProfileForm.tsx';
import type { LoadedRecord } from './use-record.ts';
import type { ReviewReason } from '../../../shared/domain/pathway-plan.ts';

function reviewText(loaded: LoadedRecord): string {
  const { plan } = loaded.status;
  const due = ukDate(plan.due);
  switch (plan.state) {
    case 'not-yet-due':
      return `First pathway plan due by ${due}`;
    case 'first-plan-overdue':
      return `First pathway plan overdue (was due ${due})`;
    case 'up-to-date':
      return plan.reason === 'six-monthly' || !(plan.reason in REVIEW_REASON_LABELS)
        ? due
        : `${due} (${REVIEW_REASON_LABELS[plan.reason as ReviewReason]})`;
    case 'review-overdue':
      return `Overdue (was due ${due})`;
    case 'not-required':
      return 'No pathway plan owed (qualifying care leaver: advice and assistance, s24A–24B)';
  }
}

/** The duty to provide a PA (from eligibility, or a returner's request) and the local target, apart. */
function paDutyText(loaded: LoadedRecord): string {
  const { status } = loaded;
  const target = status.paAllocationDue === null ? '' : `; local target ${ukDate(status.paAllocationDue)}`;
  switch (status.paDuty) {
    case 'not-owed':
      return 'Not owed: a qualifying care leaver is owed advice and assistance (Children Act 1989 s24A)';
    case 'not-yet':
      return `Starts ${ukDate(status.paDutyFrom)}${target}`;
    case 'met':
      return `Met: allocated${loaded.record.profile.paAllocatedOn === null ? '' : ` ${ukDate(loaded.record.profile.paAllocatedOn)}`}${target}`;
    case 'unmet':
      return `Not met: no PA allocated since ${ukDate(status.paDutyFrom)}${target}`;
  }
}

/** The status flags that apply today, e.g. "Refuses contact since 3 Mar 2026". */
function currentFlags(loaded: LoadedRecord): string[] {
  return loaded.record.flags
    .filter((flag) => isFlagActive(flag, loaded.today))
    .map(
      (flag) =>
        `${FLAG_KIND_LABELS[flag.kind]} ${flag.kind === 'died' ? 'on' : 'since'} ${ukDate(flag.from)}`,
    );
}

/** "Change details": a button that opens the profile form below it and gets focus back when it closes. */
function ChangeDetails({ loaded }: { loaded: LoadedRecord }) {
  const [open, setOpen] = useState(false);
  const announce = useAnnounce();
  const buttonId = useId();
  const panelId = useId();
  return (
    <>
      <p>
        <button
          type="button"
          id={buttonId}
          className="button button--secondary"
          aria-expanded={open}
          aria-controls={open ? panelId : undefined}
          onClick={() => setOpen(!open)}
        >
          Change details
        </button>{' '}
        <Link href={`/young-people/${encodeURIComponent(loaded.id)}/status`}>
          Record or end a status flag
        </Link>
      </p>
      {open ? (
        <ProfileForm
          loaded={loaded}
          id={panelId}
          onDone={(announcement) => {
            setOpen(false);
            if (announcement !== null) announce(announcement);
            focusLater(buttonId);
          }}
        />
      ) : null}
    </>
  );
}

/** The header of a record: who the young person is and where things stand today. */
export function RecordSummary({ loaded }: { loaded: LoadedRecord }) {
  const user = useCurrentUser();
  const { record, status } = loaded;
  const { profile } = record;
  const accommodation = status.accommodation;
  const exceptions = recordExceptions(record, status);
  const flags = currentFlags(loaded);
  return (
    <section aria-labelledby="record-name" className="record-summary">
      <p className="caption">
        <Link href="/">My caseload</Link>
      </p>
      <h1 id="record-name" tabIndex={-1}>
        {displayName(record)}
      </h1>
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
        <dt>Personal Adviser duty</dt>
        <dd data-testid="pa-duty">{paDutyText(loaded)}</dd>
        <dt>Status</dt>
        <dd>{flags.length === 0 ? 'No status flags' : flags.join('; ')}</dd>
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
        {status.stayingPut !== null ? (
          <>
            <dt>Staying Put</dt>
            <dd>
              With {status.stayingPut.carer} since {ukDate(status.stayingPut.from)}; the council supports it
              until {ukDate(status.stayingPut.dutyEndsOn)} (Children Act 1989 s23CZA)
            </dd>
          </>
        ) : null}
        <dt>Education, employment, training</dt>
        <dd>{status.eet.code === null ? EET_STATE_LABELS.unknown : activityLabel(status.eet.code)}</dd>
        <dt>Next review</dt>
        <dd>{reviewText(loaded)}</dd>
        <dt>Support ends</dt>
        <dd>
          {ukDate(status.supportEndsOn)}
          {profile.supportExtendedTo25 ? ' (extended to 25 at their request)' : ''}
        </dd>
      </dl>
      <ChangeDetails loaded={loaded} />
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
