/**
 * Team KPIs over any set of young people, computed from projection rows (what the Dexie index holds) so
 * dashboards never open Y.Docs. Every figure carries the ids behind it, for drill-down.
 * Indicators: DESIGN.md §2 (DfE headline measures and councils' scorecards): caseload per PA (target
 * ≤ 20–22), % up-to-date pathway plans, % in touch, % in suitable accommodation, % EET at 17–18 and
 * 19–21, % with a PA allocated by 16½.
 */
import type { IsoDate } from '../domain/dates.ts';
import type { YoungPersonRecord } from '../domain/model.ts';
import { DEFAULT_SETTINGS, type TeamSettings } from '../domain/settings.ts';
import { projectRecord, type ProjectionRow } from '../ydoc/projection.ts';
import { EXCEPTION_KINDS, EXCEPTION_LABELS, type ExceptionKind } from './exceptions.ts';

/** A percentage with the young people behind it. */
export interface Ratio {
  /** Ids counted in the numerator (a subset of the denominator). */
  readonly numerator: readonly string[];
  readonly denominator: readonly string[];
  /** Rounded to one decimal place; null when nobody is in the denominator. */
  readonly percent: number | null;
}

export interface PaCaseload {
  readonly paId: string;
  readonly ids: readonly string[];
  readonly overTarget: boolean;
}

export interface ExceptionList {
  readonly kind: ExceptionKind;
  readonly label: string;
  readonly entries: readonly { readonly id: string; readonly message: string }[];
}

export interface TeamKpis {
  /** The latest day the rows were computed for (rows computed on different days are stale). */
  readonly asOf: IsoDate | null;
  readonly all: readonly string[];
  /** Young people on the caseload: support not ended, alive, still wanting services. */
  readonly active: readonly string[];
  readonly caseloads: readonly PaCaseload[];
  readonly unallocated: readonly string[];
  readonly averageCaseload: number | null;
  /**
   * Of active young people whose first plan is due: plan agreed and review not overdue. Qualifying care
   * leavers are owed no plan (s24–24B) and are not counted.
   */
  readonly upToDatePlans: Ratio;
  /** Of active young people: contact within the team's threshold. */
  readonly inTouch: Ratio;
  /** Of active young people: current accommodation recorded as suitable (unknown counts as not). */
  readonly suitableAccommodation: Ratio;
  /** Of active young people aged 17 or 18: in education, employment or training. */
  readonly eet17to18: Ratio;
  /** Of active young people aged 19 to 21. */
  readonly eet19to21: Ratio;
  /**
   * Of active young people for whom allocation is due or done: allocated by the local target (16½ by
   * default). Qualifying care leavers are owed no PA and are not counted.
   */
  readonly paAllocatedBy16Half: Ratio;
  /** One list per exception kind that has entries, in a fixed order. */
  readonly exceptions: readonly ExceptionList[];
}

export function ratio(denominator: readonly ProjectionRow[], counts: (row: ProjectionRow) => boolean): Ratio {
  const numerator = denominator.filter(counts).map((row) => row.id);
  return {
    numerator,
    denominator: denominator.map((row) => row.id),
    percent:
      denominator.length === 0 ? null : Math.round((numerator.length / denominator.length) * 1000) / 10,
  };
}

function caseloads(active: readonly ProjectionRow[], target: number): PaCaseload[] {
  const byPa = new Map<string, string[]>();
  for (const row of active) {
    if (row.paId === null) continue;
    const ids = byPa.get(row.paId);
    if (ids === undefined) byPa.set(row.paId, [row.id]);
    else ids.push(row.id);
  }
  return [...byPa.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([paId, ids]) => ({ paId, ids, overTarget: ids.length > target }));
}

function exceptionLists(active: readonly ProjectionRow[]): ExceptionList[] {
  return EXCEPTION_KINDS.map((kind) => ({
    kind,
    label: EXCEPTION_LABELS[kind],
    entries: active.flatMap((row) =>
      row.exceptionReasons
        .filter((reason) => reason.kind === kind)
        .map((reason) => ({ id: row.id, message: reason.message })),
    ),
  })).filter((list) => list.entries.length > 0);
}

export function teamKpis(
  rows: readonly ProjectionRow[],
  settings: TeamSettings = DEFAULT_SETTINGS,
): TeamKpis {
  const active = rows.filter((row) => row.active);
  const loads = caseloads(active, settings.caseloadTarget);
  const allocated = loads.reduce((sum, load) => sum + load.ids.length, 0);
  return {
    asOf: rows.reduce<IsoDate | null>(
      (latest, row) => (latest === null || row.asOf > latest ? row.asOf : latest),
      null,
    ),
    all: rows.map((row) => row.id),
    active: active.map((row) => row.id),
    caseloads: loads,
    unallocated: active.filter((row) => row.paId === null).map((row) => row.id),
    averageCaseload: loads.length === 0 ? null : Math.round((allocated / loads.length) * 10) / 10,
    upToDatePlans: ratio(
      active.filter((row) => row.planState !== 'not-yet-due' && row.planState !== 'not-required'),
      (row) => row.planState === 'up-to-date',
    ),
    inTouch: ratio(active, (row) => row.inTouchState === 'in-touch'),
    suitableAccommodation: ratio(active, (row) => row.accommodationSuitable === true),
    eet17to18: ratio(
      active.filter((row) => row.age >= 17 && row.age <= 18),
      (row) => row.eetState === 'eet',
    ),
    eet19to21: ratio(
      active.filter((row) => row.age >= 19 && row.age <= 21),
      (row) => row.eetState === 'eet',
    ),
    paAllocatedBy16Half: ratio(
      active.filter((row) => row.paAllocatedBy16Half !== null),
      (row) => row.paAllocatedBy16Half === true,
    ),
    exceptions: exceptionLists(active),
  };
}

/** KPIs straight from records (tests, the server, exports): projects each record as of `today`. */
export function teamKpisFromRecords(
  records: readonly YoungPersonRecord[],
  today: IsoDate,
  settings: TeamSettings = DEFAULT_SETTINGS,
): TeamKpis {
  return teamKpis(
    records.map((record) => projectRecord(record, today, settings)),
    settings,
  );
}
