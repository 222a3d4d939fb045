/**
 * Status flags: the SSDA903-relevant changes in a young person's situation (died, refuses contact, no
 * longer requires services, returned home to parents). Recorded with saveNewEntry(loaded, 'flags', …), ended
 * with updateEntry (the last day it applied), removed when recorded by mistake with the soft delete.
 * The in-touch state and the active caseload follow from the shared rules (domain/contact.ts,
 * domain/eligibility.ts, domain/flags.ts).
 */
import { z } from 'zod';
import { addDaysIso, maxDate } from '../../../../shared/domain/dates.ts';
import { isFlagActive } from '../../../../shared/domain/flags.ts';
import type { StatusFlag } from '../../../../shared/domain/model.ts';
import { flagSchema } from '../../../../shared/domain/schemas.ts';
import { FLAG_KINDS, type FlagKind } from '../../../../shared/domain/vocabulary.ts';
import { removeEntry } from '../../../../shared/ydoc/write-record.ts';
import {
  choice,
  DateField,
  optionalText,
  optionalUkDate,
  RadioGroup,
  requiredUkDate,
  TextArea,
  useSchemaForm,
} from '../../../ui/form/index.ts';
import { inputDate, ukDate } from '../../../ui/format.ts';
import { AddForm } from '../common/AddForm.tsx';
import { EditPanel } from '../common/EditPanel.tsx';
import { EntryButtonsAndPanels, useEntryPanels } from '../common/entry-panels.tsx';
import { FLAG_KIND_LABELS, FLAG_KIND_MEANINGS, IN_TOUCH_STATE_LABELS } from '../labels.ts';
import { useEntryChange, type ChangeFormProps } from '../common/save-entry-change.ts';
import { saveNewEntry } from '../common/save-new-entry.ts';
import type { LoadedRecord } from '../use-record.ts';

const LIST_HEADING_ID = 'status-flags-list';

const RECORD_LABELS = { kind: 'What has changed', from: 'From', notes: 'Note' } as const;

const RECORD_WORDS = {
  labels: RECORD_LABELS,
  hints: {
    kind: 'These are reported in the SSDA903 return. Record a change of accommodation or activity in its own section.',
    from: 'The first day it applied. For example, 27/3/2027.',
    notes: 'Optional. How you know, and anything agreed.',
  },
};

const KIND_OPTIONS = FLAG_KINDS.map((value) => ({ value, label: FLAG_KIND_LABELS[value] }));

/** "Refuses contact from 3 Mar 2026" (or "refuses contact from …" inside a sentence). */
function describeFlag(flag: StatusFlag, inSentence = false): string {
  const label = FLAG_KIND_LABELS[flag.kind];
  return `${inSentence ? label.toLowerCase() : label} from ${ukDate(flag.from)}`;
}

const notesField = (label: string) => optionalText({ label, max: flagSchema.shape.notes });

/** The flag form's schema: a flag already current cannot be recorded twice. */
function flagFormSchema(flags: readonly StatusFlag[], today: string) {
  return z
    .object({
      kind: choice(FLAG_KINDS, 'Select what has changed'),
      from: requiredUkDate('Enter the date it applies from', { label: RECORD_LABELS.from }),
      notes: notesField(RECORD_LABELS.notes),
    })
    .superRefine((values, ctx) => {
      const already = flags.find(
        (flag) => flag.kind === values.kind && (flag.kind === 'died' || flag.to === null || flag.to >= today),
      );
      if (already)
        ctx.addIssue({
          code: 'custom',
          path: ['kind'],
          message: `Already recorded: ${describeFlag(already)}. End or change that one instead.`,
        });
    });
}

/** "Record a status flag": what changed, from when, and a note. */
function FlagForm({ loaded }: { loaded: LoadedRecord }) {
  const form = useSchemaForm(
    flagFormSchema(loaded.record.flags, loaded.today),
    { kind: '', from: inputDate(loaded.today), notes: '' },
    RECORD_WORDS,
  );
  const typed = form.methods.watch('kind');
  const kind = (FLAG_KINDS as readonly string[]).includes(typed) ? (typed as FlagKind) : null;
  return (
    <AddForm
      form={form}
      title="Record a status flag"
      button="Save status flag"
      onSave={async (values) => {
        await saveNewEntry(loaded, 'flags', () => ({ ...values, to: null }));
        return `Recorded: ${FLAG_KIND_LABELS[values.kind].toLowerCase()} from ${ukDate(values.from)}.`;
      }}
    >
      <RadioGroup name="kind" options={KIND_OPTIONS} />
      {kind !== null ? (
        <p className="notice">
          <strong>What this means: </strong>
          {FLAG_KIND_MEANINGS[kind]}
        </p>
      ) : null}
      <DateField name="from" />
      <TextArea name="notes" rows={2} />
    </AddForm>
  );
}

