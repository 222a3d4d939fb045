import { useId, useState, type FormEvent } from 'react';
import { entitlementChecklist, type ChecklistLine } from '../../../shared/domain/entitlements.ts';
import { DEFAULT_SETTINGS } from '../../../shared/domain/settings.ts';
import type { EntitlementStatus } from '../../../shared/domain/vocabulary.ts';
import { setEntitlement } from '../../../shared/ydoc/write-record.ts';
import { fieldError, formErrorsFrom } from '../../ui/form-errors.ts';
import { DateField, ErrorSummary, SelectField, TextArea, useForm } from '../../ui/forms.tsx';
import { inputDate, parseUkDate, ukDate } from '../../ui/format.ts';
import { ENTITLEMENT_STATUS_LABELS, options } from './labels.ts';
import { useEditBasis } from './edit-basis.ts';
import type { LoadedRecord } from './use-record.ts';

const LABELS = { status: 'Where it stands', updatedOn: 'Date given or explained', notes: 'Notes' } as const;

function EntitlementLine({ loaded, line }: { loaded: LoadedRecord; line: ChecklistLine }) {
  const basis = useEditBasis(loaded.doc);
  const form = useForm({
    status: line.status as string,
    updatedOn: inputDate(line.entry?.updatedOn ?? null),
    notes: line.entry?.notes ?? '',
  });
  const [saved, setSaved] = useState<string | null>(null);
  const titleId = useId();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(null);
    const text = form.values.updatedOn.trim();
    const updatedOn = text === '' ? null : parseUkDate(text);
    if (text !== '' && updatedOn === null)
      return form.fail([fieldError('updatedOn', LABELS, 'must be a real date, such as 27/3/2027')]);
    try {
      await loaded.save(
        (doc, ctx) =>
          setEntitlement(
            doc,
            line.key,
            { status: form.values.status as EntitlementStatus, updatedOn, notes: form.values.notes },
            ctx,
          ),
        basis,
      );
      form.fail([]);
      setSaved(`${line.label} saved.`);
    } catch (error) {
      form.fail(formErrorsFrom(error, LABELS));
    }
  }

  return (
    <li className="checklist__item">
      <form className="form" aria-labelledby={titleId} noValidate onSubmit={(event) => void submit(event)}>
        <h3 id={titleId}>
          {line.label}: <span className="checklist__status">{ENTITLEMENT_STATUS_LABELS[line.status]}</span>
          {line.entry?.updatedOn ? <span className="hint"> ({ukDate(line.entry.updatedOn)})</span> : null}
        </h3>
        <ErrorSummary form={form} />
        <div className="field-row">
          <SelectField
            form={form}
            name="status"
            label={LABELS.status}
            options={options(ENTITLEMENT_STATUS_LABELS)}
          />
          <DateField form={form} name="updatedOn" label={LABELS.updatedOn} />
        </div>
        <TextArea form={form} name="notes" label={LABELS.notes} rows={2} />
        <button type="submit" className="button button--secondary">
          Save<span className="visually-hidden"> {line.label}</span>
        </button>
        <p role="status" className="saved">
          {saved}
        </p>
      </form>
    </li>
  );
}

/** The council's local-offer checklist: what has been explained, applied for and given, and when. */
export function EntitlementsSection({ loaded }: { loaded: LoadedRecord }) {
  const lines = entitlementChecklist(loaded.record, DEFAULT_SETTINGS);
  return (
    <section aria-labelledby="entitlements-title">
      <h2 id="entitlements-title">Entitlements (local offer)</h2>
      <ul className="checklist">
        {lines.map((line) => (
          <EntitlementLine key={line.key} loaded={loaded} line={line} />
        ))}
      </ul>
    </section>
  );
}
