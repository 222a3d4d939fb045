/**
 * The telephone numbers "My plan" gives the young person: their Personal Adviser's work phone and the
 * council's out-of-hours number (emergency duty team). Kept in this laptop's settings, entered by the
 * PA (Settings › Numbers for young people); never synced.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import type { WaymarkDatabase } from '../../db/local-database.ts';
import { useRecordStore } from '../../db/store-context.tsx';

export const CONTACT_NUMBERS_KEY = 'contactNumbers';

export interface ContactNumbers {
  readonly paPhone: string;
  readonly outOfHoursPhone: string;
}

const EMPTY: ContactNumbers = { paPhone: '', outOfHoursPhone: '' };

/** A UK telephone number as people write it: digits, spaces, brackets, a leading +; 10 to 13 digits. */
export function isPhoneNumber(text: string): boolean {
  const trimmed = text.trim();
  if (!/^\+?[\d\s()-]+$/.test(trimmed)) return false;
  const digits = trimmed.replace(/\D/g, '').length;
  return digits >= 10 && digits <= 13;
}

/** The problem with a number the PA typed, in GOV.UK wording, or null if it is fine (or empty). */
export function phoneProblem(text: string, what: string): string | null {
  if (text.trim() === '' || isPhoneNumber(text)) return null;
  return `Enter ${what} in the correct format, like 01632 960 001 or 07700 900 982`;
}

export async function readContactNumbers(db: WaymarkDatabase): Promise<ContactNumbers> {
  const value = (await db.settings.get(CONTACT_NUMBERS_KEY))?.value as Partial<ContactNumbers> | undefined;
  return {
    paPhone: typeof value?.paPhone === 'string' ? value.paPhone : '',
    outOfHoursPhone: typeof value?.outOfHoursPhone === 'string' ? value.outOfHoursPhone : '',
  };
}

export async function saveContactNumbers(db: WaymarkDatabase, numbers: ContactNumbers): Promise<void> {
  await db.settings.put({
    key: CONTACT_NUMBERS_KEY,
    value: { paPhone: numbers.paPhone.trim(), outOfHoursPhone: numbers.outOfHoursPhone.trim() },
  });
}

/** The numbers, live; empty strings until set. */
export function useContactNumbers(): ContactNumbers {
  const { db } = useRecordStore();
  return useLiveQuery(() => readContactNumbers(db), [db]) ?? EMPTY;
}
