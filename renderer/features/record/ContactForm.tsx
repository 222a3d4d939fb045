import { format } from 'date-fns';
import { useId, useState, type FormEvent } from 'react';
import type { ContactEvent } from '../../../shared/domain/model.ts';
import type { ContactMethod, ContactOutcome } from '../../../shared/domain/vocabulary.ts';
import { addContact, updateEntry } from '../../../shared/ydoc/write-record.ts';
import { fieldError, type FormError } from '../../ui/form-errors.ts';
import {
  Checkbox,
  DateField,
  ErrorSummary,
  RadioGroup,
  SelectField,
  TextArea,
  TextField,
  useForm,
} from '../../ui/forms.tsx';
import { inputDate, localDateTimeIso, parseTime, parseUkDate } from '../../ui/format.ts';
import { PanelHeading } from './entry-panels.tsx';
import { CONTACT_METHOD_LABELS, CONTACT_OUTCOME_LABELS, options } from './labels.ts';
import { changedOnly, isEmptyPatch } from './patch.ts';
import { formErrorsFrom } from '../../ui/form-errors.ts';
import { useEditBasis } from './edit-basis.ts';
import type { LoadedRecord } from './use-record.ts';
import { useConfirmation } from './announce.tsx';

const LABELS = {
  at: 'Date',
  time: 'Time',
  method: 'How',
  seen: 'Did you see the young person?',
  seenAlone: 'Seen alone',
  outcome: 'Outcome',
  notes: 'Note',
} as const;

function now() {
  const date = new Date();
  return { at: inputDate(format(date, 'yyyy-MM-dd')), time: format(date, 'HH:mm') };
}

function initialValues() {
  return {
    ...now(),
    method: 'home-visit' as string,
    seen: '',
    seenAlone: false,
    outcome: '',
    notes: '',
  };
}

/** A recorded contact as the form shows it (date and time in the laptop's time zone). */
function valuesOf(contact: ContactEvent): ReturnType<typeof initialValues> {
  const at = new Date(contact.at);
  return {
    at: inputDate(format(at, 'yyyy-MM-dd')),
    time: format(at, 'HH:mm'),
    method: contact.method,
    seen: contact.seen ? 'yes' : 'no',
    seenAlone: contact.seenAlone,
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
 * corrects it instead, writing only the fields that changed (updateEntry).
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
  const basis = useEditBasis(loaded.doc);
  const form = useForm(contact ? valuesOf(contact) : initialValues());
  const [saved, setSaved] = useConfirmation();
  const [busy, setBusy] = useState(false);
  const titleId = useId();
  const { values } = form;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(null);
    const problems: FormError[] = [];
    const date = parseUkDate(values.at);
    const time = parseTime(values.time);
    if (date === null) problems.push(fieldError('at', LABELS, 'must be a real date, such as 27/3/2027'));
    if (time === null) problems.push(fieldError('time', LABELS, 'must be a time such as 14:30'));
    if (values.seen === '') problems.push({ field: 'seen', message: 'Say whether you saw the young person' });
    if (values.seen === 'no' && values.outcome === '')
      problems.push({ field: 'outcome', message: 'Choose what happened' });
    if (problems.length > 0 || date === null || time === null) return form.fail(problems);
    const seen = values.seen === 'yes';
    const entry: ContactEvent = {
      id: crypto.randomUUID(),
      at: localDateTimeIso(date, time),
      method: values.method as ContactMethod,
      by: '',
      seen,
      seenAlone: seen && values.seenAlone,
      outcome: (seen ? 'contact-made' : values.outcome) as ContactOutcome,
      notes: values.notes,
    };
    if (contact) {
      const { id: _id, by: _by, ...fields } = entry;
      const patch = changedOnly(contact, fields);
      if (isEmptyPatch(patch)) return onDone?.('Nothing was changed.');
      setBusy(true);
      try {
        await loaded.save((doc, ctx) => updateEntry(doc, 'contacts', contact.id, patch, ctx), basis);
        onDone?.(`Contact corrected: ${describeContact({ ...contact, ...patch })}.`);
      } catch (error) {
        form.fail(formErrorsFrom(error, LABELS));
        setBusy(false);
      }
      return;
    }
    setBusy(true);
    try {
      await loaded.save((doc, ctx) => addContact(doc, { ...entry, by: ctx.writer }, ctx));
      form.reset(initialValues());
      setSaved(`Contact on ${format(new Date(entry.at), 'd MMM yyyy')} recorded.`);
    } catch (error) {
      form.fail(formErrorsFrom(error, LABELS));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      id={id}
      className={contact ? 'form panel--inner' : 'form panel'}
      aria-labelledby={titleId}
      noValidate
      onSubmit={(event) => void submit(event)}
    >
      {contact ? (
        <PanelHeading level={4} id={titleId}>
          Correct the contact on {describeContact(contact)}
        </PanelHeading>
      ) : (
        <h3 id={titleId}>Record a contact</h3>
      )}
      <ErrorSummary form={form} />
      <div className="field-row">
        <DateField form={form} name="at" label={LABELS.at} />
        <TextField form={form} name="time" label={LABELS.time} hint="For example, 14:30" width="short" />
      </div>
      <SelectField form={form} name="method" label={LABELS.method} options={options(CONTACT_METHOD_LABELS)} />
      <RadioGroup
        form={form}
        name="seen"
        label={LABELS.seen}
        inline
        options={[
          { value: 'yes', label: 'Yes' },
          { value: 'no', label: 'No' },
        ]}
      />
      {values.seen === 'yes' ? (
        <Checkbox form={form} name="seenAlone" label="I saw them on their own" />
      ) : null}
      {values.seen === 'no' ? (
        <SelectField
          form={form}
          name="outcome"
          label={LABELS.outcome}
          placeholder="Choose what happened"
          options={options(CONTACT_OUTCOME_LABELS)}
        />
      ) : null}
      <TextArea
        form={form}
        name="notes"
        label={LABELS.notes}
        hint="Optional. What happened and anything agreed."
      />
      <button type="submit" className="button" disabled={busy}>
        {contact ? 'Save changes' : 'Save contact'}
      </button>
      {contact ? (
        <>
          {' '}
          <button type="button" className="button button--secondary" onClick={() => onDone?.(null)}>
            Cancel
          </button>
        </>
      ) : (
        <p role="status" className="saved">
          {saved}
        </p>
      )}
    </form>
  );
}
