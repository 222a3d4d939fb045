/**
 * A record's change history in plain language, for the History tab: every change to every field
 * (shared/ydoc/history.ts), with the field's label, which entry it belongs to, who made it by name (or
 * where it came from), the date and time, and the old and new values as people read them. No user id or
 * internal key ever appears in what this returns.
 */
import * as Y from 'yjs';
import {
  ACCOM_LABELS,
  ACTIV_LABELS,
  type AccomLetter,
  type ActivCode,
} from '../../../../shared/domain/codes.ts';
import { COLLECTION_SUBJECTS, type CollectionName } from '../../../../shared/domain/model.ts';
import type { ChecklistItem } from '../../../../shared/domain/settings.ts';
import { CATEGORY_LABELS, SCHEDULE_1_LABELS } from '../../../../shared/domain/vocabulary.ts';
import { readFields, type RegisterMap } from '../../../../shared/ydoc/contested.ts';
import { recordChanges, type FieldChange, type RemovedEntry } from '../../../../shared/ydoc/history.ts';
import { DELETED_FIELD } from '../../../../shared/ydoc/schema.ts';
import { ukDate, ukDateTime } from '../../../ui/format.ts';
import { describePath, describeValue, fieldLabel, parseFieldPath } from '../common/field-paths.ts';
import {
  ACTION_STATUS_LABELS,
  CONTACT_METHOD_LABELS,
  CONTACT_OUTCOME_LABELS,
  ENTITLEMENT_STATUS_LABELS,
  FLAG_KIND_LABELS,
  REVIEW_TRIGGER_LABELS,
  RISK_LEVEL_LABELS,
} from '../labels.ts';
import { looksLikeInternalId } from '../../../../shared/person-name.ts';

/** How people are named: the signed-in user, colleagues known on this laptop, never a raw id. */
export interface PeopleNames {
  name(userId: string): string;
  /** The signed-in user's team, to say "your team" rather than a team id. */
  readonly teamId: string | null;
  /** The team's local offer as kept on this laptop, to name entitlement items (default: the national list). */
  readonly offer?: readonly ChecklistItem[];
}

export interface HistoryRow {
  readonly key: string;
  /** Which part of the record: 'profile', 'plan', 'entitlements' or a collection name (for filtering). */
  readonly part: string;
  /** "5 Jul 2026 at 14:05", or "5 Jul 2026" for changes made before the time of day was kept. */
  readonly when: string;
  readonly who: string;
  readonly what: string;
  readonly from: string;
  readonly to: string;
}

/** The parts of the record, as the History tab's filter offers them. */
export const HISTORY_PARTS: readonly { readonly value: string; readonly label: string }[] = [
  { value: 'profile', label: 'Profile' },
  { value: 'plan', label: 'Pathway plan' },
  { value: 'entitlements', label: 'Entitlements' },
  ...(Object.entries(COLLECTION_SUBJECTS) as [CollectionName, string][]).map(([value, subject]) => ({
    value,
    label: `${subject.charAt(0).toUpperCase()}${subject.slice(1)}s`,
  })),
];

const LABELS_BY_FIELD: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  method: CONTACT_METHOD_LABELS,
  outcome: CONTACT_OUTCOME_LABELS,
  trigger: REVIEW_TRIGGER_LABELS,
  risk: RISK_LEVEL_LABELS,
  kind: FLAG_KIND_LABELS,
  category: CATEGORY_LABELS,
  matter: SCHEDULE_1_LABELS,
};

/** Fields that hold who did something: a user id (shown by name) or a name typed in. */
const PERSON_FIELDS: ReadonlySet<string> = new Set(['allocatedPaId', 'by']);

