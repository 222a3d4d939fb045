/**
 * The field components (GOV.UK patterns): each has a visible label, an optional hint and its error
 * message, both tied to the control with aria-describedby. They take the name of a field of the form
 * around them (<Form>) and read and write it through react-hook-form. The label and hint are the
 * form's words for that field (useSchemaForm's `words`) unless the field is given its own.
 */
import type { ReactNode } from 'react';
import { useController, useFormContext, useFormState, useWatch } from 'react-hook-form';
import { useFormIds } from './context.ts';
import { errorAt } from './errors.ts';
import { characterCountMessage } from './messages.ts';

export interface Option {
  readonly value: string;
  readonly label: string;
  /** A hint under this option (radios and checkboxes). */
  readonly hint?: string;
}

export interface OptionGroup {
  readonly label: string;
  readonly options: readonly Option[];
}

interface FieldProps {
  /** The field's name in the form (a dotted path for nested values). */
  readonly name: string;
  /** The label, when not the form's label for the field. */
  readonly label?: ReactNode;
  /** The hint, when not the form's hint for the field. */
  readonly hint?: ReactNode;
}

interface FieldParts {
  readonly id: string;
  readonly label: ReactNode;
  readonly error: string | null;
  /** For the control's aria-describedby: the hint, the error and anything extra (a character count). */
  describedBy(...extra: (string | null)[]): string | undefined;
  /** The id, aria-invalid and aria-describedby (with `extra`) a single control carries. */
  controlProps(...extra: (string | null)[]): ControlProps;
  /** The id of one option of a radio or checkbox question: the first takes the field's id (for its label). */
  optionId(index: number, value: string): string;
  readonly hintAndError: ReactNode;
}

interface ControlProps {
  readonly id: string;
  readonly 'aria-invalid': true | undefined;
  readonly 'aria-describedby': string | undefined;
}

/** The id, label, error and hint/error markup every field shares. */
function useFieldParts(name: string, ownLabel: ReactNode, ownHint: ReactNode): FieldParts {
  const { id: idOf, words } = useFormIds();
  const { errors } = useFormState({ name });
  const id = idOf(name);
  const label = ownLabel ?? words?.labels[name];
  if (label === undefined) throw new Error(`The form field ${name} has no label.`);
  const hint = ownHint ?? words?.hints?.[name];
  const error = errorAt(errors, name);
  const hintId = hint ? `${id}-hint` : null;
  const errorId = error ? `${id}-error` : null;
  const describedBy = (...extra: (string | null)[]): string | undefined => {
    const ids = [hintId, errorId, ...extra].filter((value): value is string => value !== null);
    return ids.length > 0 ? ids.join(' ') : undefined;
  };
  return {
    id,
    label,
    error,
    describedBy,
    controlProps: (...extra) => ({
      id,
      'aria-invalid': error ? true : undefined,
      'aria-describedby': describedBy(...extra),
    }),
    optionId: (index, value) => (index === 0 ? id : `${id}-${value}`),
    hintAndError: (
      <>
        {hint ? (
          <div id={`${id}-hint`} className="hint">
            {hint}
          </div>
        ) : null}
        {error ? (
          <p id={`${id}-error`} className="field-error">
            <span className="visually-hidden">Error: </span>
            {error}
          </p>
        ) : null}
      </>
    ),
  };
}

function fieldClass(error: string | null, extra = ''): string {
  return `field${extra}${error ? ' field--error' : ''}`;
}

/** A labelled control: the label, the hint and error, then the control. */
function LabelledField({ parts, children }: { parts: FieldParts; children: ReactNode }) {
  return (
    <div className={fieldClass(parts.error)}>
      <label htmlFor={parts.id}>{parts.label}</label>
      {parts.hintAndError}
      {children}
    </div>
  );
}

export function TextField({
  name,
  label,
  hint,
  inputMode,
  autoComplete,
  width,
  type,
}: FieldProps & {
  inputMode?: 'text' | 'numeric' | 'tel' | 'email';
  autoComplete?: string;
  width?: 'short' | 'medium';
  type?: 'text' | 'password' | 'tel';
}) {
  const { register } = useFormContext();
  const parts = useFieldParts(name, label, hint);
  return (
    <LabelledField parts={parts}>
      <input
        {...parts.controlProps()}
        type={type ?? 'text'}
        className={width ? `input--${width}` : undefined}
        inputMode={inputMode}
        autoComplete={autoComplete ?? 'off'}
        {...register(name)}
      />
    </LabelledField>
  );
}

/** A date typed as day/month/year (UK order); the form schema parses it (requiredUkDate, optionalUkDate). */
export function DateField(props: FieldProps) {
  const { words } = useFormIds();
  const hint = props.hint ?? words?.hints?.[props.name] ?? 'For example, 27/3/2027';
  return <TextField {...props} width="medium" hint={hint} />;
}

/** The count under a textarea with a limit: "You have 19,850 characters remaining". */
function CharacterCount({ id, name, max }: { id: string; name: string; max: number }) {
  const value: unknown = useWatch({ name });
  const length = typeof value === 'string' ? value.length : 0;
  return (
    <p id={id} className={length > max ? 'hint character-count field-error' : 'hint character-count'}>
      {characterCountMessage(length, max)}
    </p>
  );
}

