/**
 * The questions of a home visit, in the order a visit goes: where and who, seen alone, the
 * accommodation check, health, education/employment/training, each open plan action in the young
 * person's own words, entitlements, worries for the manager and the next visit. Built on the one form
 * layer (renderer/ui/form); every change is kept on the laptop as a draft.
 */
import { useEffect, useState } from 'react';
import { useLocation } from 'wouter';
import { useFormContext, useWatch } from 'react-hook-form';
import {
  accommodationOn,
  IncompleteVisitError,
  openActions,
  visitActionDraftSchema,
  visitDraftSchema,
  visitFormSchema,
  type VisitDraft,
} from '../../../shared/domain/home-visit.ts';
import { entitlementChecklist } from '../../../shared/domain/entitlements.ts';
import { DEFAULT_SETTINGS } from '../../../shared/domain/settings.ts';
import {
  ACTION_STATUS_LABELS,
  SUITABILITY_MATTER_LABELS,
  SUITABILITY_MATTERS,
} from '../../../shared/domain/vocabulary.ts';
import { todayIso } from '../../db/today.ts';
import { ukDate, ukDateTime } from '../../ui/format.ts';
import {
  Checkbox,
  Checkboxes,
  DateField,
  Form,
  RadioGroup,
  SelectField,
  TextArea,
  TextField,
  maxLengthOf,
  useSchemaForm,
  YES_NO_OPTIONS,
  type Option,
  type OptionGroup,
} from '../../ui/form/index.ts';
import { ACCOMMODATION_OPTIONS, accommodationLabel, ACTIVITY_GROUPS } from '../record/labels.ts';
import { recordPath } from '../record/RecordPage.tsx';
import type { LoadedRecord } from '../record/use-record.ts';
import { useDraftAutosave } from './use-draft-autosave.ts';

const PLACES: readonly Option[] = [
  { value: 'home', label: 'At their home' },
  { value: 'elsewhere', label: 'Somewhere else' },
];

const NOT_SEEN: readonly Option[] = [
  { value: 'no-response', label: 'Nobody answered' },
  { value: 'declined', label: 'They did not want to be seen' },
  { value: 'cancelled', label: 'The visit was cancelled' },
];

const PROGRESS: readonly Option[] = [
  { value: '', label: 'No change' },
  { value: 'in-progress', label: ACTION_STATUS_LABELS['in-progress'] },
  { value: 'done', label: ACTION_STATUS_LABELS.done },
  { value: 'dropped', label: ACTION_STATUS_LABELS.dropped },
];

const ENTITLEMENT_DONE: readonly Option[] = [
  { value: '', label: 'Not raised this time' },
  { value: 'discussed', label: 'Explained' },
  { value: 'received', label: 'Given' },
];

const CONCERNS: readonly Option[] = SUITABILITY_MATTERS.map((matter) => ({
  value: matter,
  label: SUITABILITY_MATTER_LABELS[matter],
}));

/** The free-text questions of the visit, with their hints (one place for their wording). */
const TEXT_QUESTIONS = {
  whoSeen: { label: 'Who was there?', hint: 'Optional. Anyone present besides you and the young person.' },
  condition: { label: 'Condition of the accommodation' },
  safety: {
    label: 'Is the young person safe there?',
    hint: 'Safety of the building, and whether they feel safe.',
  },
  household: { label: 'Who else lives there?', hint: 'Names and how they know them, or “nobody”.' },
  suitabilityReason: { label: 'Why', hint: 'Needed if it is not suitable.' },
  health: { label: 'How are their health and wellbeing?' },
  eet: { label: 'How is it going?' },
  worries: {
    label: 'Worries to raise with your manager',
    hint: 'Optional. Your team manager sees this as a request on the young person’s record.',
  },
} as const satisfies Record<string, { label: string; hint?: string }>;

/** A free-text answer: its wording from TEXT_QUESTIONS, its limit (and live count) from the draft schema. */
function TextAnswer({ name }: { name: keyof typeof TEXT_QUESTIONS }) {
  const question: { label: string; hint?: string } = TEXT_QUESTIONS[name];
  return (
    <TextArea
      name={name}
      label={question.label}
      {...(question.hint === undefined ? {} : { hint: question.hint })}
      maxLength={maxLengthOf(visitDraftSchema.shape[name])}
      rows={2}
    />
  );
}

/** Watches one answer of the form around it. */
function useAnswer(name: keyof VisitDraft): unknown {
  return useWatch({ name });
}

/** The questions about a change and what it changed to (one place for their wording). */
const CHANGE_LABELS = {
  moved: 'Have they moved since the last visit?',
  moveCode: 'Where do they live now?',
  moveDate: 'Date they moved in',
  eetChanged: 'Has what they are doing changed?',
  eetActiv: 'What are they doing now?',
  eetStartDate: 'Date they started',
} as const;

