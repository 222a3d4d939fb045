import { Link, useParams } from 'wouter';
import type { PlanAction } from '../../../shared/domain/model.ts';
import { ACCOM_LABELS } from '../../../shared/domain/codes.ts';
import { SCHEDULE_1_MATTERS, type Schedule1Matter } from '../../../shared/domain/vocabulary.ts';
import { displayName } from '../../../shared/ydoc/projection.ts';
import { useBridge } from '../../bridge/bridge-context.tsx';
import { ukDate } from '../../ui/format.ts';
import { savePageAsPdf } from '../../ui/print-pdf.ts';
import { usePageTitle } from '../../ui/use-page-title.ts';
import { useContactNumbers } from '../settings/contact-numbers.ts';
import { displayNameOf, useCurrentUser } from './current-user.ts';
import { MY_PLAN_MATTER_LABELS } from './labels.ts';
import { useRecord, type LoadedRecord } from './use-record.ts';
import { useRecordListed } from './use-record-listed.ts';

function actionLine(action: PlanAction): string {
  const who = action.owner.trim();
  const when = ukDate(action.dueDate);
  switch (action.status) {
    case 'done':
      return `Done${action.completedOn ? ` on ${ukDate(action.completedOn)}` : ''}.`;
    case 'dropped':
      return 'We agreed this is no longer needed.';
    case 'in-progress':
      return `${who} is doing this. To be done by ${when}.`;
    case 'not-started':
      return `${who} will do this by ${when}.`;
  }
}

function hasContent(loaded: LoadedRecord, matter: Schedule1Matter): boolean {
  const { record } = loaded;
  const section = record.plan.sections[matter];
  return (
    section.needs.trim() !== '' ||
    section.youngPersonViews.trim() !== '' ||
    record.actions.some((a) => a.matter === matter) ||
    record.objectives.some((o) => o.matter === matter)
  );
}

/** The latest review held on or before today (a review recorded today shows at once). */
function lastReviewOn(loaded: LoadedRecord): string | null {
  const held = loaded.record.reviews.map((r) => r.date).filter((date) => date <= loaded.today);
  return held.length === 0 ? null : held.reduce((a, b) => (a > b ? a : b));
}

/** Where the young person lives today, in words ("Bed and breakfast, since 22 Nov 2026"). */
function livingNow(loaded: LoadedRecord): string {
  const period = loaded.status.accommodation;
  if (period === null) return 'Not written down yet';
  return `${ACCOM_LABELS[period.code]}, since ${ukDate(period.startDate)}`;
}

function MyPlan({ id }: { id: string }) {
  const state = useRecord(id);
  const user = useCurrentUser();
  const numbers = useContactNumbers();
  const bridge = useBridge();
  const name = state.state === 'ready' ? displayName(state.value.record) : 'Young person';
  usePageTitle(`My plan: ${name}`);
  if (state.state !== 'ready') return <p>Opening the plan…</p>;
  const loaded = state.value;
  const { record, status } = loaded;
  const firstName = record.profile.preferredName ?? record.profile.givenName;
  const written = SCHEDULE_1_MATTERS.filter((matter) => hasContent(loaded, matter));
  const notWritten = SCHEDULE_1_MATTERS.filter((matter) => !hasContent(loaded, matter));
  return (
    <article className="my-plan">
      <p className="no-print">
        <Link href={`/young-people/${encodeURIComponent(id)}`}>Back to the record</Link>
      </p>
      <h1>My pathway plan</h1>
      <p className="my-plan__lead">
        This is {firstName}’s plan. It says what {firstName} needs, what {firstName} told us, and what we will
        all do, by when.
      </p>
      <dl className="facts">
        <dt>Name</dt>
        <dd>{displayName(record)}</dd>
        <dt>My Personal Adviser</dt>
        <dd>{displayNameOf(user, record.profile.allocatedPaId)}</dd>
        <dt>Their phone number</dt>
        <dd data-testid="my-plan-pa-phone">{numbers.paPhone || 'Ask your Personal Adviser'}</dd>
        <dt>Out of hours (evenings, weekends and bank holidays)</dt>
        <dd data-testid="my-plan-out-of-hours">
          {numbers.outOfHoursPhone || 'Ask your Personal Adviser for the council’s out-of-hours number'}
        </dd>
        <dt>Where I live now</dt>
        <dd data-testid="my-plan-living">{livingNow(loaded)}</dd>
        <dt>Plan agreed</dt>
        <dd>{ukDate(record.plan.firstAgreedOn, 'Not yet')}</dd>
        <dt>We last looked at it together</dt>
        <dd data-testid="my-plan-last-review">{ukDate(lastReviewOn(loaded), 'Not yet')}</dd>
        <dt>We will look at it again by</dt>
        <dd>{ukDate(status.plan.due)}</dd>
        <dt>Printed</dt>
        <dd>{ukDate(loaded.today)}</dd>
      </dl>
      <p className="no-print">
        <button type="button" className="button" onClick={() => void savePageAsPdf(bridge, 'my-plan.pdf')}>
          Print or save as PDF
        </button>
      </p>
      {written.map((matter) => {
        const section = record.plan.sections[matter];
        const actions = record.actions.filter((a) => a.matter === matter);
        const objectives = record.objectives.filter((o) => o.matter === matter);
        return (
          <section key={matter} className="my-plan__matter" aria-labelledby={`my-plan-${matter}`}>
            <h2 id={`my-plan-${matter}`}>{MY_PLAN_MATTER_LABELS[matter]}</h2>
            {section.youngPersonViews.trim() !== '' ? (
              <>
                <h3>What I said</h3>
                <blockquote className="prewrap">{section.youngPersonViews}</blockquote>
              </>
            ) : null}
            {section.needs.trim() !== '' ? (
              <>
                <h3>What I need</h3>
                <p className="prewrap">{section.needs}</p>
              </>
            ) : null}
            {objectives.length > 0 ? (
              <>
                <h3>What we are aiming for</h3>
                <ul>
                  {objectives.map((objective) => (
                    <li key={objective.id}>
                      {objective.description}, by {ukDate(objective.targetDate)}
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
            {actions.length > 0 ? (
              <>
                <h3>What we will do</h3>
                <ul className="my-plan__actions">
                  {actions.map((action) => (
                    <li key={action.id}>
                      <strong>{action.description}</strong>
                      <br />
                      {actionLine(action)}
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
          </section>
        );
      })}
      {notWritten.length > 0 ? (
        <section aria-labelledby="my-plan-later">
          <h2 id="my-plan-later">Things we have not written about yet</h2>
          <p>{notWritten.map((matter) => MY_PLAN_MATTER_LABELS[matter]).join(', ')}.</p>
        </section>
      ) : null}
    </article>
  );
}

/** "My plan": the pathway plan in plain language for the young person, with print styles (#/young-people/:id/my-plan). */
export function MyPlanPage() {
  const { id } = useParams<{ id: string }>();
  const listed = useRecordListed(id);
  if (listed === 'loading') return <p>Opening the plan…</p>;
  if (listed === 'no')
    return (
      <>
        <h1>Plan not found</h1>
        <p>
          There is no record with this reference on this laptop. <Link href="/">Go to my caseload</Link>.
        </p>
      </>
    );
  return <MyPlan id={id} />;
}
