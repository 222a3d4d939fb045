import { useEffect, useId, useState } from 'react';
import { HEADLINE_MEASURES, teamTrend, trendDates, type TrendPoint } from '../../../shared/kpi/trend.ts';
import { useRecordStore } from '../../db/store-context.tsx';
import { ukDate } from '../../ui/format.ts';
import { usePageTitle } from '../../ui/use-page-title.ts';
import { Freshness } from './Freshness.tsx';
import { percentText } from './labels.ts';
import { loadRecords } from './load-records.ts';
import type { TeamData } from './team-data.ts';
import { useTeamToday } from './team-today.tsx';
import { TrendChart, TrendLegend, TrendTable } from './TrendChart.tsx';

/** How many quarter ends the trend shows (two years), plus the quarter so far. */
export const TREND_QUARTERS = 8;

/** The headline percentages by quarter: a chart and the same figures as a table. */
export function TrendPage({ data }: { data: TeamData }) {
  usePageTitle('Trend by quarter');
  const store = useRecordStore();
  const today = useTeamToday();
  const titleId = useId();
  const descId = useId();
  const [points, setPoints] = useState<TrendPoint[] | null>(null);
  const [progress, setProgress] = useState('');
  const idsKey = data.rows.map((row) => row.id).join(',');
  const { settings } = data;

  useEffect(() => {
    let live = true;
    const ids = idsKey === '' ? [] : idsKey.split(',');
    void loadRecords(store, ids, (done, total) => {
      if (live) setProgress(`Reading records: ${done} of ${total}`);
    }).then(({ records }) => {
      if (!live) return;
      setPoints(teamTrend(records, trendDates(today, TREND_QUARTERS), settings));
      setProgress('');
    });
    return () => {
      live = false;
    };
  }, [store, idsKey, today, settings]);

  const latest = points?.[points.length - 1];
  return (
    <>
      <h1>Trend by quarter</h1>
      <Freshness rows={data.rows} />
      <p>
        The headline percentages at the end of each quarter, worked out from the records as they stood on that
        day, and for the quarter so far.
      </p>
      {points === null || latest === undefined ? (
        <p role="status">{progress || 'Working out the trend…'}</p>
      ) : (
        <figure className="team-figure">
          <figcaption id={titleId}>
            Headline measures by quarter, {ukDate(points[0]?.date ?? today)} to {ukDate(latest.date)}
          </figcaption>
          <p id={descId} className="team-chart__summary">
            Latest figures:{' '}
            {HEADLINE_MEASURES.map(
              ({ key, label }) => `${label} ${percentText(latest.measures[key].percent)}`,
            ).join('; ')}
            . The table below gives every figure.
          </p>
          <TrendLegend />
          <TrendChart points={points} titleId={titleId} descId={descId} />
          <TrendTable points={points} />
        </figure>
      )}
    </>
  );
}
