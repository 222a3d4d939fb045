/**
 * Everything the rules say about one record on one day, computed once and shared by the exception
 * lists, the Dexie projection and the team KPIs.
 */
import {
  accommodationConcerns,
  accommodationOn,
  stayingPutOn,
  type AccommodationConcern,
  type StayingPut,
} from './accommodation.ts';
import {
  inTouchState,
  lastContact,
  nextContactDue,
  visitDue,
  type InTouchState,
  type VisitDue,
} from './contact.ts';
import { ageOn, type IsoDate } from './dates.ts';
import { eetStatus, type EetStatus } from './eet.ts';
import {
  currentCategory,
  isActiveCase,
  nextSignificantBirthday,
  paAllocationDue,
  paAllocationStatus,
  paDuty,
  paDutyFrom,
  supportEndsOn,
  upcomingTransitions,
  type PaAllocationStatus,
  type PaDutyState,
  type SignificantBirthday,
  type Transition,
} from './eligibility.ts';
import type {
  AccommodationPeriod,
  ContactEvent,
  PlanAction,
  RecontactPlan,
  YoungPersonRecord,
} from './model.ts';
import {
  needsAssessmentDue,
  needsAssessmentState,
  overdueActions,
  planStatus,
  type NeedsAssessmentState,
  type PlanStatus,
} from './pathway-plan.ts';
import { currentRecontactPlan } from './recontact.ts';
import type { TeamSettings } from './settings.ts';
import type { CareLeaverCategory } from './vocabulary.ts';

export interface RecordStatus {
  readonly today: IsoDate;
  readonly age: number;
  readonly category: CareLeaverCategory | null;
  /** Support not ended, alive, still wants services. */
  readonly active: boolean;
  readonly supportEndsOn: IsoDate;
  /** The duty to provide a PA: from eligibility (or a returner's request); none for qualifying care leavers. */
  readonly paDuty: PaDutyState;
  readonly paDutyFrom: IsoDate | null;
  /** Allocation against the council's local target ("PA by 16½" by default). */
  readonly paAllocation: PaAllocationStatus;
  readonly paAllocationDue: IsoDate | null;
  readonly needsAssessment: NeedsAssessmentState;
  readonly needsAssessmentDue: IsoDate | null;
  readonly plan: PlanStatus;
  readonly overdueActions: readonly PlanAction[];
  readonly lastContact: ContactEvent | null;
  readonly inTouch: InTouchState;
  readonly nextContactDue: IsoDate | null;
  readonly recontactPlan: RecontactPlan | null;
  readonly accommodation: AccommodationPeriod | null;
  readonly accommodationConcerns: readonly AccommodationConcern[];
  /** A Staying Put arrangement today (s23CZA), or null. */
  readonly stayingPut: StayingPut | null;
  readonly visit: VisitDue | null;
  readonly eet: EetStatus;
  readonly nextSignificantBirthday: SignificantBirthday | null;
  readonly upcomingTransitions: readonly Transition[];
}

export function recordStatus(
  record: YoungPersonRecord,
  today: IsoDate,
  settings: TeamSettings,
): RecordStatus {
  const { profile } = record;
  const accommodation = accommodationOn(record.accommodation, today);
  return {
    today,
    age: ageOn(profile.dateOfBirth, today),
    category: currentCategory(profile, today, record.flags),
    active: isActiveCase(record, today),
    supportEndsOn: supportEndsOn(profile),
    paDuty: paDuty(profile, today),
    paDutyFrom: paDutyFrom(profile),
    paAllocation: paAllocationStatus(profile, today, settings),
    paAllocationDue: paAllocationDue(profile, settings),
    needsAssessment: needsAssessmentState(record, today),
    needsAssessmentDue: needsAssessmentDue(profile),
    plan: planStatus(record, today, settings),
    overdueActions: overdueActions(record.actions, today),
    lastContact: lastContact(record.contacts, today),
    inTouch: inTouchState(record, today, settings),
    nextContactDue: nextContactDue(record, today, settings),
    recontactPlan: currentRecontactPlan(record.recontactPlans, today),
    accommodation,
    accommodationConcerns:
      accommodation === null ? [] : accommodationConcerns(accommodation, today, profile.dateOfBirth),
    stayingPut: stayingPutOn(record.accommodation, profile.dateOfBirth, today),
    visit: visitDue(record, today, settings),
    eet: eetStatus(record.eet, today),
    nextSignificantBirthday: nextSignificantBirthday(profile.dateOfBirth, today),
    upcomingTransitions: upcomingTransitions(profile.dateOfBirth, today, settings.birthdayNoticeDays),
  };
}
