import { useId, useState } from 'react';
import { useConfirmation as usePageConfirmation } from '../announce.tsx';
import { z } from 'zod';
import { entitlementChecklist, type ChecklistLine } from '../../../../shared/domain/entitlements.ts';
import { entitlementSchema } from '../../../../shared/domain/schemas.ts';
import { ENTITLEMENT_STATUSES } from '../../../../shared/domain/vocabulary.ts';
import { setEntitlement } from '../../../../shared/ydoc/write-record.ts';
import {
  choice,
  DateField,
  focusWhenDrawnIfStill,
  Form,
  formErrorsFrom,
  optionalText,
  optionalUkDate,
  SelectField,
  TextArea,
  TextField,
  useSchemaForm,
} from '../../../ui/form/index.ts';
import { inputDate, ukDate } from '../../../ui/format.ts';
import { ENTITLEMENT_STATUS_LABELS, options } from '../labels.ts';
import { useTeamSettings } from '../../../db/team-settings.ts';
import { useEditBasis } from '../common/edit-basis.ts';
import type { LoadedRecord } from '../use-record.ts';

const LABELS = {
  status: 'Where it stands',
  updatedOn: 'Date given or explained',
  amountPence: 'Amount given (£)',
  notes: 'Notes',
} as const;

const amountText = z
  .string()
  .trim()
  .refine((text) => penceOf(text) === null || !Number.isNaN(penceOf(text)), {
    error: 'Amount given must be an amount in pounds, such as 3000',
  });

const entitlementFormSchema = z.object({
  status: choice(ENTITLEMENT_STATUSES, 'Select where it stands'),
  updatedOn: optionalUkDate({ label: LABELS.updatedOn }),
  amountPence: amountText,
  notes: optionalText({ label: LABELS.notes, max: entitlementSchema.shape.notes }),
});

/** '2500' or '2,500.50' → pence; null for blank; NaN when it is not an amount. */
function penceOf(text: string): number | null {
  const cleaned = text.replace(/[£,\s]/g, '');
  if (cleaned === '') return null;
  return /^\d+(\.\d{1,2})?$/.test(cleaned) ? Math.round(Number(cleaned) * 100) : Number.NaN;
}

function poundsText(pence: number | null | undefined): string {
  return pence === null || pence === undefined ? '' : String(pence / 100);
}

/** One entitlement: collapsed to its name and where it stands; opened, its form. */
function EntitlementLine({
  loaded,
  line,
  open,
  onToggle,
}: {
  loaded: LoadedRecord;
  line: ChecklistLine;
  open: boolean;
  onToggle: (open: boolean) => void;
}) {
  const basis = useEditBasis(loaded.doc);
  const form = useSchemaForm(entitlementFormSchema, {
    status: line.status,
    updatedOn: inputDate(line.entry?.updatedOn ?? null),
    amountPence: poundsText(line.entry?.amountPence),
    notes: line.entry?.notes ?? '',
  });
  const hasAmount = line.expectedPence !== null;
  const [saved, setSaved] = usePageConfirmation();
  const titleId = useId();
  const savedId = useId();

  async function submit(values: z.output<typeof entitlementFormSchema>) {
    setSaved(null);
    const amountPence = hasAmount ? penceOf(values.amountPence) : (line.entry?.amountPence ?? null);
    try {
      await loaded.save((doc, ctx) => setEntitlement(doc, line.key, { ...values, amountPence }, ctx), basis);
      setSaved(`${line.label} saved.`);
      focusWhenDrawnIfStill(savedId);
    } catch (error) {
      form.fail(formErrorsFrom(error, LABELS));
    }
  }

  return (
    <li className="checklist__item">
      <details open={open} onToggle={(event) => onToggle(event.currentTarget.open)}>
        <summary>
          <h3 id={titleId} className="checklist__title">
            {line.label}: <span className="checklist__status">{ENTITLEMENT_STATUS_LABELS[line.status]}</span>
            {line.entry?.updatedOn ? <span className="hint"> ({ukDate(line.entry.updatedOn)})</span> : null}
          </h3>
        </summary>
        {line.what !== null ? (
          <p className="hint">
            {line.what} <span className="entitlement__source">Source: {line.source}.</span>
          </p>
        ) : null}
        {line.prompt !== null && line.status === 'not-discussed' ? (
          <p className="notice">{line.prompt}</p>
        ) : null}
        {line.amountProblem !== null ? <p className="notice">{line.amountProblem}.</p> : null}
        <Form form={form} onSubmit={submit} labelledBy={titleId}>
          <div className="field-row">
            <SelectField name="status" label={LABELS.status} options={options(ENTITLEMENT_STATUS_LABELS)} />
            <DateField name="updatedOn" label={LABELS.updatedOn} />
            {hasAmount ? (
              <TextField
                name="amountPence"
                label={LABELS.amountPence}
                hint={`The council’s figure: £${((line.expectedPence ?? 0) / 100).toLocaleString('en-GB')}`}
                width="short"
              />
            ) : null}
          </div>
          <TextArea name="notes" label={LABELS.notes} rows={2} />
          <button type="submit" className="button button--secondary">
            Save<span className="visually-hidden"> {line.label}</span>
          </button>
          <p role="status" className="saved" id={savedId} tabIndex={-1}>
            {saved}
          </p>
        </Form>
      </details>
    </li>
  );
}

/**
 * The statutory entitlements (with their source, and why to raise one now) and the council's local
 * offer: what has been explained, applied for and given, when, and how much. Each is collapsed to where
 * it stands; one opens at a time.
 */
export function EntitlementsSection({ loaded }: { loaded: LoadedRecord }) {
  const lines = entitlementChecklist(loaded.record, useTeamSettings(), loaded.today);
  const [openKey, setOpenKey] = useState<string | null>(null);
  return (
    <section aria-labelledby="entitlements-title">
      <h2 id="entitlements-title">Entitlements (statutory and local offer)</h2>
      <p className="hint">Open an entitlement to record what was explained, applied for or given.</p>
      <ul className="checklist">
        {lines.map((line) => (
          <EntitlementLine
            key={line.key}
            loaded={loaded}
            line={line}
            open={openKey === line.key}
            onToggle={(open) => {
              if (open) setOpenKey(line.key);
              else setOpenKey((current) => (current === line.key ? null : current));
            }}
          />
        ))}
      </ul>
    </section>
  );
}
