/**
 * A team's settings (issue 14): the contact threshold, caseload target, local targets and the council's
 * local offer with its amounts. A team manager changes their own team's; the administrator's console
 * embeds this page with the team's id. Saved on the sync server (validated there again), which every
 * laptop of the team fetches after its next sync.
 */
import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useId, useRef, useState } from 'react';
import { useFieldArray, useForm, type FieldErrors, type UseFormRegisterReturn } from 'react-hook-form';
import type { TeamSettingsResponse } from '../../../shared/team-settings-api.ts';
import { useBridge } from '../../bridge/bridge-context.tsx';
import { useRecordStore } from '../../db/store-context.tsx';
import { keepTeamSettings, readKeptTeamSettings } from '../../db/team-settings.ts';
import { useSessionState } from '../../sync/session-context.tsx';
import { ukDate } from '../../ui/format.ts';
import { ProblemSummary, type Problem } from '../../ui/form/ProblemSummary.tsx';
import { usePageTitle } from '../../ui/use-page-title.ts';
import {
  changeFrom,
  formValuesOf,
  NUMBER_SETTINGS,
  settingsFormSchema,
  type SettingsFormOutput,
  type SettingsFormValues,
} from './settings-form.ts';
import { fetchTeamSettings, saveTeamSettings } from './settings-server.ts';

/** Every error of the form, in page order, with the id of the field to focus. */
function problemsOf(errors: FieldErrors<SettingsFormValues>, idOf: (name: string) => string): Problem[] {
  const problems: Problem[] = [];
  for (const setting of NUMBER_SETTINGS) {
    const message = errors[setting.name]?.message;
    if (message) problems.push({ id: idOf(setting.name), message });
  }
  if (errors.offer?.message) problems.push({ id: null, message: errors.offer.message });
  errors.offer?.forEach?.((item, index) => {
    if (item?.label?.message)
      problems.push({ id: idOf(`offer.${index}.label`), message: item.label.message });
    if (item?.amount?.message)
      problems.push({ id: idOf(`offer.${index}.amount`), message: item.amount.message });
  });
  return problems;
}

function FieldError({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <p id={`${id}-error`} className="field-error">
      <span className="visually-hidden">Error: </span>
      {message}
    </p>
  );
}