function short(text: string, max = 60): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** A stored value as people read it: codes as their labels, dates as "5 Jul 2026", people by name. */
export function displayValue(path: string, value: unknown, people: PeopleNames): string {
  const target = parseFieldPath(path);
  const field = target?.field ?? '';
  if (field === DELETED_FIELD) return value === true ? 'Removed' : 'Restored';
  if (value === null || value === undefined || value === '') return '(blank)';
  if (typeof value === 'string') {
    if (PERSON_FIELDS.has(field)) return short(people.name(value), 200);
    if (field === 'teamId') return value === people.teamId ? 'Your team' : 'Another team';
    if (field === 'objectiveId') return 'An objective of the plan';
    if (field === 'status')
      return (
        (target?.kind === 'entitlement'
          ? (ENTITLEMENT_STATUS_LABELS as Record<string, string>)[value]
          : (ACTION_STATUS_LABELS as Record<string, string>)[value]) ?? value
      );
    const labels = LABELS_BY_FIELD[field];
    if (labels !== undefined && value in labels) return labels[value] ?? value;
    if (field === 'seniorApprovalBy')
      return looksLikeInternalId(value) ? 'A senior manager' : short(value, 200);
  }
  if (field === 'amountPence' && typeof value === 'number') return `£${(value / 100).toFixed(2)}`;
  if (field === 'councilProvided' && typeof value === 'boolean') return value ? 'Yes' : 'No';
  const text = describeValue(field, value);
  return typeof value === 'string' && value.length > 120 ? short(value, 500) : text;
}

/** A few words that tell one entry from another ("Bed and breakfast (W) from 1 Jun 2026"). */
export function entryTitle(collection: CollectionName, values: Readonly<Record<string, unknown>>): string {
  const text = (field: string) => (typeof values[field] === 'string' ? (values[field] as string) : '');
  switch (collection) {
    case 'accommodation':
      return `${ACCOM_LABELS[text('code') as AccomLetter] ?? 'Accommodation'} from ${ukDate(text('startDate'))}`;
    case 'eet':
      return `${ACTIV_LABELS[text('activ') as ActivCode] ?? 'Activity'} from ${ukDate(text('startDate'))}`;
    case 'contacts':
      return `${CONTACT_METHOD_LABELS[text('method') as keyof typeof CONTACT_METHOD_LABELS] ?? 'Contact'} on ${ukDateTime(text('at'))}`;
    case 'objectives':
    case 'actions':
      return `“${short(text('description'), 50)}”`;
    case 'reviews':
      return `held on ${ukDate(text('date'))}`;
    case 'reviewRequests':
      return `asked for on ${ukDate(text('requestedOn'))}`;
    case 'flags':
      return `${FLAG_KIND_LABELS[text('kind') as keyof typeof FLAG_KIND_LABELS] ?? 'Flag'} from ${ukDate(text('from'))}`;
    case 'oversight':
      return `on ${ukDate(text('on'))}`;
    case 'recontactPlans':
      return `assessed on ${ukDate(text('assessedOn'))}`;
  }
}

function capitalised(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
}

/** "Accommodation period, Bed and breakfast (W) from 1 Jun 2026: risk assessment review date". */
function describeChange(
  change: FieldChange,
  titles: ReadonlyMap<string, string>,
  people: PeopleNames,
): string {
  if (change.entry === null) return describePath(change.path, people.offer);
  const subject = capitalised(COLLECTION_SUBJECTS[change.entry.collection]);
  const title = titles.get(`${change.entry.collection}.${change.entry.id}`) ?? '';
  if (change.field === DELETED_FIELD) return `${subject}, ${title}`;
  return `${subject}, ${title}: ${fieldLabel(change.field)}`;
}

/** Who made a change: a person by name, or where generated or imported values came from. */
export function changedBy(change: Pick<FieldChange, 'by' | 'source'>, people: PeopleNames): string {
  if (change.source === 'generated-demo-data') return 'Generated demo data';
  // An import still names who brought it in: the source mark never hides a person.
  if (change.source === 'imported') return `Imported by ${people.name(change.by)}`;
  return people.name(change.by);
}

function entryTitles(doc: Y.Doc, changes: readonly FieldChange[]): Map<string, string> {
  const titles = new Map<string, string>();
  for (const { entry } of changes) {
    if (entry === null) continue;
    const key = `${entry.collection}.${entry.id}`;
    if (titles.has(key)) continue;
    const map = doc.getMap<unknown>(entry.collection).get(entry.id);
    if (map instanceof Y.Map)
      titles.set(key, entryTitle(entry.collection, readFields(map as RegisterMap).values));
  }
  return titles;
}

