/**
 * The field components (GOV.UK patterns): each has a visible label, an optional hint and its error
 * message, both tied to the control with aria-describedby. They take the name of a field of the form
 * around them (<Form>) and read and write it through react-hook-form.
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
  readonly label: ReactNode;
  readonly hint?: ReactNode;
}

interface FieldParts {
  readonly id: string;
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

/** The id, error and hint/error markup every field shares. */
function useFieldParts(name: string, hint: ReactNode): FieldParts {
  const { id: idOf } = useFormIds();
  const { errors } = useFormState({ name });
  const id = idOf(name);
  const error = errorAt(errors, name);
  const hintId = hint ? `${id}-hint` : null;
  const errorId = error ? `${id}-error` : null;
  const describedBy = (...extra: (string | null)[]): string | undefined => {
    const ids = [hintId, errorId, ...extra].filter((value): value is string => value !== null);
    return ids.length > 0 ? ids.join(' ') : undefined;
  };
  return {
    id,
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
function LabelledField({
  parts,
  label,
  children,
}: {
  parts: FieldParts;
  label: ReactNode;
  children: ReactNode;
}) {
  return (
    <div className={fieldClass(parts.error)}>
      <label htmlFor={parts.id}>{label}</label>
      {parts.hintAndError}
      {children}
    </div>
  );
}

/** A question answered with radios or checkboxes: a fieldset whose legend is the question. */
function QuestionFieldset({
  parts,
  label,
  className,
  children,
}: {
  parts: FieldParts;
  label: ReactNode;
  className: string;
  children: ReactNode;
}) {
  return (
    <fieldset className={fieldClass(parts.error, ' fieldset')} aria-describedby={parts.describedBy()}>
      <legend>{label}</legend>
      {parts.hintAndError}
      <div className={className}>{children}</div>
    </fieldset>
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
  const parts = useFieldParts(name, hint);
  return (
    <LabelledField parts={parts} label={label}>
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
  return <TextField {...props} width="medium" hint={props.hint ?? 'For example, 27/3/2027'} />;
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
  const parts = useFieldParts(name, hint);
  const countId = `${parts.id}-count`;
  const counted = maxLength !== undefined && maxLength !== null;
  return (
    <LabelledField parts={parts} label={label}>
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
  const parts = useFieldParts(name, hint);
  return (
    <LabelledField parts={parts} label={label}>
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

/** A question answered by one of several radios, in a fieldset whose legend is the question. */
export function RadioGroup({
  name,
  label,
  hint,
  options,
  inline,
}: FieldProps & { options: readonly Option[]; inline?: boolean }) {
  const { register } = useFormContext();
  const parts = useFieldParts(name, hint);
  return (
    <QuestionFieldset parts={parts} label={label} className={inline ? 'radios radios--inline' : 'radios'}>
      {options.map((option, index) => (
        <Choice
          key={option.value}
          type="radio"
          id={parts.optionId(index, option.value)}
          option={option}
          control={register(name)}
        />
      ))}
    </QuestionFieldset>
  );
}

/** A question answered by ticking any of several boxes: the field holds the ticked values (string[]). */
export function Checkboxes({ name, label, hint, options }: FieldProps & { options: readonly Option[] }) {
  const { field } = useController({ name });
  const parts = useFieldParts(name, hint);
  const ticked: readonly string[] = Array.isArray(field.value) ? (field.value as string[]) : [];
  return (
    <QuestionFieldset parts={parts} label={label} className="checkboxes">
      {options.map((option, index) => (
        <Choice
          key={option.value}
          type="checkbox"
          id={parts.optionId(index, option.value)}
          option={option}
          control={{
            name: field.name,
            checked: ticked.includes(option.value),
            onBlur: field.onBlur,
            onChange: (event: { target: { checked: boolean } }) =>
              field.onChange(
                event.target.checked
                  ? [...ticked, option.value]
                  : ticked.filter((value) => value !== option.value),
              ),
          }}
        />
      ))}
    </QuestionFieldset>
  );
}

/** A single box to tick (the field holds true or false). */
export function Checkbox({ name, label, hint }: FieldProps) {
  const { register } = useFormContext();
  const parts = useFieldParts(name, hint);
  return (
    <div className={fieldClass(parts.error, ' checkbox')}>
      {parts.hintAndError}
      <div className="radio">
        <input type="checkbox" {...parts.controlProps()} {...register(name)} />
        <label htmlFor={parts.id}>{label}</label>
      </div>
    </div>
  );
}
