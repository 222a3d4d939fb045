/**
 * The team settings form's values (text, as typed) and how they become a settings change: each figure a
 * whole number in its range, the local offer's amounts in pounds and pence. Errors in GOV.UK wording.
 */
import { z } from 'zod';
import type { TeamSettings } from '../../../shared/domain/settings.ts';
import type { TeamSettingsChange } from '../../../shared/team-settings-api.ts';

export interface NumberSetting {
  readonly name: NumberSettingName;
  readonly label: string;
  readonly hint: string;
  /** "weeks", "days"… as used in the error message. */
  readonly unit: string;
  readonly min: number;
  readonly max: number;
}

export type NumberSettingName =
  | 'contactThresholdWeeks'
  | 'caseloadTarget'
  | 'paTargetMonthsAfter16'
  | 'planAfterAssessmentDays'
  | 'reviewRequestDays'
  | 'birthdayNoticeDays';

/** The figures a manager sets (ranges as in teamSettingsSchema), by name. */
const FIGURES = {
  contactThresholdWeeks: {
    name: 'contactThresholdWeeks',
    label: 'Contact threshold, in weeks',
    hint: 'A young person counts as not in touch after this many weeks without contact.',
    unit: 'weeks',
    min: 1,
    max: 52,
  },
  caseloadTarget: {
    name: 'caseloadTarget',
    label: 'Caseload target per personal adviser',
    hint: 'The team scorecard shows personal advisers above this number of young people.',
    unit: 'young people',
    min: 1,
    max: 200,
  },
  paTargetMonthsAfter16: {
    name: 'paTargetMonthsAfter16',
    label: 'Local target for allocating a personal adviser, in months after the 16th birthday',
    hint: 'A local target only: the duty to allocate starts when the young person becomes eligible.',
    unit: 'months',
    min: 0,
    max: 24,
  },
  planAfterAssessmentDays: {
    name: 'planAfterAssessmentDays',
    label: 'Local target for agreeing the pathway plan after the needs assessment, in days',
    hint: 'The law says "as soon as possible" after the assessment.',
    unit: 'days',
    min: 0,
    max: 180,
  },
  reviewRequestDays: {
    name: 'reviewRequestDays',
    label: 'Days within which to hold a review the young person asks for',
    hint: 'The regulations require a review on request without fixing a time.',
    unit: 'days',
    min: 0,
    max: 180,
  },
  birthdayNoticeDays: {
    name: 'birthdayNoticeDays',
    label: 'Days ahead to show 18th, 21st and 25th birthdays',
    hint: 'How early these birthdays appear in the exception report.',
    unit: 'days',
    min: 0,
    max: 366,
  },
} as const satisfies Record<NumberSettingName, NumberSetting>;

/** The figures in the order the page shows them. */
export const NUMBER_SETTINGS: readonly NumberSetting[] = Object.values(FIGURES);

export interface OfferItemValues {
  /** The item's key: kept for an existing item, empty for a new one (made from the name on saving). */
  key: string;
  label: string;
  /** Pounds as typed, e.g. "3000" or "3,000.50"; empty when the council pays no set amount. */
  amount: string;
}

export type SettingsFormValues = Record<NumberSettingName, string> & { offer: OfferItemValues[] };

function numberField(setting: NumberSetting) {
  const range = `${setting.label.replace(/, in .*$/, '')} must be a whole number from ${setting.min} to ${setting.max}`;
  return z
    .string()
    .trim()
    .min(1, { error: `Enter the ${setting.label.charAt(0).toLowerCase()}${setting.label.slice(1)}` })
    .regex(/^\d+$/, { error: range })
    .transform(Number)
    .pipe(z.number().min(setting.min, { error: range }).max(setting.max, { error: range }));
}

const POUNDS = /^£?\s*(\d{1,3}(,\d{3})+|\d+)(\.\d{1,2})?$/;

const offerItemSchema = z.object({
  key: z.string(),
  label: z
    .string()
    .trim()
    .min(1, { error: 'Enter the name of the local offer item' })
    .max(200, { error: 'Name of the local offer item must be 200 characters or fewer' }),
  amount: z
    .string()
    .trim()
    .refine((text) => text === '' || POUNDS.test(text), {
      error: 'Amount must be in pounds, like 3000 or 3000.50, or left empty',
    })
    .transform((text) => (text === '' ? null : Math.round(Number(text.replace(/[£,\s]/g, '')) * 100))),
});

export const settingsFormSchema = z.object({
  contactThresholdWeeks: numberField(FIGURES.contactThresholdWeeks),
  caseloadTarget: numberField(FIGURES.caseloadTarget),
  paTargetMonthsAfter16: numberField(FIGURES.paTargetMonthsAfter16),
  planAfterAssessmentDays: numberField(FIGURES.planAfterAssessmentDays),
  reviewRequestDays: numberField(FIGURES.reviewRequestDays),
  birthdayNoticeDays: numberField(FIGURES.birthdayNoticeDays),
  offer: z.array(offerItemSchema).max(100, { error: 'The local offer can list at most 100 items' }),
});
export type SettingsFormOutput = z.output<typeof settingsFormSchema>;

/** The form's starting values from the settings in force. */
export function formValuesOf(settings: TeamSettings): SettingsFormValues {
  const figures = Object.fromEntries(
    NUMBER_SETTINGS.map((s) => [s.name, String(settings[s.name])]),
  ) as Record<NumberSettingName, string>;
  return {
    ...figures,
    offer: settings.entitlementChecklist.map((item) => ({
      key: item.key,
      label: item.label,
      amount:
        item.amountPence === null
          ? ''
          : (item.amountPence / 100).toFixed(item.amountPence % 100 === 0 ? 0 : 2),
    })),
  };
}

/** A key for a new local offer item, from its name, unique among the others. */
export function keyForNewItem(label: string, taken: ReadonlySet<string>): string {
  const base =
    label
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'local-offer';
  let key = base;
  for (let n = 2; taken.has(key); n += 1) key = `${base}-${n}`;
  return key;
}

/** The change to send: every figure and the whole local offer (new items get a key from their name). */
export function changeFrom(output: SettingsFormOutput): TeamSettingsChange {
  const taken = new Set(output.offer.map((item) => item.key).filter((key) => key !== ''));
  const entitlementChecklist = output.offer.map((item) => {
    const key = item.key !== '' ? item.key : keyForNewItem(item.label, taken);
    taken.add(key);
    return { key, label: item.label, amountPence: item.amount };
  });
  const { offer: _offer, ...figures } = output;
  return { ...figures, entitlementChecklist };
}
