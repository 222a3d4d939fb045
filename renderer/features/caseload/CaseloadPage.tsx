import { useEffect, useId, useMemo, useState } from 'react';
import { afterNextPaint, firstScreenShown } from '../../app/first-screen.ts';
import { Link } from 'wouter';
import { useVisitDraftIds } from '../../db/visit-drafts.ts';
import { VisitLink } from '../visit/VisitLink.tsx';
import { ACCOM_LABELS, ACTIV_LABELS } from '../../../shared/domain/codes.ts';
import type { CaseloadRow } from '../../db/caseload-row.ts';
import { todayIso } from '../../db/today.ts';
import { useCaseload } from '../../db/use-caseload.ts';
import { ukDate, ukDatesIn } from '../../ui/format.ts';
import { CaseloadNotices } from '../../ui/CaseloadNotices.tsx';
import { HeldBackList } from '../../ui/HeldBack.tsx';
import { usePageTitle } from '../../ui/use-page-title.ts';
import { IN_TOUCH_STATE_LABELS } from '../record/labels.ts';
import { LoadingRecords } from './LoadingRecords.tsx';
import { useSessionState } from '../../sync/session-context.tsx';
import {
  ATTENTION_KEYS,
  ATTENTION_LABELS,
  EXCEPTION_URGENCY,
  attentionCounts,
  byUrgency,
  filterCaseload,
  needsAttention,
  nextReviewText,
  type AttentionKey,
} from './attention.ts';
import { DataTable } from '../../ui/DataTable.tsx';

function AccommodationCell({ row }: { row: CaseloadRow }) {
  if (!row.accommodationCode) return <>Not recorded</>;
  return (
    <>
      {ACCOM_LABELS[row.accommodationCode]} ({row.accommodationCode})
      {row.accommodationSuitable === false ? (
        <strong className="badge badge--danger">Unsuitable</strong>
      ) : null}
    </>
  );
}

/** Reasons shown open in a caseload row; the rest are one click away (GOV.UK details). */
const REASONS_SHOWN = 2;

/**
 * What needs attention, most urgent first: the first two open, any others behind "N more", so a row
 * stays short and the first young people fit on the first screen.
 */
function NeedsAttention({ row }: { row: CaseloadRow }) {
  if (row.exceptionReasons.length === 0) return <>Nothing</>;
  const reasons = [...row.exceptionReasons].sort(
    (a, b) => EXCEPTION_URGENCY[b.kind] - EXCEPTION_URGENCY[a.kind],
  );
  const list = (shown: typeof reasons) => (
    <ul className="reasons">
      {shown.map((reason, index) => (
        <li key={`${reason.kind}-${index}`}>{ukDatesIn(reason.message)}</li>
      ))}
    </ul>
  );
  const rest = reasons.slice(REASONS_SHOWN);
  return (
    <>
      {list(reasons.slice(0, REASONS_SHOWN))}
      {rest.length > 0 ? (
        <details className="reasons__more">
          <summary>{rest.length} more</summary>
          {list(rest)}
        </details>
      ) : null}
    </>
  );
}

function Row({ row, today, paused }: { row: CaseloadRow; today: string; paused: boolean }) {
  const due = needsAttention(row, 'review-overdue', today)
    ? 'Overdue'
    : needsAttention(row, 'review-due-soon', today)
      ? 'Due soon'
      : null;
  return (
    <tr>
      <th scope="row">
        <Link href={`/young-people/${encodeURIComponent(row.id)}`}>{row.displayName}</Link>
        <br />
        <VisitLink recordId={row.id} name={row.displayName} paused={paused} />
      </th>
      <td>
        {row.age}
        {row.nextSignificantBirthday && needsAttention(row, 'birthday', today) ? (
          <strong className="badge badge--warn">
            Turns {row.nextSignificantBirthday.age} on {ukDate(row.nextSignificantBirthday.date)}
          </strong>
        ) : null}
      </td>
      <td>
        {nextReviewText(row)}
        {due ? (
          <strong className={`badge ${due === 'Overdue' ? 'badge--danger' : 'badge--warn'}`}>{due}</strong>
        ) : null}
      </td>
      <td>
        {IN_TOUCH_STATE_LABELS[row.inTouchState]}
        <br />
        <span className="hint">Last contact: {ukDate(row.lastContactDate, 'none recorded')}</span>
      </td>
      <td>
        <AccommodationCell row={row} />
      </td>
      <td>{row.eetCode ? `${ACTIV_LABELS[row.eetCode]} (${row.eetCode})` : 'Not recorded'}</td>
      <td>
        <NeedsAttention row={row} />
      </td>
    </tr>
  );
}

/** Rows rendered at first and added by each "Show more" (a PA's caseload fits in one page). */
export const CASELOAD_PAGE_SIZE = 50;

/**
 * Rows drawn first, more than fill the window at 1366×768: the rest of the first page follows once they
 * are on screen, so the first young people show without waiting for rows below the fold.
 */
