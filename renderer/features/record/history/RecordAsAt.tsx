import { useId, useMemo, useState, type ReactNode } from 'react';
import type * as Y from 'yjs';
import { z } from 'zod';
import type { YoungPersonRecord } from '../../../../shared/domain/model.ts';
import { CATEGORY_LABELS } from '../../../../shared/domain/vocabulary.ts';
import { displayName } from '../../../../shared/ydoc/projection.ts';
import { readRecordAsOf, RecordNotInitialisedError } from '../../../../shared/ydoc/read-record.ts';
import { parseUkDate, ukDate, ukDateTime } from '../../../ui/format.ts';
import { DateField, Form, useSchemaForm } from '../../../ui/form/index.ts';
import { displayValue, type PeopleNames } from './history.ts';
import {
  accommodationLabel,
  ACTION_STATUS_LABELS,
  activityLabel,
  CONTACT_METHOD_LABELS,
  FLAG_KIND_LABELS,
} from '../labels.ts';

type AsAt =
  | { readonly state: 'none' }
  | { readonly state: 'invalid'; readonly message: string }
  | { readonly state: 'not-yet'; readonly date: string }
  | { readonly state: 'shown'; readonly date: string; readonly record: YoungPersonRecord };

function readAsAt(doc: Y.Doc, date: string): AsAt {
  try {
    return { state: 'shown', date, record: readRecordAsOf(doc, date) };
  } catch (error) {
    if (error instanceof RecordNotInitialisedError) return { state: 'not-yet', date };
    return {
      state: 'invalid',
      message: `The record on that date cannot be shown: ${(error as Error).message}`,
    };
  }
}

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </>
  );
}

/** A heading and the entries as a list, or "None recorded." when there are none. */
function Entries<T extends { readonly id: string }>({
  title,
  entries,
  entry,
}: {
  title: string;
  entries: readonly T[];
  entry: (item: T) => ReactNode;
}) {
  return (
    <>
      <h4>{title}</h4>
      {entries.length === 0 ? (
        <p>None recorded.</p>
      ) : (
        <ul className="list">
          {entries.map((item) => (
            <li key={item.id}>{entry(item)}</li>
          ))}
        </ul>
      )}
    </>
  );
}

/** "5 Jul 2026 to no end date" and the like. */
function periodText(startDate: string, endDate: string | null): string {
  return `${ukDate(startDate)} to ${endDate === null ? 'no end date' : ukDate(endDate)}`;
}

/** The record's main fields as they stood at the end of one day. */
function RecordOnDate({
  record,
  date,
  people,
}: {
  record: YoungPersonRecord;
  date: string;
  people: PeopleNames;
}) {
  const { profile, plan } = record;
  const lastContact = record.contacts.filter((contact) => contact.at.slice(0, 10) <= date).at(-1);
  const flags = record.flags.filter((flag) => flag.from <= date && (flag.to === null || flag.to >= date));
  return (
    <>
      <dl className="facts">
        <Fact term="Name">{displayName(record)}</Fact>
        <Fact term="Date of birth">{ukDate(profile.dateOfBirth)}</Fact>
        <Fact term="Category">{CATEGORY_LABELS[profile.category]}</Fact>
        <Fact term="Personal Adviser">
          {displayValue('profile.allocatedPaId', profile.allocatedPaId, people)}
        </Fact>
        <Fact term="First pathway plan agreed">{ukDate(plan.firstAgreedOn)}</Fact>
        <Fact term="Last contact by then">
          {lastContact
            ? `${CONTACT_METHOD_LABELS[lastContact.method]} on ${ukDateTime(lastContact.at)}`
            : 'None recorded'}
        </Fact>
        <Fact term="Status flags">
          {flags.length === 0
            ? 'None'
            : flags.map((flag) => `${FLAG_KIND_LABELS[flag.kind]} from ${ukDate(flag.from)}`).join('; ')}
        </Fact>
      </dl>
      <Entries
        title="Accommodation"
        entries={record.accommodation}
        entry={(period) => (
          <>
            {accommodationLabel(period.code)}, {periodText(period.startDate, period.endDate)}:{' '}
            {period.suitable ? 'suitable' : 'unsuitable'}
            {period.suitabilityReason ? ` (${period.suitabilityReason})` : ''}
            {period.riskReviewDue ? `; risk assessment review by ${ukDate(period.riskReviewDue)}` : ''}
          </>
        )}
      />
      <Entries
        title="Education, employment or training"
        entries={record.eet}
        entry={(period) => (
          <>
            {activityLabel(period.activ)}, {periodText(period.startDate, period.endDate)}
            {period.detail ? `: ${period.detail}` : ''}
          </>
        )}
      />
      <Entries
        title="Plan actions"
        entries={record.actions}
        entry={(action) => (
          <>
            {action.description} ({ACTION_STATUS_LABELS[action.status]}, by {ukDate(action.dueDate)})
          </>
        )}
      />
    </>
  );
}

const asAtSchema = z.object({
  date: z
    .string()
    .refine((text) => parseUkDate(text) !== null, { error: 'Enter a real date, such as 27/3/2026' })
    .transform((text) => parseUkDate(text) ?? ''),
});

/** A date input and the record as it stood on the date chosen (from the writes made by then). */
export function RecordAsAt({ doc, version, people }: { doc: Y.Doc; version: number; people: PeopleNames }) {
  const form = useSchemaForm(asAtSchema, { date: '' });
  const [date, setDate] = useState<string | null>(null);
  const titleId = useId();
  const asAt = useMemo<AsAt>(() => {
    void version;
    return date === null ? { state: 'none' } : readAsAt(doc, date);
  }, [doc, version, date]);

  return (
    <section aria-labelledby={titleId} className="panel">
      <h3 id={titleId}>The record as it stood on a date</h3>
      <Form form={form} labelledBy={titleId} onSubmit={(values) => setDate(values.date)}>
        <DateField name="date" label="Date" hint="For example, 27/3/2026" />
        <button type="submit" className="button button--secondary">
          Show the record on this date
        </button>
      </Form>
      <div aria-live="polite">
        {asAt.state === 'shown' ? (
          <div className="as-at">
            <h4>At the end of {ukDate(asAt.date)}</h4>
            <RecordOnDate record={asAt.record} date={asAt.date} people={people} />
          </div>
        ) : asAt.state === 'not-yet' ? (
          <p>Nothing of this record had been written by {ukDate(asAt.date)}.</p>
        ) : asAt.state === 'invalid' ? (
          <p className="field-error">{asAt.message}</p>
        ) : null}
      </div>
    </section>
  );
}
