/**
 * What a field path in a record names ('accommodation.<id>.suitable', 'plan.sections.health.needs',
 * 'profile.dateOfBirth', 'entitlements.<item>.status'), how to say it in plain English, and how to
 * write a chosen value back to that field (which settles a contested field).
 */
import {
  ACCOM_LABELS,
  ACTIV_LABELS,
  type AccomLetter,
  type ActivCode,
} from '../../../../shared/domain/codes.ts';
import { COLLECTION_SUBJECTS } from '../../../../shared/domain/model.ts';
import { DEFAULT_ENTITLEMENT_CHECKLIST, type ChecklistItem } from '../../../../shared/domain/settings.ts';
import { SCHEDULE_1_LABELS, type FlagKind } from '../../../../shared/domain/vocabulary.ts';
import { parseFieldPath } from '../../../../shared/ydoc/field-path.ts';
import { ukDate, ukDateTime } from '../../../ui/format.ts';
import { FLAG_KIND_LABELS } from '../labels.ts';

export { parseFieldPath, writeFieldValue, type FieldTarget } from '../../../../shared/ydoc/field-path.ts';

const FIELD_LABELS: Readonly<Record<string, string>> = {
  givenName: 'given name',
  familyName: 'family name',
  preferredName: 'preferred name',
  dateOfBirth: 'date of birth',
  category: 'category',
  dateLeftCare: 'date left care',
  becameEligibleOn: 'became eligible on',
  supportExtendedTo25: 'support extended to 25',
  returnRequestedOn: 'asked to come back for support on',
  paAllocatedOn: 'Personal Adviser allocated on',
  kind: 'status flag',
  from: 'from',
  to: 'last day it applied',
  targetDate: 'by when',
  achievedOn: 'achieved on',
  seen: 'seen',
  seenAlone: 'seen alone',
  detail: 'details',
  allocatedPaId: 'Personal Adviser',
  teamId: 'team',
  needs: 'needs',
  youngPersonViews: "young person's views",
  needsAssessmentCompletedOn: 'needs assessment completed on',
  firstAgreedOn: 'first plan agreed on',
  suitable: 'suitability',
  suitabilityReason: 'reason for the suitability decision',
  suitabilityConcerns: 'matters of concern',
  carer: 'former foster carer',
  formerFosterCarer: 'foster carer when care ended',
  address: 'address',
  provider: 'landlord or provider',
  contactPhone: 'contact phone',
  riskAssessedOn: 'risk assessment date',
  riskReviewDue: 'risk assessment review date',
  seniorApprovalBy: 'senior approval by',
  seniorApprovalOn: 'senior approval date',
  startDate: 'start date',
  endDate: 'end date',
  code: 'accommodation type',
  activ: 'activity',
  dueDate: 'due date',
  owner: 'who',
  description: 'what',
  status: 'status',
  completedOn: 'completed on',
  evidence: 'evidence',
  at: 'date and time',
  method: 'method',
  outcome: 'outcome',
  notes: 'notes',
  updatedOn: 'date given or explained',
  councilProvided: 'provided by the council',
  matter: 'pathway plan matter',
  objectiveId: 'objective',
  date: 'date',
  trigger: 'reason for the review',
  requestedOn: 'asked for on',
  by: 'by',
  note: 'note',
  actionRequired: 'action required',
  dueBy: 'due by',
  on: 'date',
  assessedOn: 'assessed on',
  risk: 'risk',
  plan: 'plan',
  reviewDue: 'review due',
  amountPence: 'amount',
  _deleted: 'removed',
};

/** The field names that have a plain-English label (tests check every schema field is among them). */
export const LABELLED_FIELDS: ReadonlySet<string> = new Set(Object.keys(FIELD_LABELS));

/** A field's plain-English label; a field this version does not know is never shown by its key. */
export function fieldLabel(field: string): string {
  return FIELD_LABELS[field] ?? 'a detail added by a newer version of Waymark';
}

/** What an item no longer in the team's local offer (nor the national list) is called. */
export const UNKNOWN_OFFER_ITEM = 'An item no longer in the local offer';

/**
 * An entitlement checklist item by its label ('Setting Up Home Allowance'), never its key: from the
 * team's local offer as kept on this laptop (team settings), then the national list.
 */
export function entitlementLabel(
  item: string,
  offer: readonly ChecklistItem[] = DEFAULT_ENTITLEMENT_CHECKLIST,
): string {
  return (
    offer.find((entry) => entry.key === item)?.label ??
    DEFAULT_ENTITLEMENT_CHECKLIST.find((entry) => entry.key === item)?.label ??
    UNKNOWN_OFFER_ITEM
  );
}

/**
 * "Accommodation period: suitability", "Pathway plan, 9. Health…: needs"; entitlements named from
 * `offer`, the team's local offer.
 */
export function describePath(
  path: string,
  offer: readonly ChecklistItem[] = DEFAULT_ENTITLEMENT_CHECKLIST,
): string {
  const target = parseFieldPath(path);
  if (target === null) return 'A part of the record this version of Waymark does not know';
  switch (target.kind) {
    case 'profile':
      return `Profile: ${fieldLabel(target.field)}`;
    case 'plan':
      return `Pathway plan: ${fieldLabel(target.field)}`;
    case 'plan-section':
      return `Pathway plan, ${SCHEDULE_1_LABELS[target.matter]}: ${fieldLabel(target.field)}`;
    case 'entitlement':
      return `Entitlement, ${entitlementLabel(target.item, offer)}: ${fieldLabel(target.field)}`;
    case 'entry': {
      const subject = COLLECTION_SUBJECTS[target.collection];
      return `${subject.charAt(0).toUpperCase()}${subject.slice(1)}: ${fieldLabel(target.field)}`;
    }
  }
}

/** A stored value in plain words. */
export function describeValue(field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '(blank)';
  if (typeof value === 'boolean') {
    if (field === 'suitable') return value ? 'Suitable' : 'Unsuitable';
    return value ? 'Yes' : 'No';
  }
  if (typeof value === 'string') {
    if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return ukDate(value);
    if (/^\d{4}-\d{2}-\d{2}T/.test(value)) return ukDateTime(value);
    if (field === 'code' && value in ACCOM_LABELS) return `${ACCOM_LABELS[value as AccomLetter]} (${value})`;
    if (field === 'kind' && value in FLAG_KIND_LABELS) return FLAG_KIND_LABELS[value as FlagKind];
    if (field === 'activ' && value in ACTIV_LABELS) return `${ACTIV_LABELS[value as ActivCode]} (${value})`;
    return value.length > 120 ? `${value.slice(0, 117)}…` : value;
  }
  return JSON.stringify(value);
}
