/**
 * SMART checks for pathway-plan objectives and actions: what, who, by when. "Ongoing" is not a
 * timescale (DESIGN.md §2; Children Act 1989 Guidance and Regulations Vol 3, pathway plans).
 */
import { isIsoDate, type IsoDate } from './dates.ts';

/** Phrases people write instead of a date. Compared after lower-casing and collapsing spaces. */
const VAGUE_TIMESCALES = new Set([
  'ongoing',
  'on-going',
  'on going',
  'continuous',
  'continuing',
  'asap',
  'as soon as possible',
  'as needed',
  'as required',
  'as and when',
  'when needed',
  'when required',
  'when ready',
  'when possible',
  'in due course',
  'regularly',
  'throughout',
  'tbc',
  'tba',
  'tbd',
  'n/a',
  'na',
  'none',
  'next review',
  'by next review',
  'before next review',
]);

/** "Who" must be a named person or role, not everyone or nobody. */
const VAGUE_OWNERS = new Set([
  'all',
  'everyone',
  'everybody',
  'anyone',
  'team',
  'tbc',
  'tba',
  'n/a',
  'na',
  'none',
]);

function normalise(text: string): string {
  return text.trim().toLowerCase().replace(/\s+/g, ' ');
}

export type TimescaleCheck =
  { readonly ok: true; readonly date: IsoDate } | { readonly ok: false; readonly message: string };

/** Accepts only a real calendar date; names vague phrases such as "ongoing" in the message. */
export function checkTimescale(text: string): TimescaleCheck {
  const trimmed = text.trim();
  if (isIsoDate(trimmed)) return { ok: true, date: trimmed };
  if (trimmed === '')
    return { ok: false, message: 'needs a date by which this will be done (SMART: by when?)' };
  if (VAGUE_TIMESCALES.has(normalise(trimmed)))
    return {
      ok: false,
      message: `"${trimmed}" is not a timescale: give the date by which this will be done, written yyyy-MM-dd (SMART)`,
    };
  return { ok: false, message: `must be a real date written yyyy-MM-dd (got ${JSON.stringify(trimmed)})` };
}

/** Null when the owner names someone; otherwise why not. */
export function checkOwner(owner: string): string | null {
  const value = normalise(owner);
  if (value === '') return 'needs a named person or role responsible (SMART: who?)';
  if (VAGUE_OWNERS.has(value)) return `"${owner.trim()}" is not a named person or role (SMART: who?)`;
  return null;
}
