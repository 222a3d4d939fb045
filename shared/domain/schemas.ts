/**
 * zod schemas for each part of a young person's record. Each entry validates on its own (formats,
 * codes, fields that depend on each other); rules that need the date of birth or "today" live in
 * record-rules.ts. Unknown keys are stripped and fields added after version 1 carry defaults, so a
 * reader tolerates entries written by older and newer versions alike.
 */
import { z } from 'zod';
import { ACCOM_LABELS, ACCOM_LETTERS, ACTIV_CODES, NEVER_SUITABLE_LETTERS } from './codes.ts';
import { isIsoDate } from './dates.ts';
import { checkOwner, checkTimescale } from './smart.ts';
import {
  ACTION_STATUSES,
  CARE_LEAVER_CATEGORIES,
  CONTACT_METHODS,
  CONTACT_OUTCOMES,
  ENTITLEMENT_STATUSES,
  FLAG_KINDS,
  REVIEW_TRIGGERS,
  RISK_LEVELS,
  SCHEDULE_1_MATTERS,
  SUITABILITY_MATTERS,
} from './vocabulary.ts';

const DATE_HINT = 'must be a real date written yyyy-MM-dd';

export const isoDateSchema = z
  .string({ error: DATE_HINT })
  .refine(isIsoDate, { error: (issue) => `${DATE_HINT} (got ${JSON.stringify(issue.input)})` });

export const isoDateTimeSchema = z.iso.datetime({
  offset: true,
  error: (issue) =>
    issue.code === 'invalid_type'
      ? 'must be a date-time such as 2025-03-04T10:30:00Z'
      : `must be a real date-time with a time zone, such as 2025-03-04T10:30:00Z (got ${JSON.stringify(issue.input)})`,
});

export const idSchema = z.string({ error: 'must be an id' }).regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/, {
  error: 'must be an id of letters, digits and . _ : - (1 to 100 characters)',
});

export function requiredText(max: number) {
  return z
    .string({ error: 'must be text' })
    .trim()
    .min(1, { error: 'must not be empty' })
    .max(max, { error: `must be at most ${max} characters` });
}

export function optionalText(max: number) {
  return z
    .string({ error: 'must be text' })
    .max(max, { error: `must be at most ${max} characters` })
    .default('');
}

function codeEnum<const T extends readonly [string, ...string[]]>(values: T, what: string) {
  return z.enum(values, {
    error: (issue) => `unknown ${what} ${JSON.stringify(issue.input)}; expected one of ${values.join(', ')}`,
  });
}

const nullableDate = isoDateSchema.nullable().default(null);

/** Dates that must not come before another date in the same entry. */
function notBefore(
  ctx: z.RefinementCtx,
  later: string | null,
  earlier: string | null,
  field: string,
  what: string,
): void {
  if (later !== null && earlier !== null && later < earlier)
    ctx.addIssue({
      code: 'custom',
      path: [field],
      message: `must not be before ${what} (${earlier})`,
      input: later,
    });
}

export const categorySchema = codeEnum(CARE_LEAVER_CATEGORIES, 'category');
export const matterSchema = codeEnum(SCHEDULE_1_MATTERS, 'pathway plan matter');
export const accomLetterSchema = codeEnum(ACCOM_LETTERS, 'accommodation code');
export const activCodeSchema = codeEnum(ACTIV_CODES, 'activity (ACTIV) code');

/** A SMART "by when": a real date; "ongoing" and other vague phrases are rejected by name. */
export const timescaleSchema = z.string({ error: DATE_HINT }).check((ctx) => {
  const result = checkTimescale(ctx.value);
  if (!result.ok) ctx.issues.push({ code: 'custom', message: result.message, input: ctx.value });
});