const FIRST_SCREEN_ROWS = 12;

/** The PA's caseload, read from the Dexie projection: what needs doing first comes first. */
export function CaseloadPage() {
  // A team manager's laptop holds the team's young people, and only a PA adds one (the server lets only
  // a PA claim a new record), so their page is the team's caseload, with no "Add a young person".
  const manager = useSessionState().user?.role === 'team_manager';
  const title = manager ? 'Team caseload' : 'My caseload';
  usePageTitle(title);
  const rows = useCaseload();
  const loaded = rows !== undefined;
  const [limit, setLimit] = useState(FIRST_SCREEN_ROWS);
  useEffect(() => {
    if (!loaded) return;
    firstScreenShown();
    afterNextPaint(() => setLimit((current) => Math.max(current, CASELOAD_PAGE_SIZE)));
  }, [loaded]);
  const pausedVisits = useVisitDraftIds();
  const [today] = useState(todayIso);
  const [search, setSearch] = useState('');
  const [attention, setAttentionState] = useState<AttentionKey | 'all'>('all');
  const setAttention = (value: AttentionKey | 'all') => {
    setAttentionState(value);
    setLimit(CASELOAD_PAGE_SIZE);
  };
  const searchId = useId();
  const showId = useId();
  // Worked out again only when the rows or the filter change, not on every render of the page.
  const counts = useMemo(() => (rows ? attentionCounts(rows, today) : null), [rows, today]);
  const shown = useMemo(
    () => (rows ? filterCaseload(rows, { search, attention }, today).sort(byUrgency) : []),
    [rows, search, attention, today],
  );
  const visible = shown.slice(0, limit);
  const hidden = shown.length - visible.length;
  return (
    <>
      <div className="page-heading">
        <h1>{title}</h1>
        {manager ? null : (
          <Link href="/young-people/new" className="button button--link">
            Add a young person
          </Link>
        )}
      </div>
      <CaseloadNotices />
      <HeldBackList />
      <LoadingRecords />
      {rows === undefined ? (
        <p>Loading your caseload…</p>
      ) : rows.length === 0 ? (
        <section aria-labelledby="caseload-empty-heading" className="empty-state">
          <h2 id="caseload-empty-heading">No young people yet</h2>
          <p>
            When young people are allocated to you, or you add one, they appear here with what needs doing
            first: reviews due, contact overdue and accommodation to check.
          </p>
        </section>
      ) : (
        <>
          <section aria-labelledby="attention-heading" className="attention-summary">
            <h2 id="attention-heading">What needs doing first</h2>
            <ul className="attention-summary__list">
              {ATTENTION_KEYS.map((key) => (
                <li key={key}>
                  <button
                    type="button"
                    className="count-button"
                    aria-pressed={attention === key}
                    onClick={() => setAttention(attention === key ? 'all' : key)}
                  >
                    <span className="count-button__count">{counts?.[key] ?? 0}</span>
                    <span className="count-button__label">{ATTENTION_LABELS[key]}</span>
                  </button>
                </li>
              ))}
            </ul>
          </section>
          <div className="filters" role="search" aria-label="Caseload">
            <div className="field">
              <label htmlFor={searchId}>Search by name</label>
              <input
                id={searchId}
                type="search"
                value={search}
                onChange={(event) => {
                  setSearch(event.target.value);
                  setLimit(CASELOAD_PAGE_SIZE);
                }}
              />
            </div>
            <div className="field">
              <label htmlFor={showId}>Show</label>
              <select
                id={showId}
                value={attention}
                onChange={(event) => setAttention(event.target.value as AttentionKey | 'all')}
              >
                <option value="all">Everyone</option>
                {ATTENTION_KEYS.map((key) => (
                  <option key={key} value={key}>
                    {ATTENTION_LABELS[key]}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <DataTable
            caption={
              shown.length === rows.length
                ? `${rows.length} young ${rows.length === 1 ? 'person' : 'people'}, most urgent first`
                : `${shown.length} of ${rows.length} young people shown, most urgent first`
            }
            liveCaption
            headings={[
              'Name',
              'Age',
              'Next review',
              'In touch',
              'Accommodation',
              'Education, employment, training',
              'Needs attention',
            ]}
            className="caseload"
          >
            {visible.map((row) => (
              <Row key={row.id} row={row} today={today} paused={pausedVisits?.has(row.id) ?? false} />
            ))}
          </DataTable>
          {hidden > 0 && limit >= CASELOAD_PAGE_SIZE ? (
            <p>
              Showing the {visible.length} most urgent.{' '}
              <button
                type="button"
                className="button button--secondary"
                onClick={() => setLimit(limit + CASELOAD_PAGE_SIZE)}
              >
                Show {Math.min(hidden, CASELOAD_PAGE_SIZE)} more ({hidden} not shown)
              </button>
            </p>
          ) : null}
        </>
      )}
    </>
  );
}