/** The part of the record a change belongs to: its path less the field ('contacts.<id>', 'profile'). */
function ownerOf(change: FieldChange): string {
  return change.path.slice(0, change.path.length - change.field.length - 1);
}

/** A first value written where there was none: part of adding an entry or creating the record. */
function isFirstValue(change: FieldChange): boolean {
  return change.previousKept && change.previous.length === 0 && change.field !== DELETED_FIELD;
}

function fromText(change: FieldChange, people: PeopleNames): string {
  if (!change.previousKept) return 'An earlier value this laptop no longer holds';
  if (change.previous.length === 0) return change.field === DELETED_FIELD ? 'In the record' : '(blank)';
  return change.previous.map((value) => displayValue(change.path, value, people)).join(' or ');
}

/** What a part of the record was called when it was added: "Profile", "Contact, Phone call on …". */
function addedWhat(first: FieldChange, titles: ReadonlyMap<string, string>, people: PeopleNames): string {
  if (first.entry !== null)
    return `${capitalised(COLLECTION_SUBJECTS[first.entry.collection])}, ${
      titles.get(`${first.entry.collection}.${first.entry.id}`) ?? ''
    }`;
  return describePath(first.path, people.offer).replace(/:[^:]*$/, '');
}

/**
 * Every change to the record in plain language, newest first. The first values written together when
 * an entry is added (or the record created) make one "Added" row listing them; blank-to-blank writes
 * and the record's own id are left out.
 */
export function historyRows(doc: Y.Doc, people: PeopleNames): HistoryRow[] {
  // The record's own id is written once, when it is created: it is no detail anyone changes.
  const changes = recordChanges(doc).filter((change) => change.path !== 'profile.id');
  const titles = entryTitles(doc, changes);
  const rows: HistoryRow[] = [];
  const added = new Map<string, { row: HistoryRow; values: string[] }>();
  changes.forEach((change, index) => {
    const when = change.at === null ? ukDate(change.on) : ukDateTime(change.at);
    const who = changedBy(change, people);
    const part = change.entry?.collection ?? change.path.split('.')[0] ?? '';
    if (isFirstValue(change)) {
      const to = displayValue(change.path, change.value, people);
      const key = `${ownerOf(change)}|${when}|${who}`;
      let group = added.get(key);
      if (group === undefined) {
        group = {
          row: {
            key: `${index}`,
            part,
            when,
            who,
            what: addedWhat(change, titles, people),
            from: '',
            to: '',
          },
          values: [],
        };
        added.set(key, group);
        rows.push(group.row);
      }
      if (to !== '(blank)') group.values.push(`${capitalised(fieldLabel(change.field))}: ${to}`);
      return;
    }
    const row = {
      key: `${index}`,
      part,
      when,
      who,
      what: describeChange(change, titles, people),
      from: fromText(change, people),
      to: displayValue(change.path, change.value, people),
    };
    if (row.from !== row.to) rows.push(row);
  });
  const addedValues = new Map([...added.values()].map((group) => [group.row, group.values]));
  // A part first written all blank (a pathway plan section not yet filled in) is left out.
  return rows.flatMap((row) => {
    const values = addedValues.get(row);
    if (values === undefined) return [row];
    if (values.length === 0) return [];
    return [{ ...row, from: 'Not in the record', to: short(`Added. ${values.join('; ')}`, 400) }];
  });
}

/** A removed entry in plain words, for the list of entries that can be restored. */
export function describeRemoved(
  removed: RemovedEntry,
  people: PeopleNames,
): {
  what: string;
  removed: string;
} {
  const subject = capitalised(COLLECTION_SUBJECTS[removed.collection]);
  return {
    what: `${subject}, ${entryTitle(removed.collection, removed.values)}`,
    removed: `Removed by ${people.name(removed.removedBy)} on ${
      removed.removedAt === null ? ukDate(removed.removedOn) : ukDateTime(removed.removedAt)
    }`,
  };
}