export const profileSchema = z
  .object({
    id: idSchema,
    givenName: requiredText(100),
    familyName: requiredText(100),
    preferredName: z.string({ error: 'must be text' }).trim().max(100).nullable().default(null),
    dateOfBirth: isoDateSchema,
    /** The category the local authority recorded; currentCategory() ages it (eligible → relevant → former relevant). */
    category: categorySchema,
    /** The day the young person stopped being looked after; null while still in care. */
    dateLeftCare: nullableDate,
    /** Set only when the young person became eligible after their 16th birthday (dates the first plan). */
    becameEligibleOn: nullableDate,
    allocatedPaId: idSchema.nullable().default(null),
    paAllocatedOn: nullableDate,
    teamId: idSchema,
    /** PA support continues to 25 because the young person asked (Children Act 1989 s23CZB). */
    supportExtendedTo25: z.boolean({ error: 'must be true or false' }).default(false),
    /**
     * The day a former relevant young person aged 21 to 24 asked to come back for advice and support
     * (Children Act 1989 s23CZB): a new needs assessment and pathway plan are due from it, and a PA.
     */
    returnRequestedOn: nullableDate,
  })
  .superRefine((p, ctx) => {
    notBefore(ctx, p.dateLeftCare, p.dateOfBirth, 'dateLeftCare', 'the date of birth');
    notBefore(ctx, p.becameEligibleOn, p.dateOfBirth, 'becameEligibleOn', 'the date of birth');
    notBefore(ctx, p.paAllocatedOn, p.dateOfBirth, 'paAllocatedOn', 'the date of birth');
    notBefore(ctx, p.returnRequestedOn, p.dateOfBirth, 'returnRequestedOn', 'the date of birth');
    if (p.paAllocatedOn !== null && p.allocatedPaId === null)
      ctx.addIssue({
        code: 'custom',
        path: ['allocatedPaId'],
        message: 'is required when paAllocatedOn is set',
      });
  });

export const planSectionSchema = z.object({
  needs: optionalText(8000),
  youngPersonViews: optionalText(8000),
});

const section = planSectionSchema.prefault({});
export const planSectionsSchema = z.object({
  contact: section,
  education: section,
  employment: section,
  contingency: section,
  accommodation: section,
  relationships: section,
  skills: section,
  finance: section,
  health: section,
  identity: section,
});

export const planSchema = z.object({
  needsAssessmentCompletedOn: nullableDate,
  /** The day the first pathway plan was agreed; reviews run six-monthly from here. */
  firstAgreedOn: nullableDate,
  sections: planSectionsSchema.prefault({}),
});

export const objectiveSchema = z.object({
  id: idSchema,
  matter: matterSchema,
  description: requiredText(2000),
  targetDate: timescaleSchema,
  achievedOn: nullableDate,
});

export const actionSchema = z
  .object({
    id: idSchema,
    matter: matterSchema,
    objectiveId: idSchema.nullable().default(null),
    description: requiredText(2000),
    owner: z
      .string({ error: 'must be text' })
      .max(200)
      .check((ctx) => {
        const problem = checkOwner(ctx.value);
        if (problem !== null) ctx.issues.push({ code: 'custom', message: problem, input: ctx.value });
      }),
    dueDate: timescaleSchema,
    status: codeEnum(ACTION_STATUSES, 'action status').default('not-started'),
    completedOn: nullableDate,
    evidence: optionalText(8000),
  })
  .superRefine((a, ctx) => {
    if (a.status === 'done' && a.completedOn === null)
      ctx.addIssue({ code: 'custom', path: ['completedOn'], message: 'is required when status is done' });
    if (a.status !== 'done' && a.completedOn !== null)
      ctx.addIssue({ code: 'custom', path: ['completedOn'], message: 'must be empty unless status is done' });
  });

export const reviewSchema = z.object({
  id: idSchema,
  date: isoDateSchema,
  trigger: codeEnum(REVIEW_TRIGGERS, 'review trigger'),
  notes: optionalText(8000),
});

/** A review the young person asked for that may not have happened yet (reg 7: review on request). */
export const reviewRequestSchema = z.object({
  id: idSchema,
  requestedOn: isoDateSchema,
  notes: optionalText(2000),
});

