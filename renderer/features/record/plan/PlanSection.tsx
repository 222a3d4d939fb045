import { isActionOverdue } from '../../../../shared/domain/pathway-plan.ts';
import {
  SCHEDULE_1_LABELS,
  SCHEDULE_1_MATTERS,
  type Schedule1Matter,
} from '../../../../shared/domain/vocabulary.ts';
import { removeEntry, updateEntry } from '../../../../shared/ydoc/write-record.ts';
import { ukDate } from '../../../ui/format.ts';
import { ActionForm } from './ActionForm.tsx';
import { EntryButtonsAndPanels, useEntryPanels } from '../common/entry-panels.tsx';
import { EntryTable } from '../common/EntryTable.tsx';
import {
  ACTION_STATUS_LABELS,
  QUALIFYING_PLAN_TEXT,
  REVIEW_REASON_LABELS,
  REVIEW_TRIGGER_LABELS,
} from '../labels.ts';
import {
  MatterNotesForm,
  ObjectiveEditForm,
  ObjectiveForm,
  PlanDatesForm,
  ReviewForm,
  ReviewRequestForm,
} from './PlanForms.tsx';
import type { LoadedRecord } from '../use-record.ts';
import type { ReviewReason } from '../../../../shared/domain/pathway-plan.ts';

function nextReview(loaded: LoadedRecord): string {
  const { plan } = loaded.status;
  switch (plan.state) {
    case 'not-yet-due':
      return `No plan agreed yet. The first pathway plan is due by ${ukDate(plan.due)}.`;
    case 'first-plan-overdue':
      return `No plan agreed yet. The first pathway plan was due by ${ukDate(plan.due)}: it is overdue.`;
    case 'up-to-date':
      return `Next review due by ${ukDate(plan.due)}${plan.reason in REVIEW_REASON_LABELS ? ` (${REVIEW_REASON_LABELS[plan.reason as ReviewReason]})` : ''}.`;
    case 'review-overdue':
      return `The review was due by ${ukDate(plan.due)}: it is overdue.`;
    case 'not-required':
      return QUALIFYING_PLAN_TEXT;
  }
}

