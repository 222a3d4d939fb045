import { format } from 'date-fns';
import { useId } from 'react';
import { z } from 'zod';
import type { ContactEvent } from '../../../../shared/domain/model.ts';
import { contactSchema } from '../../../../shared/domain/schemas.ts';
import { CONTACT_METHODS, CONTACT_OUTCOMES } from '../../../../shared/domain/vocabulary.ts';
import { addContact } from '../../../../shared/ydoc/write-record.ts';
import {
  choice,
  DateField,
  Form,
  maxLengthOf,
  optionalText,
  RadioGroup,
  requiredTime,
  requiredUkDate,
  SelectField,
  TextArea,
  TextField,
  useSchemaForm,
  YES_NO_OPTIONS,
  yesNo,
  yesNoValue,
} from '../../../ui/form/index.ts';
import { inputDate, localDateTimeIso } from '../../../ui/format.ts';
import { PanelHeading } from '../common/entry-panels.tsx';
import { SaveOrCancel, useConfirmation } from '../common/SaveOrCancel.tsx';
import { useEntryChange } from '../common/save-entry-change.ts';
import { saveOrFail } from '../common/save-or-fail.ts';
import { CONTACT_METHOD_LABELS, CONTACT_OUTCOME_LABELS, options } from '../labels.ts';
import type { LoadedRecord } from '../use-record.ts';

const LABELS = {
  at: 'Date',
  time: 'Time',
  method: 'How',
  seen: 'Did you see the young person?',
  seenAlone: 'Did you see them on their own?',
  outcome: 'Outcome',
  notes: 'Note',
} as const;

const WORDS = {
  labels: LABELS,
  hints: { time: 'For example, 14:30', notes: 'Optional. What happened and anything agreed.' },
};

export const NOTE_MAX = maxLengthOf(contactSchema.shape.notes);

/** What the contact form holds as typed, and what it gives the writer. */
const contactFormSchema = z
  .object({
    at: requiredUkDate('Enter the date of the contact', { label: LABELS.at }),
    time: requiredTime('Enter the time of the contact, for example 14:30', LABELS.time),
    method: choice(CONTACT_METHODS, 'Select how the contact was made'),
    seen: yesNo('Select yes if you saw the young person'),
    seenAlone: z.string(),
    outcome: z.string(),
    notes: optionalText({ label: LABELS.notes, max: contactSchema.shape.notes }),
  })
  .superRefine((values, ctx) => {
    // Seeing the young person alone is a question of its own (it matters for safeguarding), asked
    // whenever they were seen, so it cannot be missed.
    if (values.seen === true && values.seenAlone !== 'yes' && values.seenAlone !== 'no')
      ctx.addIssue({
        code: 'custom',
        path: ['seenAlone'],
        message: 'Select yes if you saw the young person on their own',
      });
    if (values.seen === false && !(CONTACT_OUTCOMES as readonly string[]).includes(values.outcome))
      ctx.addIssue({ code: 'custom', path: ['outcome'], message: 'Select what happened' });
  });

type ContactFormValues = z.input<typeof contactFormSchema>;

function initialValues(): ContactFormValues {
  const date = new Date();
  return {
    at: inputDate(format(date, 'yyyy-MM-dd')),
    time: format(date, 'HH:mm'),
    method: 'home-visit',
    seen: '',
    seenAlone: '',
    outcome: '',
    notes: '',
  };
}

/** A recorded contact as the form shows it (date and time in the laptop's time zone). */
function valuesOf(contact: ContactEvent): ContactFormValues {
  const at = new Date(contact.at);
  return {
    at: inputDate(format(at, 'yyyy-MM-dd')),
    time: format(at, 'HH:mm'),
    method: contact.method,
    seen: yesNoValue(contact.seen),
    seenAlone: contact.seen ? yesNoValue(contact.seenAlone) : '',
    outcome: contact.seen ? '' : contact.outcome,
    notes: contact.notes,
  };
}

/** "14 Mar 2026 at 10:15, home visit": names a contact in buttons and confirmations. */
export function describeContact(contact: ContactEvent): string {
  return `${format(new Date(contact.at), "d MMM yyyy 'at' HH:mm")}, ${CONTACT_METHOD_LABELS[contact.method].toLowerCase()}`;
}

/**
 * "Record a contact": one short form, date and time default to now. Given a `contact`, the same form
 * corrects it instead, writing only the fields that changed (updateEntry). After a new contact is saved,
 * focus moves to the confirmation.
 */
export function ContactForm({
  loaded,
  contact,
  id,
  onDone,
}: {
  loaded: LoadedRecord;
  contact?: ContactEvent;
  id?: string;
  onDone?: (announcement: string | null) => void;
}) {
  const form = useSchemaForm(contactFormSchema, contact ? valuesOf(contact) : initialValues(), WORDS);
  const saveChange = useEntryChange(loaded, form, onDone ?? (() => undefined));
  const confirmation = useConfirmation();
  const titleId = useId();
  const seen = form.methods.watch('seen');

  async function submit(values: z.output<typeof contactFormSchema>) {
    confirmation.clear();
    const entry: ContactEvent = {
      id: crypto.randomUUID(),
      at: localDateTimeIso(values.at, values.time),
      method: values.method,
      by: '',
      seen: values.seen,
      seenAlone: values.seen && values.seenAlone === 'yes',
      outcome: values.seen ? 'contact-made' : (values.outcome as ContactEvent['outcome']),
      notes: values.notes,
    };
    if (contact) {
      const { id: _id, by: _by, ...fields } = entry;
      return saveChange(
        'contacts',
        contact,
        fields,
        (patch) => `Contact corrected: ${describeContact({ ...contact, ...patch })}.`,
      );
    }
    await saveOrFail(form, async () => {
      await loaded.save((doc, ctx) => addContact(doc, { ...entry, by: ctx.writer }, ctx));
      form.methods.reset(initialValues());
      confirmation.confirm(`Contact on ${format(new Date(entry.at), 'd MMM yyyy')} recorded.`);
    });
  }

  return (
    <Form
      form={form}
      onSubmit={submit}
      id={id}
      className={contact ? 'form panel--inner' : 'form panel'}
      labelledBy={titleId}
      heading={
        contact ? (
          <PanelHeading level={4} id={titleId}>
            Correct the contact on {describeContact(contact)}
          </PanelHeading>
        ) : (
          <h3 id={titleId}>Record a contact</h3>
        )
      }
    >
      <div className="field-row">
        <DateField name="at" />
        <TextField name="time" width="short" />
      </div>
      <SelectField name="method" options={options(CONTACT_METHOD_LABELS)} />
      <RadioGroup name="seen" inline options={YES_NO_OPTIONS} />
      {seen === 'yes' ? <RadioGroup name="seenAlone" inline options={YES_NO_OPTIONS} /> : null}
      {seen === 'no' ? (
        <SelectField
          name="outcome"
          placeholder="Select what happened"
          options={options(CONTACT_OUTCOME_LABELS)}
        />
      ) : null}
      <TextArea name="notes" maxLength={NOTE_MAX} />
      <SaveOrCancel
        label={contact ? 'Save changes' : 'Save contact'}
        onCancel={contact ? () => onDone?.(null) : null}
        confirmation={confirmation}
      />
    </Form>
  );
}
