/**
 * A small line chart of the headline percentages by quarter, drawn as SVG (no chart library). Each line has
 * its own colour and dash pattern and marker shape, so it does not depend on colour alone (WCAG 1.4.1); the
 * same figures are in the table that follows it (TrendTable), which is the accessible alternative.
 */
import { HEADLINE_MEASURES, type HeadlineKey, type TrendPoint } from '../../../shared/kpi/trend.ts';
import { ukDate } from '../../ui/format.ts';
import { percentText } from './labels.ts';

/** Colours with at least 3:1 contrast against white (WCAG 1.4.11), and dash patterns. */
const STYLES: Readonly<Record<HeadlineKey, { colour: string; dash: string }>> = {
  upToDatePlans: { colour: '#1d4ed8', dash: '' },
  inTouch: { colour: '#b91c1c', dash: '8 4' },
  suitableAccommodation: { colour: '#047857', dash: '2 3' },
  eet17to18: { colour: '#6d28d9', dash: '12 4 2 4' },
  eet19to21: { colour: '#9a3412', dash: '4 4' },
  paAllocatedBy16Half: { colour: '#0f5f66', dash: '14 3' },
};

const WIDTH = 720;
const HEIGHT = 320;
const MARGIN = { top: 16, right: 24, bottom: 48, left: 56 };

export function TrendChart({
  points,
  titleId,
  descId,
}: {
  points: readonly TrendPoint[];
  titleId: string;
  descId: string;
}) {
  const plotW = WIDTH - MARGIN.left - MARGIN.right;
  const plotH = HEIGHT - MARGIN.top - MARGIN.bottom;
  const x = (i: number) => MARGIN.left + (points.length <= 1 ? plotW / 2 : (i * plotW) / (points.length - 1));
  const y = (percent: number) => MARGIN.top + plotH - (percent / 100) * plotH;
  return (
    <svg
      className="team-chart"
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      role="img"
      aria-labelledby={`${titleId} ${descId}`}
      data-testid="trend-chart"
    >
      {[0, 25, 50, 75, 100].map((tick) => (
        <g key={tick} aria-hidden="true">
          <line
            x1={MARGIN.left}
            x2={WIDTH - MARGIN.right}
            y1={y(tick)}
            y2={y(tick)}
            stroke="#6b7280"
            strokeWidth={tick === 0 ? 1.5 : 0.5}
          />
          <text x={MARGIN.left - 8} y={y(tick) + 4} textAnchor="end" fontSize="12" fill="#1f2937">
            {tick}%
          </text>
        </g>
      ))}
      {points.map((point, i) => (
        <text
          key={point.date}
          x={x(i)}
          y={HEIGHT - MARGIN.bottom + 20}
          textAnchor="middle"
          fontSize="12"
          fill="#1f2937"
          aria-hidden="true"
        >
          {ukDate(point.date)}
        </text>
      ))}
      {HEADLINE_MEASURES.map(({ key }) => {
        const style = STYLES[key];
        const coords = points
          .map((point, i) => ({ i, percent: point.measures[key].percent }))
          .filter((c): c is { i: number; percent: number } => c.percent !== null);
        return (
          <g key={key} aria-hidden="true" data-series={key}>
            <polyline
              fill="none"
              stroke={style.colour}
              strokeWidth={2.5}
              strokeDasharray={style.dash || undefined}
              points={coords.map((c) => `${x(c.i)},${y(c.percent)}`).join(' ')}
            />
            {coords.map((c) => (
              <circle key={c.i} cx={x(c.i)} cy={y(c.percent)} r={3.5} fill={style.colour} />
            ))}
          </g>
        );
      })}
    </svg>
  );
}

export function TrendLegend() {
  return (
    <ul className="team-legend" aria-label="Key to the chart">
      {HEADLINE_MEASURES.map(({ key, label }) => (
        <li key={key}>
          <svg width="36" height="12" aria-hidden="true" focusable="false">
            <line
              x1="0"
              x2="36"
              y1="6"
              y2="6"
              stroke={STYLES[key].colour}
              strokeWidth="3"
              strokeDasharray={STYLES[key].dash || undefined}
            />
          </svg>{' '}
          {label}
        </li>
      ))}
    </ul>
  );
}

/** The chart's figures as a table: one row per measure, one column per quarter end. */
export function TrendTable({ points }: { points: readonly TrendPoint[] }) {
  return (
    <table className="table" data-testid="trend-table">
      <caption>Headline measures by quarter (the figures the chart shows)</caption>
      <thead>
        <tr>
          <th scope="col">Measure</th>
          {points.map((point) => (
            <th scope="col" key={point.date}>
              {ukDate(point.date)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {HEADLINE_MEASURES.map(({ key, label }) => (
          <tr key={key} data-measure={key}>
            <th scope="row">{label}</th>
            {points.map((point) => {
              const m = point.measures[key];
              return (
                <td key={point.date} data-date={point.date}>
                  {percentText(m.percent)} ({m.numerator} of {m.denominator})
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
