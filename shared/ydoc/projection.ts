/**
 * The flat summary row the renderer's Dexie index keeps for each young person (DESIGN.md §3: lists and
 * dashboards read this, never the Y.Docs). It is computed as of a given day; time-dependent fields
 * (overdue, in touch, exceptions) must be recomputed when the day changes.
 */
import type * as Y from 'yjs';
import { z } from 'zod';
import { ACCOM_LETTERS, ACTIV_CODES } from '../domain/codes.ts';
import { dateOfDateTime, type IsoDate } from '../domain/dates.ts';
import type { YoungPersonRecord } from '../domain/model.ts';
import { idSchema, isoDateSchema, isoDateTimeSchema } from '../domain/schemas.ts';
import { DEFAULT_SETTINGS, type TeamSettings } from '../domain/settings.ts';
import { recordStatus } from '../domain/status.ts';
import { CARE_LEAVER_CATEGORIES } from '../domain/vocabulary.ts';
import { EXCEPTION_KINDS, recordExceptions } from '../kpi/exceptions.ts';
import { readRecord } from './read-record.ts';

export const projectionRowSchema = z.object({
  id: idSchema,
  displayName: z.string().min(1),
  dateOfBirth: isoDateSchema,
  age: z.number().int(),
  paId: idSchema.nullable(),
  teamId: idSchema,
  /** The category today (eligible → relevant → former relevant as the young person ages); null under 16. */
  category: z.enum(CARE_LEAVER_CATEGORIES).nullable(),
  /** On the caseload: support not ended, alive, still wanting services. */
  active: z.boolean(),
  supportEndsOn: isoDateSchema,
  /**
   * Against the local target ("PA by 16½" by default): true when allocated by it, false when late or
   * overdue, null when not yet due, the date is unknown or no PA is owed (qualifying care leavers).
   */
  paAllocatedBy16Half: z.boolean().nullable(),
  planState: z.enum(['not-yet-due', 'first-plan-overdue', 'up-to-date', 'review-overdue', 'not-required']),
  /** The first plan or next review due date ('not-required': the day support ends, nothing is due). */
  nextReviewDue: isoDateSchema,
  reviewOverdue: z.boolean(),
  lastContact: isoDateTimeSchema.nullable(),
  lastContactDate: isoDateSchema.nullable(),
  inTouchState: z.enum([
    'in-touch',
    'not-in-touch',
    'refuses-contact',
    'no-longer-requires-services',
    'died',
  ]),
  nextContactDue: isoDateSchema.nullable(),
  accommodationCode: z.enum(ACCOM_LETTERS).nullable(),
  accommodationSuitable: z.boolean().nullable(),
  eetState: z.enum(['eet', 'neet', 'unknown']),
  eetCode: z.enum(ACTIV_CODES).nullable(),
  overdueActionCount: z.number().int().min(0),
  exceptionCount: z.number().int().min(0),
  exceptionReasons: z.array(z.object({ kind: z.enum(EXCEPTION_KINDS), message: z.string().min(1) })),
  nextSignificantBirthday: z.object({ age: z.number().int(), date: isoDateSchema }).nullable(),
  contestedCount: z.number().int().min(0),
  readIssueCount: z.number().int().min(0),
  /** The day the row was computed for. */
  asOf: isoDateSchema,
  schemaVersion: z.number().int().min(0),
});

export type ProjectionRow = z.output<typeof projectionRowSchema>;

export function displayName(record: YoungPersonRecord): string {
  const { preferredName, givenName, familyName } = record.profile;
  return preferredName !== null && preferredName !== ''
    ? `${preferredName} ${familyName}`
    : `${givenName} ${familyName}`;
}

export function projectRecord(
  record: YoungPersonRecord,
  today: IsoDate,
  settings: TeamSettings = DEFAULT_SETTINGS,
): ProjectionRow {
  const status = recordStatus(record, today, settings);
  const exceptions = recordExceptions(record, status);
  const { profile } = record;
  return {
    id: profile.id,
    displayName: displayName(record),
    dateOfBirth: profile.dateOfBirth,
    age: status.age,
    paId: profile.allocatedPaId,
    teamId: profile.teamId,
    category: status.category,
    active: status.active,
    supportEndsOn: status.supportEndsOn,
    paAllocatedBy16Half:
      status.paAllocation === 'on-time'
        ? true
        : status.paAllocation === 'late' || status.paAllocation === 'overdue'
          ? false
          : null,
    planState: status.plan.state,
    nextReviewDue: status.plan.due,
    reviewOverdue: status.plan.state === 'review-overdue' || status.plan.state === 'first-plan-overdue',
    lastContact: status.lastContact?.at ?? null,
    lastContactDate: status.lastContact === null ? null : dateOfDateTime(status.lastContact.at),
    inTouchState: status.inTouch,
    nextContactDue: status.nextContactDue,
    accommodationCode: status.accommodation?.code ?? null,
    accommodationSuitable: status.accommodation?.suitable ?? null,
    eetState: status.eet.state,
    eetCode: status.eet.code,
    overdueActionCount: status.overdueActions.length,
    exceptionCount: exceptions.length,
    exceptionReasons: exceptions,
    nextSignificantBirthday: status.nextSignificantBirthday,
    contestedCount: record.contested.length,
    readIssueCount: record.readIssues.length,
    asOf: today,
    schemaVersion: record.schemaVersion,
  };
}

export function projectDoc(
  doc: Y.Doc,
  today: IsoDate,
  settings: TeamSettings = DEFAULT_SETTINGS,
): ProjectionRow {
  return projectRecord(readRecord(doc), today, settings);
}
