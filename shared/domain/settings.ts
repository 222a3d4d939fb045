/** Team and council settings that the rules read. Statutory limits are constants in their modules. */
import { z } from 'zod';
import { parseOrThrow } from './errors.ts';
import { idSchema, requiredText } from './schemas.ts';

export interface ChecklistItem {
  readonly key: string;
  readonly label: string;
  /** The council's figure for this item, in pence, when it pays an amount (e.g. its Setting Up Home Allowance). */
  readonly amountPence: number | null;
}

/**
 * A council's local offer (Children and Social Work Act 2017 s2): what it gives care leavers on top of
 * the statutory entitlements (entitlements.ts STATUTORY_ENTITLEMENTS), with its own amounts. Each
 * council replaces or extends it; an item with a statutory key sets the council's figure for it.
 */
export const DEFAULT_ENTITLEMENT_CHECKLIST: readonly ChecklistItem[] = [
  { key: 'setting-up-home-grant', label: 'Setting Up Home Allowance', amountPence: 300_000 },
  { key: 'council-tax-exemption', label: 'Council tax exemption', amountPence: null },
  { key: 'health-passport', label: 'Health history at 18', amountPence: null },
  { key: 'he-bursary', label: 'Higher education bursary', amountPence: null },
  { key: 'fe-bursary', label: '16–19 bursary (further education)', amountPence: null },
  { key: 'identity-documents', label: 'Birth certificate and passport or other photo ID', amountPence: null },
  { key: 'national-insurance-number', label: 'National Insurance number', amountPence: null },
  { key: 'bank-account', label: 'Bank account', amountPence: null },
  { key: 'junior-isa', label: 'Junior ISA transferred', amountPence: null },
];

/** A whole number within a range, with a message that names the range and its unit. */
function wholeNumber(min: number, max: number, unit: string) {
  const message = `must be a whole number of ${unit} from ${min} to ${max}`;
  return z
    .number({ error: message })
    .int({ error: message })
    .min(min, { error: message })
    .max(max, { error: message });
}

export const teamSettingsSchema = z.object({
  /** Longest gap between contacts before a young person counts as not in touch (DESIGN.md §2: default 8 weeks). */
  contactThresholdWeeks: wholeNumber(1, 52, 'weeks').default(8),
  /**
   * Days within which a review the young person asked for should be held. The regulation requires a
   * review on request (Care Leavers (England) Regulations 2010 reg 7) without fixing a time: a team setting.
   */
  reviewRequestDays: wholeNumber(0, 180, 'days').default(28),
  /** How far ahead significant birthdays (18, 21, 25) appear on exception lists. */
  birthdayNoticeDays: wholeNumber(0, 366, 'days').default(90),
  /**
   * Local target for allocating a PA, in months after the 16th birthday ("PA by 16½" by default). The
   * duty itself starts when the young person becomes eligible (Children Act 1989 Sch 2 para 19C) and is
   * tracked separately (eligibility.ts paDuty).
   */
  paTargetMonthsAfter16: wholeNumber(0, 24, 'months').default(6),
  /**
   * Local target for agreeing the pathway plan after the needs assessment, in days. The law says only
   * "as soon as possible" after the assessment (Care Planning, Placement and Case Review (England)
   * Regulations 2010 reg 43; Care Leavers (England) Regulations 2010 reg 6).
   */
  planAfterAssessmentDays: wholeNumber(0, 180, 'days').default(28),
  /** Caseload per PA above which the team view warns (councils' scorecards: 20–22). */
  caseloadTarget: wholeNumber(1, 200, 'young people').default(22),
  /** The council's local offer, set by the team manager (see DEFAULT_ENTITLEMENT_CHECKLIST). */
  entitlementChecklist: z
    .array(
      z.object({
        key: idSchema,
        label: requiredText(200),
        amountPence: wholeNumber(0, 100_000_000, 'pence').nullable().default(null),
      }),
    )
    .max(100, { error: 'must list at most 100 items' })
    .refine((items) => new Set(items.map((item) => item.key)).size === items.length, {
      error: 'must not list the same item twice',
    })
    .default(() => [...DEFAULT_ENTITLEMENT_CHECKLIST]),
});

export type TeamSettings = z.output<typeof teamSettingsSchema>;

export const DEFAULT_SETTINGS: TeamSettings = teamSettingsSchema.parse({});

/** Fills defaults and validates; throws a ValidationError naming the field. */
export function parseSettings(input: unknown): TeamSettings {
  return parseOrThrow(teamSettingsSchema, input, 'team settings');
}
