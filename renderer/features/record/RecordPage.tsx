import { useEffect, useRef, type ReactNode } from 'react';
import { Link, useParams, useRoute } from 'wouter';
import { displayName } from '../../../shared/ydoc/projection.ts';
import { usePageTitle } from '../../ui/use-page-title.ts';
import { AccommodationSection } from './accommodation/AccommodationSection.tsx';
import { ContactSection } from './contacts/ContactSection.tsx';
import { AnnounceProvider, useAnnounce } from './announce.tsx';
import { ContestedPanel } from './common/ContestedPanel.tsx';
import { EetSection } from './eet/EetSection.tsx';
import { EntitlementsSection } from './entitlements/EntitlementsSection.tsx';
import { HistorySection } from './history/HistorySection.tsx';
import { PlanSection } from './plan/PlanSection.tsx';
import { RecordSummary } from './RecordSummary.tsx';
import { RefusalNotice } from './common/RefusalNotice.tsx';
import { StatusSection } from './status/StatusSection.tsx';
import { useRecord, type LoadedRecord } from './use-record.ts';
import { useRecordListed } from './use-record-listed.ts';
import { HeldBackNotice } from '../../ui/HeldBack.tsx';
import { RecordVisitLink } from '../visit/VisitLink.tsx';

export const RECORD_SECTIONS = [
  { key: 'plan', label: 'Pathway plan' },
  { key: 'contacts', label: 'Contact log' },
  { key: 'accommodation', label: 'Accommodation' },
  { key: 'eet', label: 'Education, employment, training' },
  { key: 'entitlements', label: 'Entitlements' },
  { key: 'status', label: 'Status flags' },
  { key: 'history', label: 'History' },
] as const;
type SectionKey = (typeof RECORD_SECTIONS)[number]['key'];

export function recordPath(id: string, section?: SectionKey | 'my-plan'): string {
  return `/young-people/${encodeURIComponent(id)}${section ? `/${section}` : ''}`;
}

function SectionLink({ id, section, label }: { id: string; section: SectionKey; label: string }) {
  const [onSection] = useRoute(recordPath(id, section));
  const [onDefault] = useRoute(recordPath(id));
  const current = onSection || (section === 'plan' && onDefault);
  return (
    <Link href={recordPath(id, section)} className="subnav__link" aria-current={current ? 'page' : undefined}>
      {label}
    </Link>
  );
}

function UndoButton({ loaded, message }: { loaded: LoadedRecord; message: string }) {
  const announce = useAnnounce();
  return (
    <div className="undo">
      <button
        type="button"
        className="button button--secondary"
        disabled={!loaded.canUndo}
        onClick={() => {
          loaded.undo();
          announce('Your last change was undone.');
        }}
      >
        Undo my last change
      </button>
      <p role="status" className="undo__status">
        {message}
      </p>
    </div>
  );
}

/** What each section of the record shows. */
const SECTION_CONTENT: Record<SectionKey, (props: { loaded: LoadedRecord }) => ReactNode> = {
  plan: PlanSection,
  contacts: ContactSection,
  accommodation: AccommodationSection,
  eet: EetSection,
  entitlements: EntitlementsSection,
  status: StatusSection,
  history: HistorySection,
};

function SectionContent({ section, loaded }: { section: SectionKey; loaded: LoadedRecord }) {
  const Content = SECTION_CONTENT[section];
  return <Content loaded={loaded} />;
}

function LoadedRecordView({ id, section }: { id: string; section: SectionKey }) {
  const state = useRecord(id);
  const sectionLabel = RECORD_SECTIONS.find((entry) => entry.key === section)?.label ?? '';
  const name = state.state === 'ready' ? displayName(state.value.record) : 'Young person';
  usePageTitle(`${name}: ${sectionLabel}`);
  // Opening a record moves focus to its heading (the young person's name), once per record: moving
  // between its sections leaves focus on the section link.
  const focusedFor = useRef<string | null>(null);
  const ready = state.state === 'ready';
  useEffect(() => {
    if (!ready || focusedFor.current === id) return;
    focusedFor.current = id;
    document.getElementById('record-name')?.focus();
  }, [ready, id]);
  if (state.state === 'loading') return <p>Opening the record…</p>;
  if (state.state === 'empty')
    return (
      <p className="notice">
        This record has not arrived on this laptop yet. It will appear when it has synced.
      </p>
    );
  if (state.state === 'unreadable')
    return (
      <p className="notice" role="alert">
        This record cannot be read on this laptop ({state.message}).
      </p>
    );
  const loaded = state.value;
  return (
    <AnnounceProvider resetOn={section}>
      {(message) => (
        <>
          <HeldBackNotice recordId={id} />
          <RecordSummary loaded={loaded} />
          <RecordVisitLink recordId={id} name={displayName(loaded.record)} />
          <UndoButton loaded={loaded} message={message} />
          <ContestedPanel loaded={loaded} />
          <RefusalNotice recordId={id} />
          <nav className="subnav" aria-label="Record sections">
            <ul className="subnav__list">
              {RECORD_SECTIONS.map((entry) => (
                <li key={entry.key}>
                  <SectionLink id={id} section={entry.key} label={entry.label} />
                </li>
              ))}
            </ul>
          </nav>
          <SectionContent section={section} loaded={loaded} />
        </>
      )}
    </AnnounceProvider>
  );
}

/** A young person's record: summary, then one section at a time (#/young-people/:id/:section). */
export function RecordPage() {
  const params = useParams<{ id: string; section?: string }>();
  const id = params.id;
  const listed = useRecordListed(id);
  const section = RECORD_SECTIONS.find((entry) => entry.key === params.section)?.key;
  if (params.section !== undefined && section === undefined)
    return (
      <>
        <h1>Page not found</h1>
        <p>
          This record has no section called that. <Link href={recordPath(id)}>Open the record</Link>.
        </p>
      </>
    );
  if (listed === 'loading') return <p>Opening the record…</p>;
  if (listed === 'no')
    return (
      <>
        <h1>Young person not found</h1>
        <p>
          There is no record with this reference on this laptop. <Link href="/">Go to my caseload</Link>.
        </p>
      </>
    );
  return <LoadedRecordView key={id} id={id} section={section ?? 'plan'} />;
}
