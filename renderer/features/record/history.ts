/**
 * Who changed what and when, read from a record's Y.Doc. Every field is a register write that keeps
 * its writer and date (shared/ydoc/contested.ts); the latest write of each field is what the document
 * holds, so this lists, for every field, who last set it and on which day.
 */
import * as Y from 'yjs';
import { COLLECTION_NAMES } from '../../../shared/domain/model.ts';
import { WRITE_SEPARATOR } from '../../../shared/ydoc/contested.ts';
import { ENTITLEMENTS_MAP, PLAN_MAP, PROFILE_MAP } from '../../../shared/ydoc/schema.ts';

export interface HistoryEntry {
  /** The record path of the field, as in record.contested ('accommodation.<id>.suitable'). */
  readonly path: string;
  readonly field: string;
  readonly value: unknown;
  readonly by: string;
  readonly on: string;
}

function isWrite(value: unknown): value is { v: unknown; by: string; on: string } {
  if (typeof value !== 'object' || value === null || !('v' in value)) return false;
  const { by, on } = value as { by?: unknown; on?: unknown };
  return typeof by === 'string' && typeof on === 'string';
}

function readMap(map: Y.Map<unknown>, prefix: string, out: HistoryEntry[]): void {
  for (const [key, value] of map.entries()) {
    const at = key.indexOf(WRITE_SEPARATOR);
    if (at < 0 || !isWrite(value)) continue;
    const field = key.slice(0, at);
    out.push({
      path: `${prefix}.${field}`,
      field: field.split('.').at(-1) ?? field,
      value: value.v,
      by: value.by,
      on: value.on,
    });
  }
}

/** Every field write held in the document, newest day first. */
export function recordHistory(doc: Y.Doc): HistoryEntry[] {
  const out: HistoryEntry[] = [];
  readMap(doc.getMap(PROFILE_MAP), 'profile', out);
  readMap(doc.getMap(PLAN_MAP), 'plan', out);
  readMap(doc.getMap(ENTITLEMENTS_MAP), 'entitlements', out);
  for (const collection of COLLECTION_NAMES)
    for (const [id, entry] of doc.getMap<unknown>(collection).entries())
      if (entry instanceof Y.Map) readMap(entry as Y.Map<unknown>, `${collection}.${id}`, out);
  return out.sort((a, b) => (a.on !== b.on ? (a.on < b.on ? 1 : -1) : a.path.localeCompare(b.path)));
}

export interface HistoryGroup {
  readonly on: string;
  readonly by: string;
  readonly entries: readonly HistoryEntry[];
}

/** Writes grouped by day and writer, newest first. */
export function groupHistory(entries: readonly HistoryEntry[]): HistoryGroup[] {
  const groups: { on: string; by: string; entries: HistoryEntry[] }[] = [];
  for (const entry of entries) {
    const group = groups.find((g) => g.on === entry.on && g.by === entry.by);
    if (group) group.entries.push(entry);
    else groups.push({ on: entry.on, by: entry.by, entries: [entry] });
  }
  return groups;
}