/**
 * A Yes/No question about a change (a move, a new activity); "Yes" reveals what it changed to and the
 * date it changed (GOV.UK conditional reveal).
 */
function ChangeQuestion({
  name,
  what,
  since,
  options,
  groups,
}: {
  name: 'moved' | 'eetChanged';
  what: 'moveCode' | 'eetActiv';
  since: 'moveDate' | 'eetStartDate';
  options?: readonly Option[];
  groups?: readonly OptionGroup[];
}) {
  const answer = useAnswer(name);
  return (
    <>
      <RadioGroup name={name} label={CHANGE_LABELS[name]} options={YES_NO_OPTIONS} inline />
      {answer === 'yes' ? (
        <div className="conditional">
          <SelectField
            name={what}
            label={CHANGE_LABELS[what]}
            placeholder="Choose one"
            {...(options ? { options } : {})}
            {...(groups ? { groups } : {})}
          />
          <DateField name={since} label={CHANGE_LABELS[since]} />
        </div>
      ) : null}
    </>
  );
}

function WhereAndWho() {
  const place = useAnswer('place');
  const seen = useAnswer('seen');
  return (
    <section aria-labelledby="visit-where">
      <h2 id="visit-where">Where and who</h2>
      <div className="field-row">
        <DateField name="date" label="Date of the visit" />
        <TextField name="time" label="Time" hint="For example, 14:30" width="short" />
      </div>
      <RadioGroup name="place" label="Where did the visit take place?" options={PLACES} />
      {place === 'elsewhere' ? <TextField name="placeDetail" label="Where did you meet?" /> : null}
      <TextAnswer name="whoSeen" />
      <RadioGroup name="seen" label="Did you see the young person?" options={YES_NO_OPTIONS} inline />
      {seen === 'no' ? <RadioGroup name="notSeenOutcome" label="What happened?" options={NOT_SEEN} /> : null}
      {seen === 'no' ? null : (
        <RadioGroup
          name="seenAlone"
          label="Did you see the young person on their own?"
          hint="Seeing them alone, where appropriate, is part of each visit."
          options={YES_NO_OPTIONS}
          inline
        />
      )}
    </section>
  );
}

function Accommodation({ loaded }: { loaded: LoadedRecord }) {
  const current = accommodationOn(loaded.record, loaded.today);
  return (
    <section aria-labelledby="visit-accommodation">
      <h2 id="visit-accommodation">Where they live</h2>
      <p>
        {current === null
          ? 'No accommodation is recorded for them.'
          : `Recorded: ${accommodationLabel(current.code)} since ${ukDate(current.startDate)}, ${current.suitable ? 'suitable' : 'not suitable'}.`}
      </p>
      <ChangeQuestion name="moved" what="moveCode" since="moveDate" options={ACCOMMODATION_OPTIONS} />
      <TextAnswer name="condition" />
      <TextAnswer name="safety" />
      <TextAnswer name="household" />
      <Checkboxes
        name="concerns"
        label="Which of these matters are a concern?"
        hint="The matters the regulations list for judging whether accommodation is suitable. Tick any that are a concern now."
        options={CONCERNS}
      />
      <RadioGroup name="suitable" label="Is the accommodation suitable?" options={YES_NO_OPTIONS} inline />
      <TextAnswer name="suitabilityReason" />
    </section>
  );
}

function Actions({ loaded }: { loaded: LoadedRecord }) {
  const actions = openActions(loaded.record);
  const draft = useWatch<VisitDraft, 'actions'>({ name: 'actions' });
  return (
    <section aria-labelledby="visit-actions">
      <h2 id="visit-actions">Their pathway plan actions</h2>
      {actions.length === 0 ? <p>There are no open actions in their plan.</p> : null}
      {draft.map((line, index) => {
        const action = actions.find((entry) => entry.id === line.actionId);
        if (action === undefined) return null;
        return (
          <div key={line.actionId} className="panel--inner">
            <h3>
              {action.description}{' '}
              <span className="hint">
                (by {ukDate(action.dueDate)}, {ACTION_STATUS_LABELS[action.status].toLowerCase()})
              </span>
            </h3>
            <RadioGroup
              name={`actions.${index}.status`}
              label={`Progress on “${action.description}”`}
              options={PROGRESS}
              inline
            />
            <TextArea
              name={`actions.${index}.words`}
              maxLength={maxLengthOf(visitActionDraftSchema.shape.words)}
              label="In their own words"
              hint="Optional. What the young person says about it."
              rows={2}
            />
          </div>
        );
      })}
    </section>
  );
}

