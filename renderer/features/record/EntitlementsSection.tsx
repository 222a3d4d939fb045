import { useId, type FormEvent } from 'react';
import { entitlementChecklist, type ChecklistLine } from '../../../shared/domain/entitlements.ts';
import { useTeamSettings } from '../../db/team-settings.ts';
import type { EntitlementStatus } from '../../../shared/domain/vocabulary.ts';
import { setEntitlement } from '../../../shared/ydoc/write-record.ts';
import { fieldError, formErrorsFrom } from '../../ui/form-errors.ts';
import { DateField, ErrorSummary, SelectField, TextArea, TextField, useForm } from '../../ui/forms.tsx';
import { inputDate, parseUkDate, ukDate } from '../../ui/format.ts';
import { ENTITLEMENT_STATUS_LABELS, options } from './labels.ts';
import { useEditBasis } from './edit-basis.ts';
import type { LoadedRecord } from './use-record.ts';
import { useConfirmation } from './announce.tsx';

const LABELS = {
  status: 'Where it stands',
  updatedOn: 'Date given or explained',
  amountPence: 'Amount given (£)',
  notes: 'Notes',
} as const;

/** '2500' or '2,500.50' → pence; null for blank; NaN when it is not an amount. */
function penceOf(text: string): number | null {
  const cleaned = text.replace(/[£,\s]/g, '');
  if (cleaned === '') return null;
  return /^\d+(\.\d{1,2})?$/.test(cleaned) ? Math.round(Number(cleaned) * 100) : Number.NaN;
}

function poundsText(pence: number | null | undefined): string {
  return pence === null || pence === undefined ? '' : String(pence / 100);
}

function EntitlementLine({ loaded, line }: { loaded: LoadedRecord; line: ChecklistLine }) {
  const basis = useEditBasis(loaded.doc);
  const form = useForm({
    status: line.status as string,
    updatedOn: inputDate(line.entry?.updatedOn ?? null),
    amountPence: poundsText(line.entry?.amountPence),
    notes: line.entry?.notes ?? '',
  });
  const hasAmount = line.expectedPence !== null;
  const [saved, setSaved] = useConfirmation();
  const titleId = useId();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(null);
    const text = form.values.updatedOn.trim();
    const updatedOn = text === '' ? null : parseUkDate(text);
    if (text !== '' && updatedOn === null)
      return form.fail([fieldError('updatedOn', LABELS, 'must be a real date, such as 27/3/2027')]);
    const amountPence = hasAmount ? penceOf(form.values.amountPence) : (line.entry?.amountPence ?? null);
    if (amountPence !== null && Number.isNaN(amountPence))
      return form.fail([fieldError('amountPence', LABELS, 'must be an amount in pounds, such as 3000')]);
    try {
      await loaded.save(
        (doc, ctx) =>
          setEntitlement(
            doc,
            line.key,
            {
              status: form.values.status as EntitlementStatus,
              updatedOn,
              amountPence,
              notes: form.values.notes,
            },
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
        {line.what !== null ? (
          <p className="hint">
            {line.what} <span className="entitlement__source">Source: {line.source}.</span>
          </p>
        ) : null}
        {line.prompt !== null && line.status === 'not-discussed' ? (
          <p className="notice">{line.prompt}</p>
        ) : null}
        {line.amountProblem !== null ? <p className="notice">{line.amountProblem}.</p> : null}
        <ErrorSummary form={form} />
        <div className="field-row">
          <SelectField
            form={form}
            name="status"
            label={LABELS.status}
            options={options(ENTITLEMENT_STATUS_LABELS)}
          />
          <DateField form={form} name="updatedOn" label={LABELS.updatedOn} />
          {hasAmount ? (
            <TextField
              form={form}
              name="amountPence"
              label={LABELS.amountPence}
              hint={`The council’s figure: £${((line.expectedPence ?? 0) / 100).toLocaleString('en-GB')}`}
              width="short"
            />
          ) : null}
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

/**
 * The statutory entitlements (with their source, and why to raise one now) and the council's local
 * offer: what has been explained, applied for and given, when, and how much.
 */
export function EntitlementsSection({ loaded }: { loaded: LoadedRecord }) {
  const lines = entitlementChecklist(loaded.record, useTeamSettings(), loaded.today);
  return (
    <section aria-labelledby="entitlements-title">
      <h2 id="entitlements-title">Entitlements (statutory and local offer)</h2>
      <ul className="checklist">
        {lines.map((line) => (
          <EntitlementLine key={line.key} loaded={loaded} line={line} />
        ))}
      </ul>
    </section>
  );
}