function MatterPanel({ loaded, matter }: { loaded: LoadedRecord; matter: Schedule1Matter }) {
  const objectivePanels = useEntryPanels();
  const { record } = loaded;
  const objectives = record.objectives.filter((objective) => objective.matter === matter);
  const actions = record.actions.filter((action) => action.matter === matter);
  const section = record.plan.sections[matter];
  const headingId = `matter-${matter}`;
  const objectivesTitle = `matter-${matter}-objectives`;
  const actionsTitle = `matter-${matter}-actions`;
  return (
    <details className="matter">
      <summary>
        <span id={headingId}>{SCHEDULE_1_LABELS[matter]}</span>
        <span className="matter__count">
          {' '}
          ({actions.length} action{actions.length === 1 ? '' : 's'})
        </span>
      </summary>
      <div className="matter__body">
        <MatterNotesForm
          key={`${section.needs}|${section.youngPersonViews}`}
          loaded={loaded}
          matter={matter}
          section={section}
        />
        <h4 id={objectivesTitle} tabIndex={-1}>
          Objectives
        </h4>
        {objectives.length === 0 ? (
          <p>No objectives yet.</p>
        ) : (
          <ul>
            {objectives.map((objective) => {
              const what = `objective: ${objective.description}`;
              const linked = actions.filter((action) => action.objectiveId === objective.id);
              return (
                <li key={objective.id}>
                  {objective.description}, by {ukDate(objective.targetDate)}
                  {objective.achievedOn ? ` (achieved ${ukDate(objective.achievedOn)})` : ''}{' '}
                  <EntryButtonsAndPanels
                    panels={objectivePanels}
                    entryId={objective.id}
                    what={what}
                    removeTitle="Remove this objective?"
                    removeBody={
                      <p>
                        This removes the <strong>{what}</strong> from the plan.
                        {linked.length > 0
                          ? ` ${linked.length} action${linked.length === 1 ? ' is' : 's are'} linked to it: ${linked.length === 1 ? 'it stays' : 'they stay'} in the plan, linked to no objective.`
                          : ''}
                      </p>
                    }
                    onRemove={() =>
                      loaded.save((doc, ctx) => {
                        for (const action of linked)
                          updateEntry(doc, 'actions', action.id, { objectiveId: null }, ctx);
                        removeEntry(doc, 'objectives', objective.id, ctx);
                      })
                    }
                    listHeadingId={objectivesTitle}
                    changeForm={({ id, onDone }) => (
                      <ObjectiveEditForm loaded={loaded} objective={objective} id={id} onDone={onDone} />
                    )}
                  />
                </li>
              );
            })}
          </ul>
        )}
        <ObjectiveForm loaded={loaded} matter={matter} />
        <EntryTable
          heading="Actions"
          headingLevel={4}
          empty="No actions yet."
          entries={actions}
          caption={`Actions for ${SCHEDULE_1_LABELS[matter]}`}
          captionClassName="visually-hidden"
          headers={['What', 'Who', 'By when', 'Status', 'Evidence']}
          level={5}
          listHeadingId={actionsTitle}
          what={(action) => `action: ${action.description}`}
          cells={(action) => [
            action.description,
            action.owner,
            <>
              {ukDate(action.dueDate)}
              {isActionOverdue(action, loaded.today) ? (
                <strong className="badge badge--danger">Overdue</strong>
              ) : null}
            </>,
            `${ACTION_STATUS_LABELS[action.status]}${action.completedOn ? ` on ${ukDate(action.completedOn)}` : ''}`,
            action.evidence,
          ]}
          panelsOf={(action) => ({
            removeTitle: 'Remove this action?',
            removeBody: (
              <p>
                This removes the <strong>action: {action.description}</strong> ({action.owner}, by{' '}
                {ukDate(action.dueDate)}) from the plan. To record that it is no longer needed, change its
                status instead.
              </p>
            ),
            onRemove: () => loaded.save((doc, ctx) => removeEntry(doc, 'actions', action.id, ctx)),
            changeForm: ({ id, onDone }) => (
              <ActionForm
                loaded={loaded}
                matter={matter}
                objectives={objectives}
                change={{ action, id, onDone }}
              />
            ),
          })}
        />
        <ActionForm loaded={loaded} matter={matter} objectives={objectives} />
      </div>
    </details>
  );
}

/** The pathway plan: dates and reviews, then the ten Schedule 1 matters with needs, views, objectives and actions. */
export function PlanSection({ loaded }: { loaded: LoadedRecord }) {
  const { record } = loaded;
  return (
    <section aria-labelledby="plan-title">
      <h2 id="plan-title">Pathway plan</h2>
      <p className="notice">{nextReview(loaded)}</p>
      <PlanDatesForm
        key={`${record.plan.needsAssessmentCompletedOn}|${record.plan.firstAgreedOn}`}
        loaded={loaded}
      />
      <h3>The ten matters</h3>
      <p className="hint">
        Open a matter to write the needs, the young person’s own views, objectives and actions.
      </p>
      {SCHEDULE_1_MATTERS.map((matter) => (
        <MatterPanel key={matter} loaded={loaded} matter={matter} />
      ))}
      <h3>Reviews</h3>
      {record.reviews.length === 0 ? (
        <p>No reviews recorded yet.</p>
      ) : (
        <ul>
          {[...record.reviews].reverse().map((review) => (
            <li key={review.id}>
              {ukDate(review.date)}: {REVIEW_TRIGGER_LABELS[review.trigger]}
              {review.notes ? `. ${review.notes}` : ''}
            </li>
          ))}
        </ul>
      )}
      {record.reviewRequests.length > 0 ? (
        <p>
          Reviews the young person asked for:{' '}
          {record.reviewRequests.map((request) => ukDate(request.requestedOn)).join(', ')}.
        </p>
      ) : null}
      <ReviewForm loaded={loaded} />
      <ReviewRequestForm loaded={loaded} />
    </section>
  );
}