function Entitlements({ loaded }: { loaded: LoadedRecord }) {
  const lines = entitlementChecklist(loaded.record, DEFAULT_SETTINGS, loaded.today);
  const draft = useWatch<VisitDraft, 'entitlements'>({ name: 'entitlements' });
  return (
    <section aria-labelledby="visit-entitlements">
      <h2 id="visit-entitlements">Entitlements explained or given</h2>
      {draft.map((entry, index) => {
        const line = lines.find((item) => item.key === entry.item);
        if (line === undefined) return null;
        return (
          <SelectField
            key={entry.item}
            name={`entitlements.${index}.done`}
            label={line.label}
            hint={line.prompt ?? undefined}
            options={ENTITLEMENT_DONE}
          />
        );
      })}
    </section>
  );
}

function Seen({ loaded }: { loaded: LoadedRecord }) {
  return (
    <>
      <section aria-labelledby="visit-health">
        <h2 id="visit-health">Health and wellbeing</h2>
        <TextAnswer name="health" />
      </section>
      <section aria-labelledby="visit-eet">
        <h2 id="visit-eet">Education, employment or training</h2>
        <TextAnswer name="eet" />
        <ChangeQuestion name="eetChanged" what="eetActiv" since="eetStartDate" groups={ACTIVITY_GROUPS} />
      </section>
      <Actions loaded={loaded} />
      <Entitlements loaded={loaded} />
    </>
  );
}

/** Keeps the draft on every change, and says when it was last kept. */
function DraftKeeper({ loaded, resumedFrom }: { loaded: LoadedRecord; resumedFrom: string | null }) {
  const [, navigate] = useLocation();
  const { getValues } = useFormContext<VisitDraft>();
  const values = useWatch<VisitDraft>();
  const autosave = useDraftAutosave(loaded.id, getValues, resumedFrom);
  const [confirming, setConfirming] = useState(false);
  const { changed } = autosave;
  const serialised = JSON.stringify(values);
  // The first draw is not a change: a visit opened and left creates no draft.
  const [initial] = useState(serialised);
  useEffect(() => {
    if (serialised !== initial) changed();
  }, [serialised, initial, changed]);
  return (
    <div className="visit-pause">
      <p className="hint">
        {autosave.savedAt === null
          ? 'Your answers are kept on this laptop as you go.'
          : `Draft kept on this laptop: ${ukDateTime(autosave.savedAt)}.`}
      </p>
      <div className="button-group">
        <button
          type="button"
          className="button button--secondary"
          onClick={() => {
            changed();
            void autosave.flush().then(() => navigate(recordPath(loaded.id)));
          }}
        >
          Pause visit
        </button>{' '}
        {confirming ? null : (
          <button type="button" className="button button--secondary" onClick={() => setConfirming(true)}>
            Discard visit
          </button>
        )}
      </div>
      {confirming ? (
        <div className="warning" role="group" aria-labelledby="visit-discard">
          <p id="visit-discard">
            Discard this visit? Everything you have entered for it is deleted from this laptop. Nothing is
            written to the record.
          </p>
          <button
            type="button"
            className="button button--warning"
            onClick={() => void autosave.discard().then(() => navigate(recordPath(loaded.id)))}
          >
            Yes, discard the visit
          </button>{' '}
          <button type="button" className="button button--secondary" onClick={() => setConfirming(false)}>
            Keep the visit
          </button>
        </div>
      ) : null}
    </div>
  );
}

export function VisitForm({
  loaded,
  draft,
  resumedFrom,
  onReadBack,
}: {
  loaded: LoadedRecord;
  draft: VisitDraft;
  resumedFrom: string | null;
  onReadBack: (values: VisitDraft) => void;
}) {
  const form = useSchemaForm(visitFormSchema(loaded.record, todayIso()), draft);
  const place = form.methods.watch('place');
  const seen = form.methods.watch('seen');
  return (
    <Form
      form={form}
      onSubmit={(values) => {
        try {
          onReadBack(values);
        } catch (error) {
          // Checked answers that still cannot be written together (too long for one contact note).
          if (error instanceof IncompleteVisitError) form.fail(error.issues);
          else throw error;
        }
      }}
      labelledBy="visit-title"
    >
      <WhereAndWho />
      {place === 'home' && seen !== 'no' ? <Accommodation loaded={loaded} /> : null}
      {seen === 'no' ? null : <Seen loaded={loaded} />}
      <section aria-labelledby="visit-manager">
        <h2 id="visit-manager">For your manager</h2>
        <TextAnswer name="worries" />
        <Checkbox name="reviewRequested" label="They asked for a review of their pathway plan" />
      </section>
      {seen === 'no' ? null : (
        <section aria-labelledby="visit-next">
          <h2 id="visit-next">Next visit</h2>
          <DateField name="nextVisit" label="Date of the next visit agreed" />
        </section>
      )}
      <div className="button-group">
        <button type="submit" className="button">
          Read back
        </button>
      </div>
      <DraftKeeper loaded={loaded} resumedFrom={resumedFrom} />
    </Form>
  );
}