/** One text input in GOV.UK form markup: label, hint, error, then the input registered with the form. */
function TextInput({
  id,
  label,
  hint,
  error,
  width,
  inputMode,
  registration,
}: {
  id: string;
  label: string;
  hint?: string;
  error: string | undefined;
  width?: 'short' | 'medium';
  inputMode?: 'numeric' | 'decimal';
  registration: UseFormRegisterReturn;
}) {
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ');
  return (
    <div className={`field${error ? ' field--error' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      ) : null}
      <FieldError id={id} message={error} />
      <input
        id={id}
        className={width ? `input--${width}` : undefined}
        inputMode={inputMode}
        autoComplete="off"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
        {...registration}
      />
    </div>
  );
}

function SettingsForm({
  initial,
  canChange,
  onSave,
}: {
  initial: TeamSettingsResponse;
  canChange: boolean;
  onSave: (output: SettingsFormOutput) => Promise<string | null>;
}) {
  const baseId = useId();
  const idOf = (name: string) => `${baseId}-${name.replace(/\./g, '-')}`;
  const summaryRef = useRef<HTMLDivElement | null>(null);
  const [serverProblem, setServerProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const { register, control, handleSubmit, formState } = useForm<
    SettingsFormValues,
    unknown,
    SettingsFormOutput
  >({
    resolver: zodResolver(settingsFormSchema),
    defaultValues: formValuesOf(initial.settings),
    // GOV.UK pattern: focus moves to the error summary (below), not to the first field.
    shouldFocusError: false,
  });
  const offer = useFieldArray({ control, name: 'offer' });
  const problems = [
    ...problemsOf(formState.errors, idOf),
    ...(serverProblem ? [{ id: null, message: serverProblem }] : []),
  ];
  const { submitCount } = formState;
  const problemCount = problems.length;
  useEffect(() => {
    if (submitCount > 0 && problemCount > 0) summaryRef.current?.focus();
  }, [submitCount, problemCount]);

  const submit = handleSubmit(async (output) => {
    setSaved(null);
    const problem = await onSave(output);
    setServerProblem(problem);
    if (problem === null)
      setSaved('Team settings saved. Every laptop in the team uses them after its next sync.');
  });

  return (
    <form noValidate onSubmit={(event) => void submit(event)}>
      <ProblemSummary problems={problems} summaryRef={summaryRef} />
      {saved ? (
        <p className="notice" role="status">
          {saved}
        </p>
      ) : null}
      <fieldset className="fieldset" disabled={!canChange}>
        <legend>Contact, caseloads and local targets</legend>
        {NUMBER_SETTINGS.map((setting) => (
          <TextInput
            key={setting.name}
            id={idOf(setting.name)}
            label={setting.label}
            hint={setting.hint}
            error={formState.errors[setting.name]?.message}
            width="short"
            inputMode="numeric"
            registration={register(setting.name)}
          />
        ))}
      </fieldset>
      <fieldset className="fieldset" disabled={!canChange}>
        <legend>The council’s local offer</legend>
        <p className="hint">
          What the council gives care leavers on top of the statutory entitlements, with its own amounts. An
          item named like a statutory entitlement (for example the Setting Up Home Allowance) sets the
          council’s figure for it.
        </p>
        <ol className="offer-items">
          {offer.fields.map((field, index) => {
            const labelName = `offer.${index}.label` as const;
            const amountName = `offer.${index}.amount` as const;
            const itemErrors = formState.errors.offer?.[index];
            return (
              <li key={field.id} className="panel panel--inner">
                <TextInput
                  id={idOf(labelName)}
                  label={`Item ${index + 1}: name`}
                  error={itemErrors?.label?.message}
                  registration={register(labelName)}
                />
                <TextInput
                  id={idOf(amountName)}
                  label={`Item ${index + 1}: amount in pounds (optional)`}
                  hint="Leave empty when the council pays no set amount. For example, 3000 or 3000.50"
                  error={itemErrors?.amount?.message}
                  width="medium"
                  inputMode="decimal"
                  registration={register(amountName)}
                />
                <button
                  type="button"
                  className="button button--secondary button--small"
                  onClick={() => offer.remove(index)}
                >
                  Remove item {index + 1}
                  <span className="visually-hidden"> from the local offer</span>
                </button>
              </li>
            );
          })}
        </ol>
        <button
          type="button"
          className="button button--secondary"
          onClick={() => offer.append({ key: '', label: '', amount: '' })}
        >
          Add an item to the local offer
        </button>
      </fieldset>
      {canChange ? (
        <button type="submit" className="button" disabled={formState.isSubmitting}>
          {formState.isSubmitting ? 'Saving…' : 'Save team settings'}
        </button>
      ) : null}
    </form>
  );
}

type Loaded =
  | { readonly state: 'loading' }
  | { readonly state: 'ready'; readonly answer: TeamSettingsResponse; readonly offline: boolean }
  | { readonly state: 'unavailable'; readonly message: string };

/**
 * The team settings page. Without `teamId` it shows the signed-in manager's own team; the administrator's
 * console passes the id of the team to change.
 */
export function TeamSettingsPage({ teamId }: { teamId?: string }) {
  usePageTitle('Team settings');
  const bridge = useBridge();
  const { db } = useRecordStore();
  const { user, serverUrl } = useSessionState();
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  const ownTeam = teamId === undefined;
  const canChange =
    (user?.role === 'team_manager' && ownTeam) || (user?.role === 'admin' && teamId !== undefined);

  useEffect(() => {
    let live = true;
    const show = (next: Loaded) => {
      if (live) setLoaded(next);
    };
    void (async () => {
      try {
        if (!serverUrl) throw new Error('Set the sync server in Settings and sign in first.');
        const answer = await fetchTeamSettings(bridge, serverUrl, teamId);
        if (ownTeam) await keepTeamSettings(db, answer);
        show({ state: 'ready', answer, offline: false });
      } catch (error) {
        const kept = ownTeam ? await readKeptTeamSettings(db) : null;
        show(
          kept
            ? { state: 'ready', answer: kept, offline: true }
            : { state: 'unavailable', message: (error as Error).message },
        );
      }
    })();
    return () => {
      live = false;
    };
  }, [bridge, db, serverUrl, teamId, ownTeam]);

  const save = async (output: SettingsFormOutput): Promise<string | null> => {
    if (!serverUrl) return 'Set the sync server in Settings and sign in first.';
    try {
      const answer = await saveTeamSettings(bridge, serverUrl, changeFrom(output), teamId);
      if (ownTeam) await keepTeamSettings(db, answer);
      setLoaded({ state: 'ready', answer, offline: false });
      return null;
    } catch (error) {
      return (error as Error).message;
    }
  };

  return (
    <>
      <h1>Team settings</h1>
      {loaded.state === 'loading' ? <p>Fetching the team’s settings…</p> : null}
      {loaded.state === 'unavailable' ? <p>The team’s settings cannot be fetched. {loaded.message}</p> : null}
      {loaded.state === 'ready' ? (
        <>
          <p>
            {loaded.answer.updatedAt === null
              ? 'The team uses the standard settings: nobody has changed them yet.'
              : `Last changed on ${ukDate(loaded.answer.updatedAt.slice(0, 10))}.`}{' '}
            Every rule and measure on the team’s laptops uses these settings.
          </p>
          {loaded.offline ? (
            <p className="notice">
              These are the settings kept on this laptop. Connect to the sync server to change them.
            </p>
          ) : null}
          {!canChange && !loaded.offline ? (
            <p className="notice">Only a team manager or the administrator can change these settings.</p>
          ) : null}
          <SettingsForm
            key={`${loaded.answer.teamId}-${loaded.offline ? 'kept' : 'server'}`}
            initial={loaded.answer}
            canChange={canChange && !loaded.offline}
            onSave={save}
          />
        </>
      ) : null}
    </>
  );
}
