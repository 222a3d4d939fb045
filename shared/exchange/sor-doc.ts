/**
 * What came from the council's system of record, kept in each young person's Y.Doc beside the record
 * (one more root map; readers of older versions ignore root maps they do not know, see ydoc/schema.ts).
 *
 *   doc.getMap('systemOfRecord')   register map (ydoc/contested.ts):
 *     'child'                      the SSDA903 CHILD id
 *     'imported.<field>'           the value of each profile field as the last import wrote or found it
 *                                  (provenance: a later import changes a field only while the record
 *                                  still holds this value, so nothing a PA recorded is overwritten)
 *     'imported.paUsername'        the allocated PA the last import named
 *     'episodes'                   the episodes of care (owned by the system of record, replaced whole)
 *     'oc3.<birthday>'             the OC3 values the return gave for that birthday (dated history:
 *                                  entries are added year by year and never removed)
 */
import * as Y from 'yjs';
import type { IsoDate } from '../domain/dates.ts';
import { readFields, writeFields, type WriteContext } from '../ydoc/contested.ts';

export const SYSTEM_OF_RECORD_MAP = 'systemOfRecord';

/** Profile fields an import owns (their provenance is tracked). */
export const SOR_PROFILE_FIELDS = [
  'dateOfBirth',
  'dateLeftCare',
  'category',
  'becameEligibleOn',
  'givenName',
  'familyName',
  'preferredName',
] as const;
export type SorProfileField = (typeof SOR_PROFILE_FIELDS)[number];

export const SOR_FIELD_LABELS: Readonly<Record<SorProfileField | 'paUsername', string>> = {
  dateOfBirth: 'Date of birth',
  dateLeftCare: 'Date left care',
  category: 'Category',
  becameEligibleOn: 'Became eligible on',
  givenName: 'Given name',
  familyName: 'Family name',
  preferredName: 'Preferred name',
  paUsername: 'Allocated PA',
};

export interface SorEpisode {
  readonly decom: IsoDate;
  readonly dec: IsoDate | null;
  readonly rne: string;
  readonly ls: string;
  readonly cin: string;
  readonly place: string;
  readonly placeProvider: string;
  readonly rec: string | null;
  readonly reasonPlaceChange: string;
}

export interface Oc3HistoryEntry {
  readonly birthday: IsoDate;
  readonly yearEnding: number;
  readonly inTouch: string;
  readonly activ: string;
  readonly accom: string;
}

export interface SorState {
  readonly child: string | null;
  readonly imported: Readonly<Partial<Record<SorProfileField | 'paUsername', unknown>>>;
  readonly episodes: readonly SorEpisode[];
  readonly oc3: readonly Oc3HistoryEntry[];
}

export const EMPTY_SOR_STATE: SorState = { child: null, imported: {}, episodes: [], oc3: [] };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asOc3Entry(birthday: string, value: unknown): Oc3HistoryEntry | null {
  if (!isRecord(value)) return null;
  const { yearEnding, inTouch, activ, accom } = value;
  if (
    typeof yearEnding !== 'number' ||
    typeof inTouch !== 'string' ||
    typeof activ !== 'string' ||
    typeof accom !== 'string'
  )
    return null;
  return { birthday, yearEnding, inTouch, activ, accom };
}

/** Reads the system-of-record map of a document (empty for records never imported). */
export function readSorState(doc: Y.Doc): SorState {
  const { values } = readFields(doc.getMap(SYSTEM_OF_RECORD_MAP));
  const imported: Record<string, unknown> = {};
  const oc3: Oc3HistoryEntry[] = [];
  for (const [field, value] of Object.entries(values)) {
    if (field.startsWith('imported.')) imported[field.slice('imported.'.length)] = value;
    if (field.startsWith('oc3.')) {
      const entry = asOc3Entry(field.slice('oc3.'.length), value);
      if (entry !== null) oc3.push(entry);
    }
  }
  oc3.sort((a, b) => (a.birthday < b.birthday ? -1 : 1));
  const episodes = Array.isArray(values['episodes']) ? (values['episodes'] as SorEpisode[]) : [];
  return { child: typeof values['child'] === 'string' ? values['child'] : null, imported, episodes, oc3 };
}

/** The register fields that represent a system-of-record state. */
export function sorFields(state: SorState): Record<string, unknown> {
  const fields: Record<string, unknown> = { child: state.child, episodes: state.episodes };
  for (const [field, value] of Object.entries(state.imported)) fields[`imported.${field}`] = value;
  for (const entry of state.oc3)
    fields[`oc3.${entry.birthday}`] = {
      yearEnding: entry.yearEnding,
      inTouch: entry.inTouch,
      activ: entry.activ,
      accom: entry.accom,
    };
  return fields;
}

/** The fields of `next` that differ from what the document holds: empty when nothing would change. */
export function changedSorFields(current: SorState, next: SorState): Record<string, unknown> {
  const before = sorFields(current);
  return Object.fromEntries(
    Object.entries(sorFields(next)).filter(
      ([field, value]) => JSON.stringify(before[field]) !== JSON.stringify(value),
    ),
  );
}

/** Writes system-of-record fields in one transaction. */
export function writeSorFields(
  doc: Y.Doc,
  fields: Readonly<Record<string, unknown>>,
  ctx: WriteContext,
): void {
  if (Object.keys(fields).length === 0) return;
  doc.transact(() => writeFields(doc.getMap(SYSTEM_OF_RECORD_MAP), fields, ctx));
}
