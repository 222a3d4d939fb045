/** The care-leaver model: TypeScript types inferred from the zod schemas, so the two never drift apart. */
import type { z } from 'zod';
import type {
  accommodationSchema,
  actionSchema,
  candidateSchema,
  contactSchema,
  contestedFieldSchema,
  eetSchema,
  entitlementSchema,
  flagSchema,
  objectiveSchema,
  oversightNoteSchema,
  planSchema,
  planSectionSchema,
  profileSchema,
  readIssueSchema,
  recontactPlanSchema,
  reviewRequestSchema,
  reviewSchema,
} from './schemas.ts';

export type Profile = z.output<typeof profileSchema>;
export type PathwayPlan = z.output<typeof planSchema>;
export type PlanSection = z.output<typeof planSectionSchema>;
export type Objective = z.output<typeof objectiveSchema>;
export type PlanAction = z.output<typeof actionSchema>;
export type PlanReview = z.output<typeof reviewSchema>;
export type ReviewRequest = z.output<typeof reviewRequestSchema>;
export type ContactEvent = z.output<typeof contactSchema>;
export type AccommodationPeriod = z.output<typeof accommodationSchema>;
export type EetPeriod = z.output<typeof eetSchema>;
export type Entitlement = z.output<typeof entitlementSchema>;
export type StatusFlag = z.output<typeof flagSchema>;
export type OversightNote = z.output<typeof oversightNoteSchema>;
export type RecontactPlan = z.output<typeof recontactPlanSchema>;
export type ContestedCandidate = z.output<typeof candidateSchema>;
export type ContestedField = z.output<typeof contestedFieldSchema>;
export type ReadIssue = z.output<typeof readIssueSchema>;

/** Everything recorded about one young person: the content of one Y.Doc. */
export interface YoungPersonRecord {
  /** The schema version of the document this record was read from. */
  readonly schemaVersion: number;
  readonly profile: Profile;
  readonly plan: PathwayPlan;
  readonly objectives: readonly Objective[];
  readonly actions: readonly PlanAction[];
  readonly reviews: readonly PlanReview[];
  readonly reviewRequests: readonly ReviewRequest[];
  readonly contacts: readonly ContactEvent[];
  readonly accommodation: readonly AccommodationPeriod[];
  readonly eet: readonly EetPeriod[];
  readonly entitlements: readonly Entitlement[];
  readonly flags: readonly StatusFlag[];
  readonly oversight: readonly OversightNote[];
  readonly recontactPlans: readonly RecontactPlan[];
  /** Single-valued fields set differently by two people while offline (empty unless read from a Y.Doc). */
  readonly contested: readonly ContestedField[];
  /** Entries kept in the document that this reader could not accept. */
  readonly readIssues: readonly ReadIssue[];
}

/** The collections of a record whose entries carry their own id. */
export interface CollectionEntries {
  objectives: Objective;
  actions: PlanAction;
  reviews: PlanReview;
  reviewRequests: ReviewRequest;
  contacts: ContactEvent;
  accommodation: AccommodationPeriod;
  eet: EetPeriod;
  flags: StatusFlag;
  oversight: OversightNote;
  recontactPlans: RecontactPlan;
}
export type CollectionName = keyof CollectionEntries;

export const COLLECTION_NAMES = [
  'objectives',
  'actions',
  'reviews',
  'reviewRequests',
  'contacts',
  'accommodation',
  'eet',
  'flags',
  'oversight',
  'recontactPlans',
] as const satisfies readonly CollectionName[];

/** Human names for error messages ("Invalid contact: at: …"). */
export const COLLECTION_SUBJECTS: Readonly<Record<CollectionName, string>> = {
  objectives: 'objective',
  actions: 'action',
  reviews: 'review',
  reviewRequests: 'review request',
  contacts: 'contact',
  accommodation: 'accommodation period',
  eet: 'EET period',
  flags: 'status flag',
  oversight: 'management-oversight note',
  recontactPlans: 're-contact plan',
};
