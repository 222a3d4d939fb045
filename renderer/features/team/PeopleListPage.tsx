import { Link } from 'wouter';
import { usePageTitle } from '../../ui/use-page-title.ts';
import {
  isDrillPart,
  isHeadlineKey,
  drillIds,
  measureDetail,
  measureLabel,
  PART_WORDS,
  type MeasureDetail,
} from './drill-down.ts';
import { Freshness } from './Freshness.tsx';
import { peopleText } from './labels.ts';
import { PeopleTable, rowsFor } from './PeopleTable.tsx';
import type { TeamData } from './team-data.ts';

interface ListProps {
  readonly data: TeamData;
  readonly paName: (paId: string | null) => string;
}

function ListPage({
  title,
  ids,
  data,
  paName,
  detail,
}: ListProps & { title: string; ids: readonly string[]; detail?: MeasureDetail | undefined }) {
  usePageTitle(title);
  const rows = rowsFor(ids, data.byId);
  return (
    <>
      <h1>{title}</h1>
      <Freshness rows={data.rows} />
      <p>
        <Link href="/">Back to the scorecard</Link>
      </p>
      <PeopleTable
        caption={peopleText(rows.length)}
        rows={rows}
        paName={paName}
        {...(detail ? { detail } : {})}
      />
    </>
  );
}

/** The young people behind one number of a headline measure. */
export function MeasurePeople({
  data,
  paName,
  measure,
  part,
}: ListProps & { measure: string; part: string }) {
  if (!isHeadlineKey(measure) || !isDrillPart(part))
    return <ListPage title="No such measure" ids={[]} data={data} paName={paName} />;
  const title = `${measureLabel(measure)}: ${PART_WORDS[part]}`;
  return (
    <ListPage
      title={title}
      ids={drillIds(data.kpis, measure, part)}
      data={data}
      paName={paName}
      detail={measureDetail(measure)}
    />
  );
}

/** One PA's active caseload. */
export function PaCaseloadPeople({ data, paName, paId }: ListProps & { paId: string }) {
  const load = data.kpis.caseloads.find((l) => l.paId === paId);
  return <ListPage title={`Caseload of ${paName(paId)}`} ids={load?.ids ?? []} data={data} paName={paName} />;
}

/** Active young people with no PA allocated. */
export function UnallocatedPeople({ data, paName }: ListProps) {
  return (
    <ListPage title="No personal adviser allocated" ids={data.kpis.unallocated} data={data} paName={paName} />
  );
}
