/**
 * A "by when" as typed: a UK date becomes yyyy-MM-dd; anything else is passed on unchanged so the
 * shared SMART check (shared/domain/smart.ts) can refuse it by name ("ongoing" is not a timescale).
 */
import { parseUkDate } from '../../../ui/format.ts';

export function timescaleInput(text: string): string {
  return parseUkDate(text) ?? text.trim();
}
