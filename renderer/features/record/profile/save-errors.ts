/**
 * Errors from the shared writers as form errors, with dates in UK style. A change of date of birth that
 * would leave entries dated before it is refused by the writer (shared/ydoc/write-record.ts setProfile)
 * with one issue per entry ('contacts.<id>.at'); those are gathered onto the date of birth field.
 */
import {
  COLLECTION_NAMES,
  COLLECTION_SUBJECTS,
  type CollectionName,
  type YoungPersonRecord,
} from '../../../../shared/domain/model.ts';
import { entryIssues } from '../../../../shared/domain/record.ts';
import { ValidationError } from '../../../../shared/domain/errors.ts';
import { formErrorsFrom, type FormError } from '../../../ui/form-errors.ts';
import { ukDate, ukDatesIn } from '../../../ui/format.ts';

export interface PredatingEntry {
  readonly collection: CollectionName;
  readonly id: string;
  readonly date: string | null;
}

function entryDate(record: YoungPersonRecord, collection: CollectionName, id: string, field: string) {
  const entries = record[collection] as readonly { readonly id: string }[];
  const value = (entries.find((entry) => entry.id === id) as Record<string, unknown> | undefined)?.[field];
  return typeof value === 'string' ? value : null;
}

const PREDATES = 'must not be before the date of birth';

/** The entries the record rules would refuse under this date of birth (checked with the shared rules). */
export function entriesBefore(record: YoungPersonRecord, dateOfBirth: string): PredatingEntry[] {
  const found: PredatingEntry[] = [];
  for (const collection of COLLECTION_NAMES)
    for (const entry of record[collection] as readonly { readonly id: string }[])
      for (const issue of entryIssues(collection, entry as never, { dateOfBirth }, null))
        if (issue.message.startsWith(PREDATES))
          found.push({
            collection,
            id: entry.id,
            date: entryDate(record, collection, entry.id, issue.field),
          });
  return found;
}

/** "the contact on 3 Mar 2026, the accommodation period on 1 Feb 2026 and 2 more". */
export function describeEntries(entries: readonly PredatingEntry[]): string {
  const named = entries
    .slice(0, 3)
    .map(
      (entry) => `the ${COLLECTION_SUBJECTS[entry.collection]} on ${ukDate(entry.date, 'an earlier date')}`,
    );
  const more = entries.length - named.length;
  if (more > 0) return `${named.join(', ')} and ${more} more`;
  if (named.length <= 1) return named.join('');
  return `${named.slice(0, -1).join(', ')} and ${named.at(-1) ?? ''}`;
}

const ENTRY_ISSUE = /^([A-Za-z]+)\.([^.]+)\.(\w+)$/;

/**
 * Errors for a refused profile change. Issues about entries ('contacts.<id>.at') belong to the date of
 * birth that caused them; a PA allocation date without an allocated PA belongs to that date.
 */
export function profileSaveErrors(
  error: unknown,
  record: YoungPersonRecord,
  labels: Readonly<Record<string, string>>,
): FormError[] {
  if (!(error instanceof ValidationError)) return formErrorsFrom(error, labels);
  const predating: PredatingEntry[] = [];
  const problems: FormError[] = [];
  const rest = error.issues.filter((issue) => {
    const match = ENTRY_ISSUE.exec(issue.field);
    const collection = COLLECTION_NAMES.find((name) => name === match?.[1]);
    if (match === null || collection === undefined) return true;
    const [, , id = '', field = ''] = match;
    if (issue.message.startsWith(PREDATES))
      predating.push({ collection, id, date: entryDate(record, collection, id, field) });
    else
      problems.push({
        field: 'dateOfBirth',
        message: ukDatesIn(`${labels['dateOfBirth'] ?? 'Date of birth'}: ${issue.message}`),
      });
    return false;
  });
  if (predating.length > 0)
    problems.unshift({
      field: 'dateOfBirth',
      message: `${labels['dateOfBirth'] ?? 'Date of birth'} must not be after ${describeEntries(predating)}: nothing in the record may be dated before the date of birth`,
    });
  const others = rest.filter((issue) => !issue.field.endsWith('allocatedPaId'));
  if (others.length < rest.length)
    problems.push({
      field: 'paAllocatedOn',
      message: 'No Personal Adviser is allocated, so there is no allocation date to record: leave it blank',
    });
  if (others.length > 0) problems.push(...formErrorsFrom(new ValidationError(error.subject, others), labels));
  return problems;
}
