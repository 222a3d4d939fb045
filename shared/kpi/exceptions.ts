/**
 * Exception lists: what a manager must look at for each young person, each with a reason. Computed only
 * for active cases (support not ended, alive, still wanting services).
 */
import { dateOfDateTime } from '../domain/dates.ts';
import { COLLECTION_NAMES, COLLECTION_SUBJECTS, type YoungPersonRecord } from '../domain/model.ts';
import type { RecordStatus } from '../domain/status.ts';

export const EXCEPTION_KINDS = [
  'pa-not-allocated',
  'needs-assessment-overdue',
  'first-plan-overdue',
  'review-overdue',
  'not-in-touch-no-recontact-plan',
  'unsuitable-no-risk-assessment',
  'bb-or-emergency',
  'move-paperwork-missing',
  'staying-put',
  'visit-overdue',
  'actions-overdue',
  'turning-18',
  'turning-21',
  'turning-25',
  'contested',
  'needs-attention',
] as const;
export type ExceptionKind = (typeof EXCEPTION_KINDS)[number];

export const EXCEPTION_LABELS: Readonly<Record<ExceptionKind, string>> = {
  'pa-not-allocated': 'No PA allocated',
  'needs-assessment-overdue': 'Needs assessment overdue',
  'first-plan-overdue': 'No pathway plan',
  'review-overdue': 'Pathway plan review overdue',
  'not-in-touch-no-recontact-plan': 'Not in touch, no current re-contact plan',
  'unsuitable-no-risk-assessment': 'Unsuitable accommodation, no current risk assessment',
  'bb-or-emergency': 'Bed and breakfast or emergency accommodation',
  'move-paperwork-missing': 'Move recorded, paperwork to complete',
  'staying-put': 'Staying Put arrangement to check',
  'visit-overdue': 'Visit at council-provided accommodation overdue',
  'actions-overdue': 'Plan actions overdue',
  'turning-18': 'Turning 18 soon',
  'turning-21': 'Turning 21 soon',
  'turning-25': 'Turning 25 soon',
  contested: 'Fields set differently by two people offline',
  'needs-attention': 'Entries that could not be read',
};

const REVIEW_REASON_WORDS: Readonly<Record<RecordStatus['plan']['reason'], string>> = {
  'six-monthly': 'six-monthly review',
  'young-person-request': 'review the young person asked for',
  'accommodation-first': 'review 28 days after the council provided accommodation',
  'accommodation-three-monthly': 'three-monthly review while the council provides accommodation',
  'first-plan': 'first pathway plan',
  'not-required': 'pathway plan',
};

export interface ExceptionReason {
  readonly kind: ExceptionKind;
  readonly message: string;
}

/** The parts of the record holding contested fields, in words ("the profile", "an accommodation period"). */
function contestedParts(record: YoungPersonRecord): string[] {
  const parts = record.contested.map(({ path }) => {
    const head = path.split('.')[0] ?? '';
    if (head === 'profile') return 'the profile';
    if (head === 'plan') return 'the pathway plan';
    if (head === 'entitlements') return 'the entitlements';
    const collection = COLLECTION_NAMES.find((name) => name === head);
    if (collection === undefined) return 'the record';
    const subject = COLLECTION_SUBJECTS[collection];
    return `${/^[aeiou]/i.test(subject) ? 'an' : 'a'} ${subject}`;
  });
  return [...new Set(parts)];
}

function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}

export function recordExceptions(record: YoungPersonRecord, status: RecordStatus): ExceptionReason[] {
  if (!status.active) return [];
  const out: ExceptionReason[] = [];
  const add = (kind: ExceptionKind, message: string) => out.push({ kind, message });

  if (status.paDuty === 'unmet')
    add(
      'pa-not-allocated',
      `no PA allocated: the duty applies from ${status.paDutyFrom ?? ''}` +
        (status.paAllocationDue === null ? '' : `; local target ${status.paAllocationDue}`),
    );
  if (status.needsAssessment === 'overdue')
    add('needs-assessment-overdue', `needs assessment was due ${status.needsAssessmentDue ?? ''}`);
  if (status.plan.state === 'first-plan-overdue')
    add('first-plan-overdue', `first pathway plan was due ${status.plan.due}`);
  if (status.plan.state === 'review-overdue')
    add('review-overdue', `${REVIEW_REASON_WORDS[status.plan.reason]} was due ${status.plan.due}`);
  if (
    (status.inTouch === 'not-in-touch' || status.inTouch === 'refuses-contact') &&
    status.recontactPlan === null
  )
    add(
      'not-in-touch-no-recontact-plan',
      status.lastContact === null
        ? 'no contact recorded and no current re-contact plan'
        : `last contact ${dateOfDateTime(status.lastContact.at)}; no current re-contact plan`,
    );
  for (const concern of status.accommodationConcerns) add(concern.kind, concern.message);
  if (status.visit !== null && status.visit.dueBy < status.today)
    add(
      'visit-overdue',
      status.visit.reason === 'after-move'
        ? `visit within 7 days of the move was due ${status.visit.dueBy}`
        : status.visit.reason === 'before-review'
          ? `visit before the review was due ${status.visit.dueBy}`
          : `two-monthly visit was due ${status.visit.dueBy}`,
    );
  if (status.overdueActions.length > 0) {
    const oldest = status.overdueActions.reduce((a, b) => (a.dueDate <= b.dueDate ? a : b));
    add(
      'actions-overdue',
      `${plural(status.overdueActions.length, 'overdue action')}, oldest due ${oldest.dueDate}`,
    );
  }
  for (const birthday of status.upcomingTransitions)
    add(`turning-${birthday.age}`, `turns ${birthday.age} on ${birthday.date}`);
  if (record.contested.length > 0)
    add(
      'contested',
      `${plural(record.contested.length, 'field')} set differently, in ${contestedParts(record).join(', ')}`,
    );
  if (record.readIssues.length > 0)
    add('needs-attention', `${plural(record.readIssues.length, 'entry', 'entries')} could not be read`);
  return out;
}