const END_LABELS = { to: 'Last day it applied', notes: 'Note' } as const;
const END_WORDS = { labels: END_LABELS };

/** Ends a flag (or corrects its end): `to` is the last day it applied, so it stops the day after. */
function EndFlagForm({ loaded, flag, id, onDone }: ChangeFormProps & { flag: StatusFlag }) {
  const yesterday = addDaysIso(loaded.today, -1);
  const endSchema = z
    .object({ to: optionalUkDate({ label: END_LABELS.to }), notes: notesField(END_LABELS.notes) })
    .superRefine((values, ctx) => {
      if (values.to === null && flag.to === null)
        ctx.addIssue({ code: 'custom', path: ['to'], message: 'Enter the last day it applied' });
    });
  const form = useSchemaForm(
    endSchema,
    { to: inputDate(flag.to ?? maxDate(flag.from, yesterday)), notes: flag.notes },
    END_WORDS,
  );
  const saveChange = useEntryChange(loaded, form, onDone);

  async function submit(values: z.output<typeof endSchema>) {
    await saveChange('flags', flag, values, () =>
      values.to === null
        ? `${FLAG_KIND_LABELS[flag.kind]} applies again, with no end date.`
        : `${FLAG_KIND_LABELS[flag.kind]} ended: the last day it applied is ${ukDate(values.to)}.`,
    );
  }

  return (
    <EditPanel
      id={id}
      form={form}
      level={5}
      title={`${flag.to === null ? 'End' : 'Change the end of'}: ${describeFlag(flag, true)}`}
      submitLabel={flag.to === null ? 'End status flag' : 'Save end date'}
      onSubmit={submit}
      onCancel={() => onDone(null)}
    >
      <DateField
        name="to"
        hint={`It stops applying the day after. For example, ${inputDate(yesterday)}.${flag.to === null ? '' : ' Leave blank if it still applies.'}`}
      />
      <TextArea name="notes" rows={2} />
    </EditPanel>
  );
}

function flagState(flag: StatusFlag, today: string): string {
  if (isFlagActive(flag, today)) return 'Applies now';
  return flag.from > today ? 'Not yet' : 'Ended';
}

export function StatusSection({ loaded }: { loaded: LoadedRecord }) {
  const panels = useEntryPanels();
  const { record, status, today } = loaded;
  const flags = [...record.flags].reverse();
  return (
    <section aria-labelledby="status-title">
      <h2 id="status-title">Status flags</h2>
      <p>
        In touch: <strong>{IN_TOUCH_STATE_LABELS[status.inTouch]}</strong>.{' '}
        {status.active
          ? 'On the active caseload.'
          : 'Not on the active caseload: no due dates or exceptions are raised.'}
      </p>
      <FlagForm loaded={loaded} />
      <h3 id={LIST_HEADING_ID} tabIndex={-1}>
        Status flags recorded
      </h3>
      {flags.length === 0 ? (
        <p>No status flags recorded.</p>
      ) : (
        <ul className="periods">
          {flags.map((flag) => {
            const what = describeFlag(flag);
            const state = flagState(flag, today);
            return (
              <li key={flag.id} className="period">
                <h4>
                  {FLAG_KIND_LABELS[flag.kind]}
                  <span className={state === 'Applies now' ? 'badge badge--info' : 'tag tag--grey'}>
                    {state}
                  </span>
                </h4>
                <dl className="facts">
                  <dt>Dates</dt>
                  <dd>
                    From {ukDate(flag.from)}
                    {flag.kind === 'died'
                      ? ''
                      : flag.to === null
                        ? ', no end date'
                        : ` to ${ukDate(flag.to)}`}
                  </dd>
                  {flag.notes ? (
                    <>
                      <dt>Note</dt>
                      <dd className="prewrap">{flag.notes}</dd>
                    </>
                  ) : null}
                  <dt>What it means</dt>
                  <dd>{FLAG_KIND_MEANINGS[flag.kind]}</dd>
                </dl>
                <EntryButtonsAndPanels
                  change={flag.kind !== 'died'}
                  changeLabel={flag.to === null ? 'End' : 'Change end date'}
                  panels={panels}
                  entryId={flag.id}
                  what={what}
                  removeTitle="Remove this status flag?"
                  removeBody={
                    <p>
                      This removes <strong>{describeFlag(flag, true)}</strong> from the record, as if it had
                      never been recorded. To say it no longer applies, end it instead.
                    </p>
                  }
                  onRemove={() => loaded.save((doc, ctx) => removeEntry(doc, 'flags', flag.id, ctx))}
                  listHeadingId={LIST_HEADING_ID}
                  changeForm={({ id, onDone }) => (
                    <EndFlagForm loaded={loaded} flag={flag} id={id} onDone={onDone} />
                  )}
                />
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
