/**
 * What a field path in a record names ('accommodation.<id>.suitable', 'plan.sections.health.needs',
 * 'profile.dateOfBirth', 'entitlements.<item>.status'), how to say it in plain English, and how to
 * write a chosen value back to that field (which settles a contested field).
 */
import type * as Y from 'yjs';
import {
  ACCOM_LABELS,
  ACTIV_LABELS,
  type AccomLetter,
  type ActivCode,
} from '../../../shared/domain/codes.ts';
import { COLLECTION_NAMES, COLLECTION_SUBJECTS, type CollectionName } from '../../../shared/domain/model.ts';
import {
  SCHEDULE_1_LABELS,
  SCHEDULE_1_MATTERS,
  type FlagKind,
  type Schedule1Matter,
} from '../../../shared/domain/vocabulary.ts';
import type { WriteContext } from '../../../shared/ydoc/contested.ts';
import {
  setEntitlement,
  setPlanDates,
  setPlanSection,
  setProfile,
  updateEntry,
} from '../../../shared/ydoc/write-record.ts';
import { ukDate, ukDateTime } from '../../ui/format.ts';
import { FLAG_KIND_LABELS } from './labels.ts';

export type FieldTarget =
  | { readonly kind: 'profile'; readonly field: string }
  | { readonly kind: 'plan'; readonly field: string }
  | { readonly kind: 'plan-section'; readonly matter: Schedule1Matter; readonly field: string }
  | { readonly kind: 'entitlement'; readonly item: string; readonly field: string }
  | {
      readonly kind: 'entry';
      readonly collection: CollectionName;
      readonly id: string;
      readonly field: string;
    };

export function parseFieldPath(path: string): FieldTarget | null {
  const parts = path.split('.');
  const [head, second, third, fourth] = parts;
  if (head === 'profile' && second !== undefined && parts.length === 2)
    return { kind: 'profile', field: second };
  if (head === 'plan' && second === 'sections' && third !== undefined && fourth !== undefined) {
    const matter = SCHEDULE_1_MATTERS.find((m) => m === third);
    return matter ? { kind: 'plan-section', matter, field: fourth } : null;
  }
  if (head === 'plan' && second !== undefined && parts.length === 2) return { kind: 'plan', field: second };
  if (head === 'entitlements' && parts.length >= 3) {
    const field = parts.at(-1) ?? '';
    return { kind: 'entitlement', item: parts.slice(1, -1).join('.'), field };
  }
  const collection = COLLECTION_NAMES.find((name) => name === head);
  if (collection && second !== undefined && third !== undefined && parts.length === 3)
    return { kind: 'entry', collection, id: second, field: third };
  return null;
}

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
  _deleted: 'removed',
};

export function fieldLabel(field: string): string {
  return FIELD_LABELS[field] ?? field;
}

/** "Accommodation period: suitability", "Pathway plan, 9. Health…: needs". */
export function describePath(path: string): string {
  const target = parseFieldPath(path);
  if (target === null) return path;
  switch (target.kind) {
    case 'profile':
      return `Profile: ${fieldLabel(target.field)}`;
    case 'plan':
      return `Pathway plan: ${fieldLabel(target.field)}`;
    case 'plan-section':
      return `Pathway plan, ${SCHEDULE_1_LABELS[target.matter]}: ${fieldLabel(target.field)}`;
    case 'entitlement':
      return `Entitlement ${target.item}: ${fieldLabel(target.field)}`;
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

/** Writes `value` to the field at `path` with the matching shared writer (validated like any edit). */
export function writeFieldValue(doc: Y.Doc, path: string, value: unknown, ctx: WriteContext): void {
  const target = parseFieldPath(path);
  if (target === null) throw new Error(`Waymark cannot write the field ${path} from here.`);
  const patch = { [target.field]: value };
  switch (target.kind) {
    case 'profile':
      setProfile(doc, patch, ctx);
      return;
    case 'plan':
      setPlanDates(doc, patch, ctx);
      return;
    case 'plan-section':
      setPlanSection(doc, target.matter, patch, ctx);
      return;
    case 'entitlement':
      setEntitlement(doc, target.item, patch, ctx);
      return;
    case 'entry':
      updateEntry(doc, target.collection, target.id, patch, ctx);
      return;
  }
}
