import { Link } from 'wouter';
import { HEADLINE_MEASURES, type HeadlineKey } from '../../../shared/kpi/trend.ts';
import { usePageTitle } from '../../ui/use-page-title.ts';
import { drillHref, drillIds, type DrillPart } from './drill-down.ts';
import { Freshness } from './Freshness.tsx';
import { percentText } from './labels.ts';
import type { TeamData } from './team-data.ts';
import { DataTable } from '../../ui/DataTable.tsx';

const PART_COLUMN_WORDS: Readonly<Record<DrillPart, string>> = {
  met: 'counted',
  'not-met': 'not counted',
  all: 'measured',
};

/** One number of a measure, linking to the young people behind it. */
function DrillCell({
  measure,
  label,
  part,
  count,
}: {
  measure: HeadlineKey;
  label: string;
  part: DrillPart;
  count: number;
}) {
  return (
    <td>
      <Link
        href={drillHref(measure, part)}
        data-part={part}
        aria-label={`${label}: ${count} ${PART_COLUMN_WORDS[part]}`}
      >
        {count}
      </Link>
    </td>
  );
}

/**
 * The team scorecard: caseload per PA against the team target, and the headline measures as counts and
 * percentages. Every number links to the young people behind it.
 */
export function Scorecard({ data, paName }: { data: TeamData; paName: (paId: string | null) => string }) {
  usePageTitle('Team scorecard');
  const { kpis } = data;
  const target = data.settings.caseloadTarget;
  return (
    <>
      <h1>Team scorecard</h1>
      <Freshness rows={data.rows} />
      <section aria-labelledby="caseloads-heading">
        <h2 id="caseloads-heading">Caseload per personal adviser</h2>
        <p>
          Team target: at most {target} young people each. Average caseload:{' '}
          {kpis.averageCaseload === null ? 'no allocated caseloads' : kpis.averageCaseload}.
        </p>
        <table className="table" data-testid="caseloads">
          <caption>Active young people allocated to each personal adviser</caption>
          <thead>
            <tr>
              <th scope="col">Personal adviser</th>
              <th scope="col">Young people</th>
              <th scope="col">Against the target of {target}</th>
            </tr>
          </thead>
          <tbody>
            {kpis.caseloads.map((load) => (
              <tr key={load.paId} data-pa={load.paId}>
                <th scope="row">{paName(load.paId)}</th>
                <td>
                  <Link href={`/pa/${load.paId}`} data-count="caseload">
                    {load.ids.length}
                  </Link>
                </td>
                <td>
                  {load.overTarget ? (
                    <strong className="badge badge--danger">
                      {load.ids.length - target} over the target
                    </strong>
                  ) : (
                    'Within the target'
                  )}
                </td>
              </tr>
            ))}
            <tr data-pa="unallocated">
              <th scope="row">No personal adviser allocated</th>
              <td>
                <Link href="/unallocated" data-count="caseload">
                  {kpis.unallocated.length}
                </Link>
              </td>
              <td>{kpis.unallocated.length > 0 ? 'Allocate a personal adviser' : 'Everyone is allocated'}</td>
            </tr>
          </tbody>
        </table>
      </section>
      <section aria-labelledby="measures-heading">
        <h2 id="measures-heading">Headline measures</h2>
        <p>Of the {kpis.active.length} young people on the team’s active caseload.</p>
        <DataTable
          caption="Headline measures: how many young people count, of how many measured"
          headings={['Measure', 'Counted', 'Not counted', 'Measured', 'Percentage']}
          testId="measures"
        >
          {HEADLINE_MEASURES.map(({ key, label }) => {
            const ratio = kpis[key];
            return (
              <tr key={key} data-measure={key}>
                <th scope="row">{label}</th>
                <DrillCell measure={key} label={label} part="met" count={ratio.numerator.length} />
                <DrillCell
                  measure={key}
                  label={label}
                  part="not-met"
                  count={drillIds(kpis, key, 'not-met').length}
                />
                <DrillCell measure={key} label={label} part="all" count={ratio.denominator.length} />
                <td data-part="percent">{percentText(ratio.percent)}</td>
              </tr>
            );
          })}
        </DataTable>
      </section>
    </>
  );
}