export const contactSchema = z
  .object({
    id: idSchema,
    at: isoDateTimeSchema,
    method: codeEnum(CONTACT_METHODS, 'contact method'),
    /** Who made the contact (worker id or name). */
    by: requiredText(200),
    seen: z.boolean({ error: 'must be true or false' }),
    seenAlone: z.boolean({ error: 'must be true or false' }).default(false),
    outcome: codeEnum(CONTACT_OUTCOMES, 'contact outcome'),
    notes: optionalText(20000),
  })
  .superRefine((c, ctx) => {
    if (c.seenAlone && !c.seen)
      ctx.addIssue({
        code: 'custom',
        path: ['seenAlone'],
        message: 'cannot be true unless the young person was seen',
      });
    if (c.seen && c.outcome !== 'contact-made')
      ctx.addIssue({
        code: 'custom',
        path: ['outcome'],
        message: 'must be contact-made when the young person was seen',
      });
  });

/**
 * A UK telephone number, loosely: digits with spaces, brackets, dashes and a leading +; 10 or 11 digits
 * (01632 960 001, 07700 900123), or +44 and 9 or 10 more. Numbers are not checked against the numbering plan.
 */
export const ukPhoneSchema = z
  .string({ error: 'must be text' })
  .trim()
  .max(30, { error: 'must be at most 30 characters' })
  .refine(
    (text) => {
      if (!/^\+?[\d\s()-]+$/.test(text)) return false;
      const digits = text.replace(/\D/g, '');
      return text.startsWith('+')
        ? digits.startsWith('44') && digits.length >= 11 && digits.length <= 12
        : digits.startsWith('0') && digits.length >= 10 && digits.length <= 11;
    },
    { error: 'must be a UK phone number, such as 01632 960 001 or 07700 900 123' },
  );

export const accommodationSchema = z
  .object({
    id: idSchema,
    code: accomLetterSchema,
    startDate: isoDateSchema,
    endDate: nullableDate,
    suitable: z.boolean({ error: 'must be true or false' }),
    suitabilityReason: optionalText(4000),
    /** Provided by the council under s23B or s24B: triggers the reg 8(2) visiting duty. */
    councilProvided: z.boolean({ error: 'must be true or false' }).default(false),
    riskAssessedOn: nullableDate,
    riskReviewDue: nullableDate,
    seniorApprovalBy: z.string({ error: 'must be text' }).trim().min(1).max(200).nullable().default(null),
    seniorApprovalOn: nullableDate,
    // The three fields below are optional (absent means none recorded) so that entries written before
    // them, and builders that predate them, stay valid as they are.
    /**
     * Schedule 2 matters judged not met (Care Leavers (England) Regulations 2010 reg 9(3), Sch 2): the
     * suitability decision recorded against the matters the regulations list, not only yes or no.
     */
    suitabilityConcerns: z.array(codeEnum(SUITABILITY_MATTERS, 'suitability matter')).optional(),
    /** Staying Put (Z): the carer the young person lives with (Children Act 1989 s23CZA). */
    carer: z
      .string({ error: 'must be text' })
      .max(200, { error: 'must be at most 200 characters' })
      .optional(),
    /**
     * Staying Put (Z): the carer was their local authority foster parent immediately before they ceased
     * to be looked after at 18 (s23CZA(1)); only then is it a Staying Put arrangement.
     */
    formerFosterCarer: z.boolean({ error: 'must be true or false' }).optional(),
    // Where they live, who provides it and a number for it: optional (absent means not recorded), so
    // that periods recorded before these fields, and moves recorded in a hurry, stay valid.
    /** The address of the accommodation. */
    address: z
      .string({ error: 'must be text' })
      .trim()
      .max(500, { error: 'must be at most 500 characters' })
      .optional(),
    /** The landlord or provider (housing association, hostel, B&B owner, supported lodgings provider). */
    provider: z
      .string({ error: 'must be text' })
      .trim()
      .max(200, { error: 'must be at most 200 characters' })
      .optional(),
    /** A phone number for the accommodation or its provider. */
    contactPhone: ukPhoneSchema.optional(),
  })
  .superRefine((a, ctx) => {
    notBefore(ctx, a.endDate, a.startDate, 'endDate', 'the start date');
    const concerns = a.suitabilityConcerns ?? [];
    if (new Set(concerns).size !== concerns.length)
      ctx.addIssue({ code: 'custom', path: ['suitabilityConcerns'], message: 'lists a matter twice' });
    if (a.suitable && NEVER_SUITABLE_LETTERS.has(a.code))
      ctx.addIssue({
        code: 'custom',
        path: ['suitable'],
        message: `${a.code} (${ACCOM_LABELS[a.code].toLowerCase()}) is never suitable accommodation`,
      });
    if (!a.suitable && a.suitabilityReason.trim() === '')
      ctx.addIssue({
        code: 'custom',
        path: ['suitabilityReason'],
        message: 'give the reason it is unsuitable',
      });
    if (a.riskReviewDue !== null && a.riskAssessedOn === null)
      ctx.addIssue({
        code: 'custom',
        path: ['riskAssessedOn'],
        message: 'is required when riskReviewDue is set',
      });
    notBefore(ctx, a.riskReviewDue, a.riskAssessedOn, 'riskReviewDue', 'the risk assessment');
    if ((a.seniorApprovalBy === null) !== (a.seniorApprovalOn === null))
      ctx.addIssue({
        code: 'custom',
        path: [a.seniorApprovalBy === null ? 'seniorApprovalBy' : 'seniorApprovalOn'],
        message: 'senior approval needs both who approved and when',
      });
  });

