/**
 * zod building blocks for form schemas (what the fields hold as typed, before the shared writers see
 * them). Each one carries the GOV.UK error wording ("Enter …", "Select …") so a form shows the right
 * message on its first submit, and text limits come from the shared record schemas (maxLengthOf), so
 * the form and the writer never disagree about how long a field may be.
 */
import { z } from 'zod';
import { parseTime, parseUkDate } from '../format.ts';
import { tooLongMessage } from './messages.ts';

export { characterCountMessage, tooLongMessage } from './messages.ts';

/** The `max` of a shared text schema, looking through `.default()`, `.optional()` and `.nullable()`. */
export function maxLengthOf(schema: z.ZodType): number | null {
  let inner: z.ZodType = schema;
  while (inner instanceof z.ZodDefault || inner instanceof z.ZodOptional || inner instanceof z.ZodNullable)
    inner = inner.unwrap() as z.ZodType;
  return inner instanceof z.ZodString ? inner.maxLength : null;
}

interface TextOptions {
  /** The field's label, for "… must be N characters or fewer". */
  readonly label: string;
  /** The shared schema of the field (its max length is used) or a number. */
  readonly max: z.ZodType | number;
}

function limitOf(max: z.ZodType | number): number {
  const limit = typeof max === 'number' ? max : maxLengthOf(max);
  if (limit === null) throw new Error('A form text field needs a limit: the shared schema has no max.');
  return limit;
}

/** Text that must be given: `required` is the whole message, e.g. "Enter the young person's given name". */
export function requiredText(required: string, { label, max }: TextOptions) {
  const limit = limitOf(max);
  return z
    .string()
    .trim()
    .min(1, { error: required })
    .max(limit, { error: tooLongMessage(label, limit) });
}

/** Text that may be left blank (kept as typed; blank stays ''). */
export function optionalText({ label, max }: TextOptions) {
  const limit = limitOf(max);
  return z.string().max(limit, { error: tooLongMessage(label, limit) });
}

/** Optional text where blank means "none": gives null for blank, the trimmed text otherwise. */
export function optionalTextOrNull(options: TextOptions) {
  return optionalText(options).transform((text) => (text.trim() === '' ? null : text.trim()));
}

interface DateOptions {
  readonly label: string;
  /** For the example in "must be a real date, such as 27/3/2027". */
  readonly example?: string;
}

function realDateMessage({ label, example }: DateOptions): string {
  return `${label} must be a real date, such as ${example ?? '27/3/2027'}`;
}

/** A date typed as 27/3/2027 (or 27 Mar 2027, 2027-03-27) that must be given: gives 'yyyy-MM-dd'. */
export function requiredUkDate(required: string, options: DateOptions) {
  return z
    .string()
    .trim()
    .min(1, { error: required })
    .refine((text) => parseUkDate(text) !== null, { error: realDateMessage(options) })
    .transform((text) => parseUkDate(text) ?? '');
}

/** A date that may be left blank: gives 'yyyy-MM-dd' or null. */
export function optionalUkDate(options: DateOptions) {
  return z
    .string()
    .trim()
    .refine((text) => text === '' || parseUkDate(text) !== null, { error: realDateMessage(options) })
    .transform((text) => (text === '' ? null : parseUkDate(text)));
}

/** A time typed as 14:30: gives 'HH:mm'. */
export function requiredTime(required: string, label: string) {
  return z
    .string()
    .trim()
    .min(1, { error: required })
    .refine((text) => parseTime(text) !== null, { error: `${label} must be a time such as 14:30` })
    .transform((text) => parseTime(text) ?? '');
}

/** One of a fixed list (radios, select): `required` is the "Select …" message. */
export function choice<const T extends readonly [string, ...string[]]>(values: T, required: string) {
  return z.string().refine((value): value is T[number] => (values as readonly string[]).includes(value), {
    error: required,
  });
}

/** A Yes/No question asked as two radios: gives true or false. */
export function yesNo(required: string) {
  return choice(['yes', 'no'], required).transform((answer) => answer === 'yes');
}

/** How a boolean is shown in Yes/No radios. */
export function yesNoValue(value: boolean | null | undefined): '' | 'yes' | 'no' {
  if (value === null || value === undefined) return '';
  return value ? 'yes' : 'no';
}

/** Yes/No radios. */
export const YES_NO_OPTIONS = [
  { value: 'yes', label: 'Yes' },
  { value: 'no', label: 'No' },
] as const;