export function TextArea({
  name,
  label,
  hint,
  rows,
  maxLength,
}: FieldProps & {
  rows?: number;
  /** Shows a live character count against this limit (take it from the shared schema: maxLengthOf). */
  maxLength?: number | null;
}) {
  const { register } = useFormContext();
  const parts = useFieldParts(name, label, hint);
  const countId = `${parts.id}-count`;
  const counted = maxLength !== undefined && maxLength !== null;
  return (
    <LabelledField parts={parts}>
      <textarea {...parts.controlProps(counted ? countId : null)} rows={rows ?? 3} {...register(name)} />
      {counted ? <CharacterCount id={countId} name={name} max={maxLength} /> : null}
    </LabelledField>
  );
}

function OptionList({ options }: { options: readonly Option[] }) {
  return options.map((option) => (
    <option key={option.value} value={option.value}>
      {option.label}
    </option>
  ));
}

export function SelectField({
  name,
  label,
  hint,
  options,
  groups,
  placeholder,
}: FieldProps & { options?: readonly Option[]; groups?: readonly OptionGroup[]; placeholder?: string }) {
  const { register } = useFormContext();
  const parts = useFieldParts(name, label, hint);
  return (
    <LabelledField parts={parts}>
      <select {...parts.controlProps()} {...register(name)}>
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options ? <OptionList options={options} /> : null}
        {groups?.map((group) => (
          <optgroup key={group.label} label={group.label}>
            <OptionList options={group.options} />
          </optgroup>
        ))}
      </select>
    </LabelledField>
  );
}

/** One radio or checkbox with its label and optional hint; the first of a group carries the field id. */
function Choice({
  type,
  id,
  option,
  control,
}: {
  type: 'radio' | 'checkbox';
  id: string;
  option: Option;
  control: Record<string, unknown>;
}) {
  return (
    <div className="radio">
      <input
        type={type}
        id={id}
        value={option.value}
        aria-describedby={option.hint ? `${id}-item-hint` : undefined}
        {...control}
      />
      <label htmlFor={id}>{option.label}</label>
      {option.hint ? (
        <p id={`${id}-item-hint`} className="hint">
          {option.hint}
        </p>
      ) : null}
    </div>
  );
}

/**
 * A question answered with radios or checkboxes: a fieldset whose legend is the question, then one
 * choice per option, each wired to the form by `controlOf`.
 */
function ChoiceQuestion({
  parts,
  className,
  type,
  options,
  controlOf,
}: {
  parts: FieldParts;
  className: string;
  type: 'radio' | 'checkbox';
  options: readonly Option[];
  controlOf: (option: Option) => Record<string, unknown>;
}) {
  return (
    <fieldset className={fieldClass(parts.error, ' fieldset')} aria-describedby={parts.describedBy()}>
      <legend>{parts.label}</legend>
      {parts.hintAndError}
      <div className={className}>
        {options.map((option, index) => (
          <Choice
            key={option.value}
            type={type}
            id={parts.optionId(index, option.value)}
            option={option}
            control={controlOf(option)}
          />
        ))}
      </div>
    </fieldset>
  );
}

/** A question answered by one of several radios, in a fieldset whose legend is the question. */
export function RadioGroup({
  name,
  label,
  hint,
  options,
  inline,
}: FieldProps & { options: readonly Option[]; inline?: boolean }) {
  const { register } = useFormContext();
  const parts = useFieldParts(name, label, hint);
  return (
    <ChoiceQuestion
      parts={parts}
      className={inline ? 'radios radios--inline' : 'radios'}
      type="radio"
      options={options}
      controlOf={() => register(name)}
    />
  );
}

/** A question answered by ticking any of several boxes: the field holds the ticked values (string[]). */
export function Checkboxes({ name, label, hint, options }: FieldProps & { options: readonly Option[] }) {
  const { field } = useController({ name });
  const parts = useFieldParts(name, label, hint);
  const ticked: readonly string[] = Array.isArray(field.value) ? (field.value as string[]) : [];
  return (
    <ChoiceQuestion
      parts={parts}
      className="checkboxes"
      type="checkbox"
      options={options}
      controlOf={(option) => ({
        name: field.name,
        checked: ticked.includes(option.value),
        onBlur: field.onBlur,
        onChange: (event: { target: { checked: boolean } }) =>
          field.onChange(
            event.target.checked
              ? [...ticked, option.value]
              : ticked.filter((value) => value !== option.value),
          ),
      })}
    />
  );
}

/** A single box to tick (the field holds true or false). */
export function Checkbox({ name, label, hint }: FieldProps) {
  const { register } = useFormContext();
  const parts = useFieldParts(name, label, hint);
  return (
    <div className={fieldClass(parts.error, ' checkbox')}>
      {parts.hintAndError}
      <div className="radio">
        <input type="checkbox" {...parts.controlProps()} {...register(name)} />
        <label htmlFor={parts.id}>{parts.label}</label>
      </div>
    </div>
  );
}
