import { removeEntry } from '../../../../shared/ydoc/write-record.ts';
import { ukDate, ukDateTime } from '../../../ui/format.ts';
import { ContactForm, describeContact } from './ContactForm.tsx';
import { LongText } from '../common/LongText.tsx';
import { EntryTable } from '../common/EntryTable.tsx';
import { displayNameOf, useCurrentUser } from '../current-user.ts';
import {
  CONTACT_METHOD_LABELS,
  CONTACT_OUTCOME_LABELS,
  IN_TOUCH_STATE_LABELS,
  RISK_LEVEL_LABELS,
} from '../labels.ts';
import { RecontactPlanForm } from '../status/RecontactPlanForm.tsx';
import type { LoadedRecord } from '../use-record.ts';

/** The contact log: record a contact, where keeping in touch stands, and every contact so far. */
export function ContactSection({ loaded }: { loaded: LoadedRecord }) {
  const user = useCurrentUser();
  const { record, status } = loaded;
  const notInTouch = status.inTouch === 'not-in-touch' || status.inTouch === 'refuses-contact';
  const contacts = [...record.contacts].reverse();
  return (
    <section aria-labelledby="contacts-title">
      <h2 id="contacts-title">Contact log</h2>
      <ContactForm loaded={loaded} />
      <h3>Keeping in touch</h3>
      <dl className="facts">
        <dt>In touch</dt>
        <dd>{IN_TOUCH_STATE_LABELS[status.inTouch]}</dd>
        <dt>Next contact due by</dt>
        <dd>{ukDate(status.nextContactDue, 'As soon as possible: no contact recorded')}</dd>
        {status.visit ? (
          <>
            <dt>Next visit at the accommodation due by</dt>
            <dd>{ukDate(status.visit.dueBy)}</dd>
          </>
        ) : null}
        <dt>Re-contact plan</dt>
        <dd>
          {status.recontactPlan
            ? `${RISK_LEVEL_LABELS[status.recontactPlan.risk]} risk, assessed ${ukDate(status.recontactPlan.assessedOn)}, review by ${ukDate(status.recontactPlan.reviewDue)}: ${status.recontactPlan.plan}`
            : notInTouch
              ? 'None current: record a risk assessment and a plan to get back in touch'
              : 'Not needed while in touch'}
        </dd>
      </dl>
      {notInTouch ? <RecontactPlanForm loaded={loaded} /> : null}
      <EntryTable
        heading="Contacts"
        headingLevel={3}
        empty="No contacts recorded yet."
        entries={contacts}
        caption={`${contacts.length} contact${contacts.length === 1 ? '' : 's'}, newest first`}
        headers={['When', 'How', 'Seen', 'Outcome', 'By', 'Note']}
        level={4}
        listHeadingId="contacts-list-title"
        what={(contact) => `contact: ${describeContact(contact)}`}
        cells={(contact) => [
          ukDateTime(contact.at),
          CONTACT_METHOD_LABELS[contact.method],
          contact.seen ? (contact.seenAlone ? 'Seen alone' : 'Seen') : 'Not seen',
          CONTACT_OUTCOME_LABELS[contact.outcome],
          displayNameOf(user, contact.by),
          <LongText key="notes" text={contact.notes} />,
        ]}
        panelsOf={(contact) => ({
          removeTitle: 'Remove this contact?',
          removeBody: (
            <p>
              This removes the contact on <strong>{describeContact(contact)}</strong> from the contact log.
              The in-touch state and the dates contact is due are worked out again without it.
            </p>
          ),
          onRemove: () => loaded.save((doc, ctx) => removeEntry(doc, 'contacts', contact.id, ctx)),
          changeForm: ({ id, onDone }) => (
            <ContactForm loaded={loaded} contact={contact} id={id} onDone={onDone} />
          ),
        })}
      />
    </section>
  );
}
