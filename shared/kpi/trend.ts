/**
 * The headline percentages (DESIGN.md §2: up-to-date pathway plans, in touch, suitable accommodation, EET
 * at 17–18 and 19–21, PA allocated by 16½) by quarter, for the team manager's trend chart. Past quarters
 * are computed from each record as it stood at the quarter's end: entries dated after that day are left
 * out (`recordAsOf`). Quarters are the financial quarters the DfE returns use (ending 30 June,
 * 30 September, 31 December and 31 March).
 */
import { dateOfDateTime, formatIsoDate, parseIsoDate, type IsoDate } from '../domain/dates.ts';
import type { YoungPersonRecord } from '../domain/model.ts';
import { DEFAULT_SETTINGS, type TeamSettings } from '../domain/settings.ts';
import { teamKpisFromRecords, type TeamKpis } from './team-kpis.ts';

export const HEADLINE_MEASURES = [
  { key: 'upToDatePlans', label: 'Up-to-date pathway plan' },
  { key: 'inTouch', label: 'In touch' },
  { key: 'suitableAccommodation', label: 'In suitable accommodation' },
  { key: 'eet17to18', label: 'In education, employment or training (aged 17–18)' },
  { key: 'eet19to21', label: 'In education, employment or training (aged 19–21)' },
  { key: 'paAllocatedBy16Half', label: 'PA allocated by 16½' },
] as const satisfies readonly { key: keyof TeamKpis; label: string }[];

export type HeadlineKey = (typeof HEADLINE_MEASURES)[number]['key'];

/** The quarter ends on or before `today`, the last `count` of them, oldest first. */
export function quarterEnds(today: IsoDate, count: number): IsoDate[] {
  if (!Number.isInteger(count) || count < 1)
    throw new RangeError(`count: must be a whole number from 1 (got ${count})`);
  const { year, month, day } = parseIsoDate(today);
  const ends: IsoDate[] = [];
  // The latest quarter-ending month on or before today.
  let y = year;
  let m = month - (month % 3);
  const lastDay = (yy: number, mm: number) => formatIsoDate(yy, mm, mm === 3 || mm === 12 ? 31 : 30);
  if (m === month && lastDay(y, m) > formatIsoDate(year, month, day)) m -= 3;
  if (m <= 0) {
    m += 12;
    y -= 1;
  }
  while (ends.length < count) {
    ends.unshift(lastDay(y, m));
    m -= 3;
    if (m <= 0) {
      m += 12;
      y -= 1;
    }
  }
  return ends;
}

/** The record as it stood at the end of `date`: everything recorded as happening later is left out. */
export function recordAsOf(record: YoungPersonRecord, date: IsoDate): YoungPersonRecord {
  const { profile, plan } = record;
  const allocatedLater = profile.paAllocatedOn !== null && profile.paAllocatedOn > date;
  return {
    ...record,
    profile: {
      ...profile,
      dateLeftCare:
        profile.dateLeftCare !== null && profile.dateLeftCare > date ? null : profile.dateLeftCare,
      allocatedPaId: allocatedLater ? null : profile.allocatedPaId,
      paAllocatedOn: allocatedLater ? null : profile.paAllocatedOn,
    },
    plan: {
      ...plan,
      needsAssessmentCompletedOn:
        plan.needsAssessmentCompletedOn !== null && plan.needsAssessmentCompletedOn > date
          ? null
          : plan.needsAssessmentCompletedOn,
      firstAgreedOn: plan.firstAgreedOn !== null && plan.firstAgreedOn > date ? null : plan.firstAgreedOn,
    },
    reviews: record.reviews.filter((r) => r.date <= date),
    reviewRequests: record.reviewRequests.filter((r) => r.requestedOn <= date),
    contacts: record.contacts.filter((c) => dateOfDateTime(c.at) <= date),
    accommodation: record.accommodation
      .filter((a) => a.startDate <= date)
      .map((a) => ({
        ...a,
        riskAssessedOn: a.riskAssessedOn !== null && a.riskAssessedOn > date ? null : a.riskAssessedOn,
        seniorApprovalOn:
          a.seniorApprovalOn !== null && a.seniorApprovalOn > date ? null : a.seniorApprovalOn,
        seniorApprovalBy:
          a.seniorApprovalOn !== null && a.seniorApprovalOn > date ? null : a.seniorApprovalBy,
      })),
    eet: record.eet.filter((e) => e.startDate <= date),
    flags: record.flags.filter((f) => f.from <= date),
    oversight: record.oversight.filter((n) => n.on <= date),
    recontactPlans: record.recontactPlans.filter((r) => r.assessedOn <= date),
  };
}

export interface TrendPoint {
  /** The day the figures are for (a quarter end, or today for the quarter so far). */
  readonly date: IsoDate;
  readonly measures: Readonly<
    Record<HeadlineKey, { numerator: number; denominator: number; percent: number | null }>
  >;
}

/** The headline measures at each of `dates`, from the records as they stood on each day. */
export function teamTrend(
  records: readonly YoungPersonRecord[],
  dates: readonly IsoDate[],
  settings: TeamSettings = DEFAULT_SETTINGS,
): TrendPoint[] {
  return dates.map((date) => {
    const kpis = teamKpisFromRecords(
      records.map((record) => recordAsOf(record, date)),
      date,
      settings,
    );
    const measures = Object.fromEntries(
      HEADLINE_MEASURES.map(({ key }) => {
        const ratio = kpis[key];
        return [
          key,
          {
            numerator: ratio.numerator.length,
            denominator: ratio.denominator.length,
            percent: ratio.percent,
          },
        ];
      }),
    ) as TrendPoint['measures'];
    return { date, measures };
  });
}

/** The last `quarters` quarter ends and, when today is not one, today (the quarter so far). */
export function trendDates(today: IsoDate, quarters: number): IsoDate[] {
  const ends = quarterEnds(today, quarters);
  return ends[ends.length - 1] === today ? ends : [...ends, today];
}