export const eetSchema = z
  .object({
    id: idSchema,
    activ: activCodeSchema,
    startDate: isoDateSchema,
    endDate: nullableDate,
    detail: optionalText(2000),
  })
  .superRefine((e, ctx) => notBefore(ctx, e.endDate, e.startDate, 'endDate', 'the start date'));

/** One line of the council's entitlement checklist, keyed by the checklist item. */
export const entitlementSchema = z.object({
  item: idSchema,
  status: codeEnum(ENTITLEMENT_STATUSES, 'entitlement status').default('not-discussed'),
  updatedOn: nullableDate,
  amountPence: z.number().int().min(0).max(100_000_000).nullable().default(null),
  notes: optionalText(4000),
});

export const flagSchema = z
  .object({
    id: idSchema,
    kind: codeEnum(FLAG_KINDS, 'status flag'),
    from: isoDateSchema,
    to: nullableDate,
    notes: optionalText(4000),
  })
  .superRefine((f, ctx) => {
    notBefore(ctx, f.to, f.from, 'to', 'the start date');
    if (f.kind === 'died' && f.to !== null)
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'must be empty for a death' });
  });

export const oversightNoteSchema = z
  .object({
    id: idSchema,
    on: isoDateSchema,
    by: requiredText(200),
    note: requiredText(20000),
    actionRequired: optionalText(4000),
    dueBy: nullableDate,
  })
  .superRefine((n, ctx) => notBefore(ctx, n.dueBy, n.on, 'dueBy', 'the note'));

/** Risk assessment and plan to re-establish contact, required for every young person not in touch. */
export const recontactPlanSchema = z
  .object({
    id: idSchema,
    assessedOn: isoDateSchema,
    by: requiredText(200),
    risk: codeEnum(RISK_LEVELS, 'risk level'),
    plan: requiredText(20000),
    reviewDue: isoDateSchema,
  })
  .superRefine((r, ctx) => notBefore(ctx, r.reviewDue, r.assessedOn, 'reviewDue', 'the assessment'));

/** One value written by one person, as kept by the contested-field mechanism (ydoc/contested.ts). */
export const candidateSchema = z.object({
  value: z.unknown(),
  by: z.string(),
  on: isoDateSchema,
});

/** A single-valued field two people set differently while offline. */
export const contestedFieldSchema = z.object({
  path: z.string().min(1),
  candidates: z.array(candidateSchema).min(2),
});

/** An entry the reader could not accept (e.g. written by a newer version, or made inconsistent by a merge). */
export const readIssueSchema = z.object({
  path: z.string().min(1),
  message: z.string().min(1),
});
